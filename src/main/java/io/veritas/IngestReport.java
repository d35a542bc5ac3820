package io.veritas;

import io.veritas.ingest.Failure;

import java.time.Duration;
import java.util.List;

/**
 * What an ingest run did: every input ends in exactly one bucket (added, updated, duplicate or failed);
 * warnings are about fields that were dropped from documents that were still ingested.
 */
public record IngestReport(int added, int updated, int duplicates, List<Failure> failures, List<Failure> warnings,
                           long bytes, int claims, Duration elapsed) {

    public IngestReport {
        failures = List.copyOf(failures);
        warnings = List.copyOf(warnings);
    }

    public int documents() {
        return added + updated + duplicates;
    }

    public String summary() {
        return String.format(java.util.Locale.ROOT, "%d added, %d updated, %d duplicates, %d failures (%d figures read, %.1f s)",
                added, updated, duplicates, failures.size(), claims, elapsed.toMillis() / 1000.0);
    }
}
