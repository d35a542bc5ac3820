package io.veritas.text;

/**
 * Unicode normalisation shared by every source. Full-width digits and Latin letters become ASCII (the part of
 * NFKC that matters for reading figures) while Chinese punctuation such as {@code ，} and {@code （} is kept as
 * written, so quotes still read as the source wrote them.
 */
public final class Normalizer {
    private Normalizer() {
    }

    public static String nfkc(String text) {
        StringBuilder out = null;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            char r = c;
            if ((c >= '\uFF10' && c <= '\uFF19') || (c >= '\uFF21' && c <= '\uFF3A') || (c >= '\uFF41' && c <= '\uFF5A')
                    || c == '\uFF04' || c == '\uFF05' || c == '\uFF0E' && i > 0 && Character.isDigit(text.charAt(i - 1))) {
                r = (char) (c - 0xFEE0);
            } else if (c == '\u3000' || c == '\u00A0' || c == '\u2009' || c == '\u202F') {
                r = ' ';
            } else if (c == '\r') {
                r = '\n';
            } else if (c == '\u200B' || c == '\uFEFF' || c == '\u200E' || c == '\u200F') {
                r = 0;
            }
            if (r != c && out == null) {
                out = new StringBuilder(text.length());
                out.append(text, 0, i);
            }
            if (out != null && r != 0) {
                out.append(r);
            }
        }
        String s = out == null ? text : out.toString();
        return java.text.Normalizer.isNormalized(s, java.text.Normalizer.Form.NFC)
                ? s : java.text.Normalizer.normalize(s, java.text.Normalizer.Form.NFC);
    }
}
