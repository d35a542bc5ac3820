package io.veritas.ingest;

import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** Every form of publication time the sources write, read to the same instant. */
class TimestampsTest {
    private static Optional<Instant> at(String s) {
        return Optional.of(Instant.parse(s));
    }

    @Test
    void readsEveryForm() {
        assertEquals(at("2015-02-17T07:36:05Z"), Timestamps.parse("2015-02-17T07:36:05Z"));
        assertEquals(at("2019-11-16T06:20:06Z"), Timestamps.parse("2019-11-16T14:20:06+08:00"));
        assertEquals(at("2019-11-16T14:20:06Z"), Timestamps.parse("2019-11-16t14:20:06z"));
        assertEquals(at("1987-02-26T15:01:01Z"), Timestamps.parse("1987-02-26T15:01:01"));
        assertEquals(at("2008-06-03T11:05:30Z"), Timestamps.parse("Tue, 3 Jun 2008 11:05:30 GMT"));
        assertEquals(at("2026-01-07T00:00:00Z"), Timestamps.parse("2026-01-07"));
        assertEquals(at("2026-01-07T00:00:00Z"), Timestamps.parse(" 2026/1/7 "));
        assertEquals(at("2026-01-07T16:20:00Z"), Timestamps.parse("2026年1月7日 16:20"));
        assertEquals(at("2026-01-07T00:00:00Z"), Timestamps.parse("2026.01.07"));
        // The space before the time is not taken by the day: these were read as midnight.
        assertEquals(at("2026-01-07T16:20:00Z"), Timestamps.parse("2026-01-07 16:20"));
        assertEquals(at("2026-01-07T16:20:45Z"), Timestamps.parse("2026/1/7 16:20:45"));
        assertEquals(at("2026-01-07T09:05:00Z"), Timestamps.parse("2026年1月7日09:05"));
        assertEquals(Optional.of(Instant.ofEpochSecond(1767802800L)), Timestamps.parse("1767802800"));
        assertEquals(Optional.of(Instant.ofEpochMilli(1767802800123L)), Timestamps.parse("1767802800123"));
    }

    @Test
    void refusesWhatIsNoTime() {
        assertEquals(Optional.empty(), Timestamps.parse(null));
        assertEquals(Optional.empty(), Timestamps.parse("  "));
        assertEquals(Optional.empty(), Timestamps.parse("yesterday"));
        assertEquals(Optional.empty(), Timestamps.parse("2026-13-40"));
        assertEquals(Optional.empty(), Timestamps.parse("12345"));
    }
}
