package io.veritas.extract;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Funding rounds named in folded text: "series e", "e轮", "e 轮", "b+轮", "e系列", "天使轮", "seed round". */
public final class Rounds {
    private static final Pattern ROUND = Pattern.compile(
            "series\\s+([a-k])(\\+?)(?![a-z])|(?<![a-z])([a-k])(\\+?)\\s*(?:轮|系列)|(天使|种子|pre-?[a-k])\\s*轮|(seed|angel)\\s+round");

    private Rounds() {
    }

    /** The round named nearest to {@code near} within {@code [from, to)}, as "Series E", "Seed", ...; or null. */
    public static String nearest(String folded, int from, int to, int near) {
        Matcher m = ROUND.matcher(folded);
        m.region(from, to);
        String best = null;
        int bestDistance = Integer.MAX_VALUE;
        while (m.find()) {
            int distance = Math.abs(m.start() - near);
            if (distance < bestDistance) {
                bestDistance = distance;
                best = label(m);
            }
        }
        return best;
    }

    /** Every round named within {@code [from, to)}. */
    public static java.util.Set<String> all(String folded, int from, int to) {
        Matcher m = ROUND.matcher(folded);
        m.region(from, to);
        java.util.Set<String> out = new java.util.TreeSet<>();
        while (m.find()) {
            out.add(label(m));
        }
        return out;
    }

    private static String label(Matcher m) {
        if (m.group(1) != null) {
            return "Series " + m.group(1).toUpperCase(java.util.Locale.ROOT) + m.group(2);
        }
        if (m.group(3) != null) {
            return "Series " + m.group(3).toUpperCase(java.util.Locale.ROOT) + m.group(4);
        }
        if (m.group(5) != null) {
            return switch (m.group(5)) {
                case "天使" -> "Angel";
                case "种子" -> "Seed";
                default -> "Pre-" + m.group(5).substring(m.group(5).length() - 1).toUpperCase(java.util.Locale.ROOT);
            };
        }
        return m.group(6).equals("seed") ? "Seed" : "Angel";
    }
}
