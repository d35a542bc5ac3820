package io.veritas.truth;

import java.nio.charset.StandardCharsets;

/** A 64-bit FNV-1a hash with a final mix: stable across JVMs and runs, so ties broken with it carry no input order. */
final class Hashing {
    private Hashing() {
    }

    static long fnv(String s) {
        long h = 0xcbf29ce484222325L;
        for (byte b : s.getBytes(StandardCharsets.UTF_8)) {
            h ^= b & 0xff;
            h *= 0x100000001b3L;
        }
        // splitmix64 finaliser: FNV alone leaves similar strings with similar high bits.
        h ^= h >>> 30;
        h *= 0xbf58476d1ce4e5b9L;
        h ^= h >>> 27;
        h *= 0x94d049bb133111ebL;
        return h ^ (h >>> 31);
    }
}
