package io.veritas.text;

import java.util.List;
import java.util.Map;

/**
 * Document URLs. Citations hand a document's URL to readers and to the page as a link, so only an absolute http or
 * https URL with a host is kept: {@code javascript:}, {@code data:}, {@code file:}, {@code vbscript:}, relative and
 * malformed URLs are dropped with a warning that names the field (the document itself is still ingested).
 *
 * <p>The check is written out rather than left to {@link java.net.URI}, which refuses URLs that are common in real
 * feeds and work in every browser (an unescaped {@code |} or {@code %} in the path) and gives no host for a
 * non-ASCII domain.
 */
final class Urls {
    private static final int SHOWN = 80;

    private Urls() {
    }

    /** Whether {@code url} is an absolute http(s) URL with a host, such as {@code HTTPS://Example.com/a}. */
    static boolean isHttp(String url) {
        if (url == null) {
            return false;
        }
        String u = url.strip();
        int rest;
        if (u.regionMatches(true, 0, "http://", 0, 7)) {
            rest = 7;
        } else if (u.regionMatches(true, 0, "https://", 0, 8)) {
            rest = 8;
        } else {
            return false;
        }
        for (int i = 0; i < u.length(); i++) {
            char c = u.charAt(i);
            if (c <= ' ' || Character.isWhitespace(c) || Character.isISOControl(c) || c == '<' || c == '>' || c == '"') {
                return false;
            }
        }
        int end = rest;
        while (end < u.length() && "/?#\\".indexOf(u.charAt(end)) < 0) {
            end++;
        }
        String authority = u.substring(rest, end);
        String host = authority.substring(authority.lastIndexOf('@') + 1);
        if (host.startsWith("[")) {
            return host.matches("\\[[0-9A-Fa-f:.]+](:\\d*)?"); // an IPv6 literal, with or without a port
        }
        host = host.replaceFirst(":\\d*$", "");
        if (host.isEmpty() || host.startsWith(".") || host.startsWith("-")) {
            return false;
        }
        for (int i = 0; i < host.length(); i++) {
            char c = host.charAt(i);
            if (!Character.isLetterOrDigit(c) && c != '-' && c != '.' && c != '_') {
                return false;
            }
        }
        return true;
    }

    /**
     * The first candidate that is an http(s) URL, stripped, or null. Each non-blank candidate before it is dropped
     * with a warning naming its field; candidates after it are not looked at.
     */
    static String first(Map<String, String> candidates, List<String> warnings) {
        for (Map.Entry<String, String> c : candidates.entrySet()) {
            String value = c.getValue();
            if (value == null || value.isBlank()) {
                continue;
            }
            if (isHttp(value)) {
                return value.strip();
            }
            String shown = value.strip().replaceAll("\\s+", " ");
            shown = shown.length() <= SHOWN ? shown : shown.substring(0, SHOWN - 1) + "…";
            warnings.add(c.getKey() + " '" + shown + "' is not an http(s) URL; it was dropped");
        }
        return null;
    }
}
