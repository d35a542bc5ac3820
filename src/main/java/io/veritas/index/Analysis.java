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
