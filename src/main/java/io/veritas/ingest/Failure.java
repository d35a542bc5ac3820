package io.veritas.ingest;

/** An input that could not be ingested: where it is ({@code file}, {@code file:line} or URL) and why. */
public record Failure(String locator, String reason) {
    /** By file, then by line number ("posts.jsonl:2" before "posts.jsonl:10"). */
    public static final java.util.Comparator<Failure> BY_LOCATION = java.util.Comparator
            .comparing((Failure f) -> file(f.locator()))
            .thenComparingLong(f -> line(f.locator()));

    private static String file(String locator) {
        int colon = locator.lastIndexOf(':');
        return colon > 0 && line(locator) >= 0 ? locator.substring(0, colon) : locator;
    }

    private static long line(String locator) {
        int colon = locator.lastIndexOf(':');
        String tail = colon < 0 ? "" : locator.substring(colon + 1);
        return !tail.isEmpty() && tail.length() < 12 && tail.chars().allMatch(Character::isDigit) ? Long.parseLong(tail) : -1;
    }

    @Override
    public String toString() {
        return locator + ": " + reason;
    }
}
