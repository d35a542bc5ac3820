package io.veritas.text;

import java.util.regex.Pattern;

/**
 * A 64-bit SimHash of a document's text, for finding copies of one story: syndicated articles, reposts,
 * "RT @user:" retweets. Computed over overlapping 4-character shingles of the folded text with spaces,
 * punctuation and repost prefixes removed, so the same words in either Chinese script or with other
 * punctuation give the same bits. Two texts whose fingerprints differ in at most a few bits are near-copies.
 */
public final class Fingerprint {
    private static final int SHINGLE = 4;
    private static final Pattern REPOST_PREFIX = Pattern.compile("^(?:rt|转发|轉發|转|轉)\\s*@[^:：\\s]{1,40}[:：]\\s*", Pattern.CASE_INSENSITIVE);

    private Fingerprint() {
    }

    /** Letters and digits of the text, folded (Traditional to Simplified, lower case), repost prefix removed. */
    public static String normalized(String text) {
        String t = REPOST_PREFIX.matcher(text.strip()).replaceFirst("");
        StringBuilder out = new StringBuilder(t.length());
        for (int i = 0; i < t.length(); i++) {
            char c = t.charAt(i);
            if (Character.isLetterOrDigit(c)) {
                out.append(Script.foldChar(c));
            }
        }
        return out.toString();
    }

    /** Shingles past this many are not looked at: the opening of a long article identifies it well enough. */
    private static final int MAX_SHINGLES = 2000;

    public static long simHash(String text) {
        String s = normalized(text);
        if (s.length() < SHINGLE) {
            return fnv(s, 0, s.length());
        }
        int[] ones = new int[64];
        int n = Math.min(MAX_SHINGLES, s.length() - SHINGLE + 1);
        // Eight counters side by side in each long: lane k of packed[j] counts the ones of bit 8k + j, so a shingle
        // costs eight additions instead of 64. A lane holds up to 255; the lanes are emptied into ones[] before that.
        long[] packed = new long[8];
        int inLanes = 0;
        for (int i = 0; i < n; i++) {
            long h = fnv(s, i, i + SHINGLE);
            for (int j = 0; j < 8; j++) {
                packed[j] += (h >>> j) & 0x0101010101010101L;
            }
            if (++inLanes == 255) {
                unpack(packed, ones);
                inLanes = 0;
            }
        }
        unpack(packed, ones);
        long out = 0;
        for (int b = 0; b < 64; b++) {
            if (ones[b] * 2 > n) {
                out |= 1L << b;
            }
        }
        return out;
    }

    private static void unpack(long[] packed, int[] ones) {
        for (int j = 0; j < 8; j++) {
            long lanes = packed[j];
            for (int k = 0; k < 8; k++) {
                ones[8 * k + j] += (int) ((lanes >>> (8 * k)) & 0xFF);
            }
            packed[j] = 0;
        }
    }

    /** FNV-1a over chars, then a 64-bit finaliser so that nearby shingles spread over all bits. */
    private static long fnv(String s, int from, int to) {
        long h = 0xcbf29ce484222325L;
        for (int i = from; i < to; i++) {
            h ^= s.charAt(i);
            h *= 0x100000001b3L;
        }
        h ^= h >>> 33;
        h *= 0xff51afd7ed558ccdL;
        h ^= h >>> 33;
        h *= 0xc4ceb9fe1a85ec53L;
        h ^= h >>> 33;
        return h;
    }

    public static int distance(long a, long b) {
        return Long.bitCount(a ^ b);
    }
}
