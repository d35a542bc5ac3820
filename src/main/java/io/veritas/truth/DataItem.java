package io.veritas.truth;

import java.util.Comparator;
import java.util.Objects;

/**
 * What a value is about: one attribute of one subject, narrowed by a qualifier (a funding round) and a scope (the
 * day of a flight, the census year). Values of one item compete; values of different items never do.
 *
 * @param qualifier null when the attribute needs none
 * @param scope     null when the item is not tied to a period
 */
public record DataItem(String subject, String attribute, String qualifier, String scope) implements Comparable<DataItem> {
    private static final Comparator<String> NULLS_FIRST = Comparator.nullsFirst(Comparator.naturalOrder());
    private static final Comparator<DataItem> ORDER = Comparator.comparing(DataItem::subject)
            .thenComparing(DataItem::attribute).thenComparing(DataItem::qualifier, NULLS_FIRST)
            .thenComparing(DataItem::scope, NULLS_FIRST);

    public DataItem {
        if (subject == null || subject.isBlank() || attribute == null || attribute.isBlank()) {
            throw new IllegalArgumentException("a data item needs a subject and an attribute, got " + subject + "/" + attribute);
        }
    }

    public static DataItem of(String subject, String attribute) {
        return new DataItem(subject, attribute, null, null);
    }

    @Override
    public int compareTo(DataItem o) {
        return ORDER.compare(this, o);
    }

    @Override
    public String toString() {
        return subject + "/" + attribute + (qualifier == null ? "" : "/" + qualifier) + (scope == null ? "" : "@" + scope);
    }

    /** A hash that depends only on the item's text, stable across runs and JVMs, for tie-breaking. */
    long stableHash() {
        return Hashing.fnv(Objects.toString(subject) + '\u0001' + attribute + '\u0001' + qualifier + '\u0001' + scope);
    }
}
