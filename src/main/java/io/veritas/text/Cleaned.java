package io.veritas.text;

import java.time.Instant;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What a format-specific cleaner hands back: the clean text and the metadata it found. Nulls mean unknown;
 * {@code tags} is empty when there are none. {@code urls} are the document URLs the format gave, by the name of the
 * field they came from, best first; the text stage keeps the first that is an http(s) URL ({@link Urls}).
 */
record Cleaned(String text, String title, Instant published, String author, Map<String, String> urls, String summary,
               List<String> tags) {
    Cleaned {
        tags = tags == null ? List.of() : List.copyOf(tags);
        urls = urls == null ? Map.of() : Collections.unmodifiableMap(new LinkedHashMap<>(urls));
    }

    Cleaned(String text, String title, Instant published, String author, Map<String, String> urls, String summary) {
        this(text, title, published, author, urls, summary, List.of());
    }
}
