package io.veritas.answer;

import io.veritas.text.Script;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;

/** Language data for writing answers and follow-up questions, read from tab-separated resource files. */
final class Phrases {
    private static final Map<String, String[]> PHRASES = load("phrases.tsv");
    private static final Map<String, String[]> QUESTIONS = load("questions.tsv");

    private Phrases() {
    }

    /** The phrase in English or Simplified Chinese (Traditional is converted from Simplified by the caller). */
    static String get(String key, String language) {
        String[] row = PHRASES.get(key);
        if (row == null) {
            throw new IllegalStateException("phrases.tsv has no entry '" + key + "'");
        }
        return Script.EN.equals(language) ? row[0] : row[1];
    }

    static String question(String key, String language) {
        String[] row = QUESTIONS.get(key);
        return row == null ? null : (Script.EN.equals(language) ? row[0] : row[1]);
    }

    private static Map<String, String[]> load(String name) {
        String resource = "/io/veritas/lexicon/" + name;
        Map<String, String[]> out = new HashMap<>();
        try (InputStream in = Phrases.class.getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException("missing resource " + resource + "; the jar is incomplete, rebuild it");
            }
            BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
            String line;
            while ((line = reader.readLine()) != null) {
                if (line.isBlank() || line.startsWith("#")) {
                    continue;
                }
                String[] cols = line.split("\t", -1);
                if (cols.length >= 3) {
                    out.put(cols[0], new String[]{cols[1], cols[2]});
                }
            }
            return out;
        } catch (IOException e) {
            throw new UncheckedIOException("could not read " + resource, e);
        }
    }
}
