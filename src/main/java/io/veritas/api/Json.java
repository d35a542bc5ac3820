package io.veritas.api;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import io.veritas.index.Hit;

import java.util.List;

/** The JSON shapes of the command line and HTTP contracts, written with one configured mapper. */
public final class Json {
    public static final ObjectMapper MAPPER = new ObjectMapper()
            .registerModule(new JavaTimeModule())
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS);

    private Json() {
    }

    public static String pretty(Object value) {
        try {
            return MAPPER.writerWithDefaultPrettyPrinter().writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("could not write JSON", e);
        }
    }

    /** {@code {"query": ..., "hits": [{id, path, url, title, published, language, score, text, ...}]}}. */
    public static ObjectNode hits(String query, List<Hit> hits) {
        ObjectNode root = MAPPER.createObjectNode();
        root.put("query", query);
        ArrayNode array = root.putArray("hits");
        for (Hit h : hits) {
            ObjectNode o = array.addObject();
            o.put("id", h.source().docId());
            o.put("passage", h.ordinal());
            o.put("path", h.source().path());
            o.put("url", h.source().url());
            o.put("title", h.source().title());
            o.put("published", h.source().published() == null ? null : h.source().published().toString());
            o.put("language", h.language());
            o.put("score", h.score());
            o.put("start", h.start());
            o.put("end", h.end());
            o.put("text", h.text());
            o.put("highlight", h.highlight());
        }
        return root;
    }
}
