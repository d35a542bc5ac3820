package io.veritas.index;

import io.veritas.text.Script;
import org.apache.lucene.analysis.Analyzer;
import org.apache.lucene.analysis.CharArraySet;
import org.apache.lucene.analysis.LowerCaseFilter;
import org.apache.lucene.analysis.StopFilter;
import org.apache.lucene.analysis.TokenFilter;
import org.apache.lucene.analysis.TokenStream;
import org.apache.lucene.analysis.cjk.CJKBigramFilter;
import org.apache.lucene.analysis.cjk.CJKWidthFilter;
import org.apache.lucene.analysis.en.EnglishAnalyzer;
import org.apache.lucene.analysis.en.EnglishPossessiveFilter;
import org.apache.lucene.analysis.en.PorterStemFilter;
import org.apache.lucene.analysis.standard.StandardTokenizer;
import org.apache.lucene.analysis.tokenattributes.CharTermAttribute;

import java.io.IOException;

/**
 * The analyzer for passages and queries, the same on both sides: Unicode word breaks, full-width folding,
 * lower case, Traditional folded to Simplified, English possessives, stop words and Porter stems, and
 * overlapping bigrams for Chinese (robust for names no dictionary knows; see STACK.md for the comparison).
 */
public final class Analysis {
    private Analysis() {
    }

    public static Analyzer analyzer() {
        return new Analyzer() {
            @Override
            protected TokenStreamComponents createComponents(String fieldName) {
                StandardTokenizer source = new StandardTokenizer();
                TokenStream ts = new CJKWidthFilter(source);
                ts = new LowerCaseFilter(ts);
                ts = new SimplifiedFilter(ts);
                ts = new EnglishPossessiveFilter(ts);
                ts = new CJKBigramFilter(ts);
                ts = new StopFilter(ts, STOP_WORDS);
                ts = new PorterStemFilter(ts);
                return new TokenStreamComponents(source, ts);
            }
        };
    }

    /** The tokens {@code analyzer} makes of {@code text}, in order (the passage field's analysis). */
    public static java.util.List<String> tokens(Analyzer analyzer, String text) {
        java.util.List<String> out = new java.util.ArrayList<>();
        try (TokenStream ts = analyzer.tokenStream("body", text)) {
            CharTermAttribute term = ts.addAttribute(CharTermAttribute.class);
            ts.reset();
            while (ts.incrementToken()) {
                out.add(term.toString());
            }
            ts.end();
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
        return out;
    }

    /** The field of word-segmented Chinese text, present when the data folder's analysis is {@code smartcn}. */
    public static final String WORDS_FIELD = "words";
    /**
     * Weight of the word field beside the bigrams: measured on the retrieval question set (BENCHMARKS.md), where
     * it raised MRR and left recall as it was.
     */
    public static final float WORDS_BOOST = 0.5f;

    /**
     * Chinese words found by Lucene's smartcn (a hidden Markov model over a dictionary) in text already folded to
     * Simplified ({@link io.veritas.text.Script#fold}; the model was trained on Simplified text), plus English
     * words as they are. Used beside the bigrams: words rank "融资" above passages that merely contain "资" next to
     * "融", bigrams still catch names the dictionary does not know. Only its Chinese words are kept.
     */
    public static Analyzer words() {
        return new org.apache.lucene.analysis.cn.smart.SmartChineseAnalyzer(true);
    }

    /** Whether a text has Chinese in it (only such passages get the word field). */
    public static boolean hasChinese(String text) {
        return text.codePoints().anyMatch(c -> Character.UnicodeScript.of(c) == Character.UnicodeScript.HAN);
    }

    /** The Chinese words {@link #words()} finds in a text (folded to Simplified first), at most {@code max}. */
    public static java.util.List<String> wordTokens(Analyzer words, String text, int max) {
        java.util.List<String> out = new java.util.ArrayList<>();
        try (TokenStream ts = words.tokenStream(WORDS_FIELD, Script.fold(text))) {
            CharTermAttribute term = ts.addAttribute(CharTermAttribute.class);
            ts.reset();
            while (out.size() < max && ts.incrementToken()) {
                String t = term.toString();
                if (hasChinese(t)) { // English words are the bigram field's business (stemmed, stop words removed)
                    out.add(t);
                }
            }
            ts.end();
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
        return out;
    }

    private static final CharArraySet STOP_WORDS;

    static {
        CharArraySet stop = new CharArraySet(EnglishAnalyzer.ENGLISH_STOP_WORDS_SET, false);
        for (String w : new String[]{"what", "how", "much", "many", "does", "did", "do", "is", "was", "its", "who",
                "when", "which", "why", "where", "has", "have", "had"}) {
            stop.add(w);
        }
        STOP_WORDS = CharArraySet.unmodifiableSet(stop);
    }

    /** Folds each Traditional character of a token to Simplified, character by character. */
    private static final class SimplifiedFilter extends TokenFilter {
        private final CharTermAttribute term = addAttribute(CharTermAttribute.class);

        SimplifiedFilter(TokenStream in) {
            super(in);
        }

        @Override
        public boolean incrementToken() throws IOException {
            if (!input.incrementToken()) {
                return false;
            }
            char[] buffer = term.buffer();
            for (int i = 0, n = term.length(); i < n; i++) {
                buffer[i] = Script.foldChar(buffer[i]);
            }
            return true;
        }
    }
}
