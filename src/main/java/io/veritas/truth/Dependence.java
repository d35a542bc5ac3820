package io.veritas.truth;

/** The probability that {@code copier} copies its values from {@code original}, as AccuCopy estimates it. */
public record Dependence(String copier, String original, double probability, double sharedItems) {
}
