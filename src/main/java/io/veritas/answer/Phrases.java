package io.veritas.answer;

import io.veritas.extract.Lexicon;
import io.veritas.text.Script;

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
        Map<String, String[]> out = new HashMap<>();
        for (String[] cols : Lexicon.rows(name, 3)) {
            out.put(cols[0], new String[]{cols[1], cols[2]});
        }
        return out;
    }
}
