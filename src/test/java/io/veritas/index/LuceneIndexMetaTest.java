package io.veritas.index;

import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** The stored metadata text is the one Jackson writes, character for character. */
class LuceneIndexMetaTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void sameTextAsJackson() throws Exception {
        Map<String, String> meta = new LinkedHashMap<>();
        meta.put("source", "中央社 (cna) RSS");
        meta.put("line", "15938");
        meta.put("quote\"back\\slash/", "tab\tnew\nline\r\b\f\u0000\u001f\u007f\u2028\uD83D\uDE00 \uD800");
        meta.put("empty", "");
        assertEquals(JSON.writeValueAsString(meta), LuceneIndex.metaJson(meta, "d"));

        Random random = new Random(7);
        for (int n = 0; n < 2000; n++) {
            Map<String, String> m = new LinkedHashMap<>();
            for (int k = 0, keys = 1 + random.nextInt(4); k < keys; k++) {
                m.put(randomText(random), randomText(random));
            }
            assertEquals(JSON.writeValueAsString(m), LuceneIndex.metaJson(m, "d"));
        }
        Map<String, String> nullValue = new LinkedHashMap<>();
        nullValue.put("a", null);
        assertEquals(JSON.writeValueAsString(nullValue), LuceneIndex.metaJson(nullValue, "d"));
    }

    private static String randomText(Random random) {
        StringBuilder b = new StringBuilder();
        for (int i = 0, n = random.nextInt(12); i < n; i++) {
            int kind = random.nextInt(4);
            b.append(kind == 0 ? (char) random.nextInt(0x80) : kind == 1 ? (char) random.nextInt(0x10000)
                    : kind == 2 ? (char) (0x20 + random.nextInt(0x5f)) : (char) random.nextInt(0x21));
        }
        return b.toString();
    }
}
