package io.veritas.ingest;

import java.time.Instant;
import java.util.Map;

/**
 * One item as a source delivered it, before any cleaning: the raw text plus what the source already knows.
 *
 * @param locator   where it came from, for messages: {@code path}, {@code path:line} or a URL
 * @param path      the file it was read from, or null
 * @param format    the format of {@code text}
 * @param text      the decoded content (an HTML page, Markdown, plain text, or a post's text)
 * @param id        the id the source gave, or null
 * @param url       the URL the source gave, or null
 * @param title     the title the source gave, or null
 * @param published the time the source gave, or null
 * @param author    the author the source gave, or null
 * @param language  the language the source declared, or null
 * @param extra     fields the source had that Veritas does not interpret, kept as metadata
 */
public record RawItem(String locator, String path, Format format, String text, String id, String url, String title,
                      Instant published, String author, String language, Map<String, String> extra) {
    /** Key of {@link #extra} under which a source notes something it dropped; the text stage reports it. */
    public static final String WARNING = "veritas.warning";

    public RawItem {
        if (locator == null || locator.isBlank()) {
            throw new IllegalArgumentException("RawItem needs a locator that names where it came from");
        }
        if (format == null || text == null) {
            throw new IllegalArgumentException(locator + ": RawItem needs a format and a text");
        }
        extra = extra == null ? Map.of() : Map.copyOf(extra);
    }

    /** A copy with one more metadata field. */
    public RawItem withExtra(String key, String value) {
        java.util.Map<String, String> more = new java.util.LinkedHashMap<>(extra);
        more.put(key, value);
        return new RawItem(locator, path, format, text, id, url, title, published, author, language, more);
    }

    public static RawItem ofFile(String path, Format format, String text) {
        return new RawItem(path, path, format, text, null, null, null, null, null, null, Map.of());
    }
}
