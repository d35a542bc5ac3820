package io.veritas.ingest;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

/**
 * Reads one JSON post or article object: {@code id, published, author, lang, text, url, title}. Other fields
 * are kept as metadata. {@code content} or {@code body} are accepted for {@code text}, {@code date} or
 * {@code created_at} for {@code published}.
 */
public final class JsonPosts {
    private static final ObjectMapper MAPPER = new ObjectMapper();
    private static final Set<String> KNOWN = Set.of("id", "published", "date", "created_at", "author", "lang", "language",
            "text", "content", "body", "html", "url", "link", "title");

    private JsonPosts() {
    }

    /** Why a JSON record was refused; the message names the field and what to do. */
    public static final class BadRecord extends Exception {
        public BadRecord(String message) {
            super(message);
        }
    }

    public static RawItem parse(String locator, String path, String json) throws BadRecord {
        JsonNode node;
        try {
            node = MAPPER.readTree(json);
        } catch (JsonProcessingException e) {
            String detail = e.getOriginalMessage();
            int cut = detail.indexOf('\n');
            throw new BadRecord("malformed JSON (" + (cut > 0 ? detail.substring(0, cut) : detail)
                    + "); each record must be one complete JSON object");
        }
        if (node == null || !node.isObject()) {
            throw new BadRecord("expected a JSON object with a \"text\" field, found " + (node == null ? "nothing" : node.getNodeType().toString().toLowerCase()));
        }
        String html = text(node, "html");
        String text = first(node, "text", "content", "body");
        if ((text == null || text.isBlank()) && (html == null || html.isBlank())) {
            throw new BadRecord("the record has no \"text\" (or \"content\"/\"body\"/\"html\"); add the post's text");
        }
        String publishedRaw = first(node, "published", "date", "created_at");
        Instant published = null;
        Map<String, String> extra = new LinkedHashMap<>();
        if (publishedRaw != null && !publishedRaw.isBlank()) {
            published = Timestamps.parse(publishedRaw).orElse(null);
            if (published == null) {
                extra.put(RawItem.WARNING, "field \"published\" has an unreadable date '" + publishedRaw
                        + "' and was ignored; use ISO 8601 such as 2026-01-07T16:20:00+08:00");
            }
        }
        node.properties().forEach(e -> {
            if (!KNOWN.contains(e.getKey())) {
                extra.put(e.getKey(), e.getValue().isValueNode() ? e.getValue().asText() : e.getValue().toString());
            }
        });
        Format format = text != null && !text.isBlank() ? Format.POST : Format.HTML;
        return new RawItem(locator, path, format, text != null && !text.isBlank() ? text : html,
                text(node, "id"), first(node, "url", "link"), text(node, "title"), published, text(node, "author"),
                first(node, "lang", "language"), extra);
    }

    private static String first(JsonNode node, String... names) {
        for (String n : names) {
            String v = text(node, n);
            if (v != null) {
                return v;
            }
        }
        return null;
    }

    private static String text(JsonNode node, String name) {
        JsonNode v = node.get(name);
        if (v == null || v.isNull()) {
            return null;
        }
        return v.isValueNode() ? v.asText() : v.toString();
    }
}
