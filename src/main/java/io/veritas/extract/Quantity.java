package io.veritas.extract;

/**
 * An amount of money found in text.
 *
 * @param start    offset of the first character of the amount in the text
 * @param end      offset after the last character
 * @param value    the amount in units of {@code currency} (e.g. 2.0E10 for "200亿美元")
 * @param currency ISO 4217 code
 * @param bound    {@code exact}, {@code approx}, {@code upTo}, {@code atLeast} or {@code below}
 */
public record Quantity(int start, int end, double value, String currency, String bound) {
}
