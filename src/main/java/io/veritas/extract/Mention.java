package io.veritas.extract;

/** A name of an entity found in text; {@code name} is the folded surface form, {@code type} org or person. */
public record Mention(int start, int end, String name, String type) {
}
