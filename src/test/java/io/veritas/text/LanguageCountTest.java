package io.veritas.text;

import org.junit.jupiter.api.Test;

import java.util.Random;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** The language of a text with links and handles is the one its text with them blanked out has. */
class LanguageCountTest {
    private static final Pattern LINKS_AND_HANDLES = Pattern.compile("https?://\\S+|www\\.\\S+|@[\\w.-]+|#\\w+");
    private static final String[] PIECES = {"@user ", "#tag", " http://t.co/x1", "https://lih.kg/1726294-", "www.example.com ",
            "台灣", "臺灣", "台湾", "融资", "融資", "valuation ", "hello ", " ", "，", "RT ", "@", "#", "http", "中文", "abc"};

    @Test
    void sameAsCountingTheBlankedText() {
        Random random = new Random(11);
        for (int n = 0; n < 20_000; n++) {
            StringBuilder b = new StringBuilder();
            for (int i = 0, k = random.nextInt(40); i < k; i++) {
                b.append(PIECES[random.nextInt(PIECES.length)]);
            }
            String text = b.toString();
            for (String declared : new String[]{null, Script.EN, Script.HANS, Script.HANT}) {
                assertEquals(reference(text, declared), Texts.language(text, declared), text);
            }
        }
    }

    /** The former reading: the links replaced by spaces, then counted. */
    private static String reference(String text, String declared) {
        String words = LINKS_AND_HANDLES.matcher(text).replaceAll(" ");
        Script.Counts counts = Script.count(words, 0, words.length());
        boolean known = declared != null && (declared.equals(Script.EN) || declared.equals(Script.HANS) || declared.equals(Script.HANT));
        if (known && counts.han() + counts.latinLetters() / 4 < 4) {
            return declared;
        }
        return counts.languageOrMixed();
    }
}
