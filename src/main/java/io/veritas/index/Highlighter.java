package io.veritas.index;

import org.apache.lucene.analysis.Analyzer;
import org.apache.lucene.analysis.TokenStream;
import org.apache.lucene.analysis.tokenattributes.CharTermAttribute;
import org.apache.lucene.analysis.tokenattributes.OffsetAttribute;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Marks the words a search matched, the same way whatever index found the passage: the query and its expansion
 * are analysed into index terms ({@link Analysis}), the passage is analysed with offsets, and the spans whose term
 * is among them are wrapped in {@code <b>…</b>}. Done after ranking, so only the passages shown are analysed.
 */
public final class Highlighter {
    private static final Analyzer ANALYZER = Analysis.analyzer();

    private Highlighter() {
    }

    /** The hits with their matched words marked in {@link Hit#highlight()}. */
    public static List<Hit> apply(List<Hit> hits, String query, QueryExpander.Expansion expansion) {
        Set<String> terms = terms(query, expansion);
        List<Hit> out = new ArrayList<>(hits.size());
        for (Hit h : hits) {
            out.add(new Hit(h.source(), h.ordinal(), h.start(), h.end(), h.language(), h.text(), h.score(), mark(h.text(), terms)));
        }
        return out;
    }

    /** The index terms of the query's words and of every word and name its expansion added. */
    static Set<String> terms(String query, QueryExpander.Expansion expansion) {
        Set<String> terms = new HashSet<>();
        addTokens(query, terms);
        expansion.terms().forEach(t -> addTokens(t, terms));
        expansion.entities().forEach(names -> names.forEach(n -> addTokens(n, terms)));
        expansion.translations().forEach(t -> t.targets().keySet().forEach(n -> addTokens(n, terms)));
        return terms;
    }

    private static void addTokens(String text, Set<String> into) {
        into.addAll(Analysis.tokens(ANALYZER, text));
    }

    /**
     * The whole passage with every span whose token is one of the query's terms marked {@code <b>…</b>}, found by
     * running the analyzer over the text with offsets; overlapping and touching spans (the bigrams of one Chinese
     * word) become one mark. The text between and inside the marks is escaped for HTML ({@code & < > " '}), so
     * markup an ingested document holds comes back as text, never live, and {@code <b>} is the only tag.
     */
    public static String mark(String body, Set<String> terms) {
        if (terms.isEmpty()) {
            return escape(new StringBuilder(), body, 0, body.length()).toString();
        }
        List<int[]> spans = new ArrayList<>();
        try (TokenStream ts = ANALYZER.tokenStream("body", body)) {
            CharTermAttribute term = ts.addAttribute(CharTermAttribute.class);
            OffsetAttribute offset = ts.addAttribute(OffsetAttribute.class);
            ts.reset();
            while (ts.incrementToken()) {
                if (terms.contains(term.toString())) {
                    spans.add(new int[]{offset.startOffset(), offset.endOffset()});
                }
            }
            ts.end();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        if (spans.isEmpty()) {
            return escape(new StringBuilder(), body, 0, body.length()).toString();
        }
        spans.sort((a, b) -> Integer.compare(a[0], b[0]));
        StringBuilder out = new StringBuilder(body.length() + 16 * spans.size());
        int written = 0;
        int start = spans.get(0)[0];
        int end = spans.get(0)[1];
        for (int i = 1; i <= spans.size(); i++) {
            if (i < spans.size() && spans.get(i)[0] <= end) {
                end = Math.max(end, spans.get(i)[1]);
                continue;
            }
            escape(escape(out, body, written, start).append("<b>"), body, start, end).append("</b>");
            written = end;
            if (i < spans.size()) {
                start = spans.get(i)[0];
                end = spans.get(i)[1];
            }
        }
        return escape(out, body, written, body.length()).toString();
    }

    private static StringBuilder escape(StringBuilder out, String text, int from, int to) {
        for (int i = from; i < to; i++) {
            char c = text.charAt(i);
            switch (c) {
                case '&' -> out.append("&amp;");
                case '<' -> out.append("&lt;");
                case '>' -> out.append("&gt;");
                case '"' -> out.append("&quot;");
                case '\'' -> out.append("&#39;");
                default -> out.append(c);
            }
        }
        return out;
    }
}
