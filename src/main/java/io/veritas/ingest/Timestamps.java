package io.veritas.ingest;

import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads the publication times that sources write: ISO 8601 instants, offsets or plain dates, RFC 1123 (feeds),
 * {@code 2026-01-07 16:20}, {@code 2026/1/7}, {@code 2026年1月7日}. Times without a zone are read as UTC.
 */
public final class Timestamps {
    private static final Pattern YMD = Pattern.compile(
            "(\\d{4})\\s*[-/.年]\\s*(\\d{1,2})\\s*[-/.月]\\s*(\\d{1,2})(?:\\s*日)?(?:(?:[ T]+|(?<=日)\\s*)(\\d{1,2}):(\\d{2})(?::(\\d{2}))?)?");
    private static final Pattern EPOCH = Pattern.compile("\\d{10,13}");
    private static final List<DateTimeFormatter> ZONED = List.of(
            DateTimeFormatter.RFC_1123_DATE_TIME,
            DateTimeFormatter.ofPattern("EEE, d MMM yyyy HH:mm:ss zzz", Locale.ENGLISH),
            DateTimeFormatter.ofPattern("EEE, d MMM yyyy HH:mm zzz", Locale.ENGLISH));

    private Timestamps() {
    }

    public static Optional<Instant> parse(String value) {
        if (value == null) {
            return Optional.empty();
        }
        String s = value.trim();
        if (s.isEmpty()) {
            return Optional.empty();
        }
        if (hasLetter(s)) {
            Optional<Instant> written = parseWritten(s);
            if (written.isPresent()) {
                return written;
            }
        }
        if (EPOCH.matcher(s).matches()) {
            long n = Long.parseLong(s);
            return Optional.of(s.length() == 13 ? Instant.ofEpochMilli(n) : Instant.ofEpochSecond(n));
        }
        Matcher m = YMD.matcher(s);
        if (m.lookingAt()) {
            try {
                LocalDate d = LocalDate.of(Integer.parseInt(m.group(1)), Integer.parseInt(m.group(2)), Integer.parseInt(m.group(3)));
                int h = m.group(4) == null ? 0 : Integer.parseInt(m.group(4));
                int min = m.group(5) == null ? 0 : Integer.parseInt(m.group(5));
                int sec = m.group(6) == null ? 0 : Integer.parseInt(m.group(6));
                return Optional.of(d.atTime(h, min, sec).toInstant(ZoneOffset.UTC));
            } catch (java.time.DateTimeException e) {
                return Optional.empty();
            }
        }
        return Optional.empty();
    }

    /**
     * Whether a value holds a letter. Every form java.time reads here has one (the {@code T} of ISO 8601, the
     * month and zone names of RFC 1123), so a value without any, such as a plain date {@code 2026-01-07}, cannot be
     * one of them and goes straight to the numeric forms: no parser is tried only to throw.
     */
    private static boolean hasLetter(String s) {
        for (int i = 0; i < s.length(); i++) {
            if (Character.isLetter(s.charAt(i))) {
                return true;
            }
        }
        return false;
    }

    /** The ISO 8601 and RFC 1123 forms, in that order. */
    private static Optional<Instant> parseWritten(String s) {
        try {
            return Optional.of(Instant.parse(s));
        } catch (DateTimeParseException ignored) {
            // try the next form
        }
        try {
            return Optional.of(OffsetDateTime.parse(s).toInstant());
        } catch (DateTimeParseException ignored) {
            // try the next form
        }
        try {
            return Optional.of(LocalDateTime.parse(s).toInstant(ZoneOffset.UTC));
        } catch (DateTimeParseException ignored) {
            // try the next form
        }
        for (DateTimeFormatter f : ZONED) {
            try {
                return Optional.of(ZonedDateTime.parse(s, f).toInstant());
            } catch (DateTimeParseException ignored) {
                // try the next form
            }
        }
        return Optional.empty();
    }
}
