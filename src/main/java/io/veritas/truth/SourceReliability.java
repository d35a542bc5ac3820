package io.veritas.truth;

import java.util.Map;

/**
 * What the engine has learned about one source: the probability that a value it states is true, overall and per
 * attribute, and how many claims that rests on.
 *
 * @param claims      the (fractional) number of data items the estimate rests on
 * @param byAttribute accuracy per attribute, shrunk towards {@code accuracy} where the source has few claims
 */
public record SourceReliability(String source, double accuracy, double claims, Map<String, Double> byAttribute) {
    public SourceReliability {
        byAttribute = Map.copyOf(byAttribute);
    }
}
