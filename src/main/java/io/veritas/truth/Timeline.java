package io.veritas.truth;

import java.time.LocalDate;
import java.util.List;

/** The values of one attribute of one subject over time, oldest first, each with its sources and status. */
public record Timeline(String subject, String attribute, List<Entry> entries) {
    public Timeline {
        entries = List.copyOf(entries);
    }

    /** One value as of a date; {@code asOf} is null for undated values, which come last. */
    public record Entry(DataItem item, Value value, LocalDate asOf, Status status, double confidence, List<String> sources) {
        public Entry {
            sources = List.copyOf(sources);
        }
    }
}
