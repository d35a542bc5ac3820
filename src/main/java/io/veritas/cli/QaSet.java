package io.veritas.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.veritas.answer.Answer;
import io.veritas.answer.Citation;
import io.veritas.text.Normalizer;
import io.veritas.text.Script;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Function;

/**
 * A question-answering set and its scoring. One JSON object per line: {@code id}, {@code question}, {@code lang}
 * (en, zh-Hans, zh-Hant), {@code type}, {@code answers} (alternative short answers: any one in the answer counts),
 * {@code require} (strings that must all be in the answer: every investor of a list, each side of a comparison),
 * {@code answerable} (false for a false premise or a question the corpus cannot answer).
 *
 * <p>An answerable question is answered right when the engine answers it ({@code answered: true}) and its short
 * answer or text holds one of the answers and all required strings; an unanswerable one when the engine says it
 * cannot ({@code answered: false}). Strings are compared after NFKC, folding Traditional to Simplified, lower
 * case and without spaces, so "US$ 40 million" holds "$40 million" and "8億元" holds "8亿元".
 */
final class QaSet {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Set<String> LANGUAGES = Set.of(Script.EN, Script.HANS, Script.HANT);

    /** One question of the set. */
    record Item(String id, String question, String lang, String type, List<String> answers, List<String> require,
                boolean answerable) {
    }

    /** What the engine did with one question. */
    record Outcome(Item item, Answer answer, boolean correct, boolean firstQuoteHolds) {
    }

    /** Right answers out of questions, for one group (all, a language, a type). */
    record Tally(int questions, int correct) {
        double accuracy() {
            return questions == 0 ? 0 : (double) correct / questions;
        }
    }

    /** The scores of a run. */
    record Report(Map<String, Tally> byLanguage, Map<String, Tally> byType, Tally all, int answeredRight,
                  int firstQuoteHolds, int refusals, int rightRefusals, int unanswerable, List<Outcome> misses) {
        /** Of the right answers to answerable questions, the share whose first citation quotes the answer. */
        double citationPrecision() {
            return answeredRight == 0 ? 0 : (double) firstQuoteHolds / answeredRight;
        }

        /** Of the refusals, the share that were for questions the corpus cannot answer. */
        double noAnswerPrecision() {
            return refusals == 0 ? 0 : (double) rightRefusals / refusals;
        }

        /** Of the questions the corpus cannot answer, the share refused. */
        double noAnswerRecall() {
            return unanswerable == 0 ? 0 : (double) rightRefusals / unanswerable;
        }
    }

    static List<Item> read(Path file) throws IOException {
        List<Item> out = new ArrayList<>();
        int lineNo = 0;
        for (String line : Files.readAllLines(file, StandardCharsets.UTF_8)) {
            lineNo++;
            if (line.isBlank() || line.startsWith("#")) {
                continue;
            }
            String where = file + ":" + lineNo;
            JsonNode o;
            try {
                o = JSON.readTree(line);
            } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
                throw new IllegalArgumentException(where + ": not a JSON object (" + e.getOriginalMessage()
                        + "); write one question per line as {\"id\":…, \"question\":…, \"lang\":…, \"answers\":[…], \"answerable\":true}");
            }
            String question = text(o, "question");
            String lang = text(o, "lang");
            if (question == null || question.isBlank()) {
                throw new IllegalArgumentException(where + ": field 'question' is missing or empty");
            }
            if (lang == null || !LANGUAGES.contains(lang)) {
                throw new IllegalArgumentException(where + ": field 'lang' is '" + lang + "'; use en, zh-Hans or zh-Hant");
            }
            boolean answerable = !o.has("answerable") || o.get("answerable").asBoolean(true);
            List<String> answers = strings(o, "answers");
            List<String> require = strings(o, "require");
            if (answerable && answers.isEmpty() && require.isEmpty()) {
                throw new IllegalArgumentException(where + ": an answerable question needs 'answers' or 'require'");
            }
            String id = text(o, "id");
            out.add(new Item(id == null ? "line " + lineNo : id, question, lang,
                    text(o, "type") == null ? "unknown" : text(o, "type"), answers, require, answerable));
        }
        return out;
    }

    /** Asks every question through {@code ask} and scores the answers. */
    static Report evaluate(List<Item> items, Function<String, Answer> ask) {
        Map<String, int[]> byLanguage = new TreeMap<>();
        Map<String, int[]> byType = new TreeMap<>();
        int right = 0;
        int answeredRight = 0;
        int firstQuote = 0;
        int refusals = 0;
        int rightRefusals = 0;
        int unanswerable = 0;
        List<Outcome> misses = new ArrayList<>();
        for (Item item : items) {
            Answer a = ask.apply(item.question());
            boolean correct;
            boolean quoteHolds = false;
            if (!a.answered()) {
                refusals++;
            }
            if (item.answerable()) {
                String said = norm((a.shortAnswer() == null ? "" : a.shortAnswer()) + " " + a.answer());
                correct = a.answered() && holds(said, item);
                if (correct) {
                    answeredRight++;
                    List<Citation> cited = a.citations();
                    quoteHolds = !cited.isEmpty() && holds(norm(cited.get(0).quote()), item.answers(), item.require());
                    firstQuote += quoteHolds ? 1 : 0;
                }
            } else {
                unanswerable++;
                correct = !a.answered();
                rightRefusals += correct ? 1 : 0;
            }
            right += correct ? 1 : 0;
            count(byLanguage, item.lang(), correct);
            count(byType, item.answerable() ? item.type() : "false premise", correct);
            if (!correct) {
                misses.add(new Outcome(item, a, false, false));
            }
        }
        return new Report(tallies(byLanguage), tallies(byType), new Tally(items.size(), right), answeredRight,
                firstQuote, refusals, rightRefusals, unanswerable, misses);
    }

    private static boolean holds(String said, Item item) {
        return holds(said, item.answers(), item.require());
    }

    /** One of {@code answers} (when there are any) and every one of {@code require} in {@code said}. */
    private static boolean holds(String said, List<String> answers, List<String> require) {
        boolean any = answers.isEmpty() || answers.stream().anyMatch(s -> said.contains(norm(s)));
        return any && require.stream().allMatch(s -> said.contains(norm(s)));
    }

    static String norm(String s) {
        // "5,000台" is "5000台": digit-group commas are formatting, not a different figure; a head count of
        // "320名员工" is "320人".
        return Script.fold(Normalizer.nfkc(s)).toLowerCase(Locale.ROOT).replaceAll("\\s+", "").replaceAll("(?<=\\d),(?=\\d{3})", "")
                .replaceAll("(?<=\\d)名员工", "人");
    }

    private static void count(Map<String, int[]> groups, String key, boolean correct) {
        int[] t = groups.computeIfAbsent(key, k -> new int[2]);
        t[0]++;
        t[1] += correct ? 1 : 0;
    }

    private static Map<String, Tally> tallies(Map<String, int[]> groups) {
        Map<String, Tally> out = new LinkedHashMap<>();
        groups.forEach((k, t) -> out.put(k, new Tally(t[0], t[1])));
        return out;
    }

    private static String text(JsonNode o, String field) {
        JsonNode v = o.get(field);
        return v == null || v.isNull() ? null : v.asText();
    }

    private static List<String> strings(JsonNode o, String field) {
        List<String> out = new ArrayList<>();
        JsonNode v = o.get(field);
        if (v != null && v.isArray()) {
            v.forEach(e -> {
                if (!e.asText().isBlank()) {
                    out.add(e.asText());
                }
            });
        }
        return out;
    }
}
