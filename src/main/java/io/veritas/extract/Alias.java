package io.veritas.extract;

/**
 * Two names of one entity that a document teaches ("深瞳智能（DeepPupil AI）", "X, formerly known as Twitter"),
 * both folded, and the entity's type ({@code org} or {@code person}).
 */
public record Alias(String a, String b, String type) implements Comparable<Alias> {
    public Alias {
        if (a == null || b == null || type == null) {
            throw new IllegalArgumentException("an alias needs two names and a type");
        }
    }

    @Override
    public int compareTo(Alias o) {
        int c = a.compareTo(o.a);
        if (c == 0) {
            c = b.compareTo(o.b);
        }
        return c == 0 ? type.compareTo(o.type) : c;
    }
}
