package io.veritas.ingest;

/** An input that could not be ingested: where it is ({@code file}, {@code file:line} or URL) and why. */
public record Failure(String locator, String reason) {
    @Override
    public String toString() {
        return locator + ": " + reason;
    }
}
