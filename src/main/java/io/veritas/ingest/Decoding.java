package io.veritas.ingest;

import com.ibm.icu.text.CharsetDetector;
import com.ibm.icu.text.CharsetMatch;

import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.Charset;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CoderResult;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;

/**
 * Turns the bytes of a file into text: UTF-8 (with or without BOM), UTF-16 with BOM, and the legacy Chinese
 * encodings (GB18030/GBK, Big5) recognised by ICU's detector. UTF-8 with a few broken sequences (a mixed or
 * damaged file) is decoded with the broken bytes replaced and a warning. Binary content is refused with a reason.
 */
public final class Decoding {
    private Decoding() {
    }

    /** Why a file could not be read as text; the message says what to do. */
    public static final class NotText extends Exception {
        public NotText(String message) {
            super(message);
        }
    }

    /** Decoded text, the charset it was read as, and a warning when bytes had to be replaced (else null). */
    public record Decoded(String text, String charset, String warning) {
    }

    public static String decode(byte[] bytes) throws NotText {
        return decodeWithCharset(bytes).text();
    }

    public static Decoded decodeWithCharset(byte[] bytes) throws NotText {
        if (bytes.length == 0) {
            throw new NotText("the file is empty; there is nothing to ingest");
        }
        if (bytes.length >= 3 && (bytes[0] & 0xFF) == 0xEF && (bytes[1] & 0xFF) == 0xBB && (bytes[2] & 0xFF) == 0xBF) {
            return utf8(bytes, 3);
        }
        if (bytes.length >= 2 && (bytes[0] & 0xFF) == 0xFE && (bytes[1] & 0xFF) == 0xFF) {
            return new Decoded(new String(bytes, 2, bytes.length - 2, StandardCharsets.UTF_16BE), "UTF-16BE", null);
        }
        if (bytes.length >= 2 && (bytes[0] & 0xFF) == 0xFF && (bytes[1] & 0xFF) == 0xFE) {
            return new Decoded(new String(bytes, 2, bytes.length - 2, StandardCharsets.UTF_16LE), "UTF-16LE", null);
        }
        int controls = 0;
        int sample = Math.min(bytes.length, 8192);
        for (int i = 0; i < sample; i++) {
            int b = bytes[i] & 0xFF;
            if (b == 0) {
                throw new NotText("this is a binary file (it contains NUL bytes), not text; ingest HTML, Markdown, "
                        + "plain text, JSON or JSON Lines files (UTF-16 text needs a byte order mark)");
            }
            if (b < 0x20 && b != '\n' && b != '\r' && b != '\t' && b != '\f' && b != 0x1B) {
                controls++;
            }
        }
        if (controls > sample / 50 + 2) {
            throw new NotText("this looks like a binary file (" + controls + " control bytes in the first " + sample
                    + "), not text; ingest HTML, Markdown, plain text, JSON or JSON Lines files");
        }
        return utf8(bytes, 0);
    }

    /**
     * The charset of a stream judged on its first {@code length} bytes, for readers that cannot hold the whole input
     * (a bulk request): a byte order mark (which then decodes to U+FEFF, for the reader to drop), else the same
     * detection as {@link #decodeWithCharset}. When the stream goes on ({@code complete} false) the head may end inside
     * a character, so it is judged up to its last byte below 0x30, which no supported charset uses inside a multi-byte
     * character. An empty head is UTF-8.
     */
    public static Charset sniff(byte[] head, int length, boolean complete) throws NotText {
        if (length >= 3 && (head[0] & 0xFF) == 0xEF && (head[1] & 0xFF) == 0xBB && (head[2] & 0xFF) == 0xBF) {
            return StandardCharsets.UTF_8;
        }
        if (length >= 2 && (head[0] & 0xFF) == 0xFE && (head[1] & 0xFF) == 0xFF) {
            return StandardCharsets.UTF_16BE;
        }
        if (length >= 2 && (head[0] & 0xFF) == 0xFF && (head[1] & 0xFF) == 0xFE) {
            return StandardCharsets.UTF_16LE;
        }
        int end = length;
        if (!complete) {
            while (end > 0 && (head[end - 1] & 0xFF) >= 0x30) {
                end--;
            }
        }
        return end == 0 ? StandardCharsets.UTF_8 : Charset.forName(decodeWithCharset(java.util.Arrays.copyOf(head, end)).charset());
    }

    private static Decoded utf8(byte[] bytes, int offset) throws NotText {
        int[] counts = scanUtf8(bytes, offset);
        int valid = counts[0];
        int broken = counts[1];
        if (broken == 0) {
            return new Decoded(new String(bytes, offset, bytes.length - offset, StandardCharsets.UTF_8), "UTF-8", null);
        }
        // Mostly UTF-8 with a few damaged sequences: keep UTF-8 and say so, rather than guess another charset.
        if (valid >= 20 && broken * 20 <= valid) {
            return new Decoded(new String(bytes, offset, bytes.length - offset, StandardCharsets.UTF_8), "UTF-8",
                    broken + " invalid UTF-8 byte sequence(s) were replaced with U+FFFD; the file mixes encodings or is damaged");
        }
        CharsetDetector detector = new CharsetDetector();
        detector.setText(bytes);
        for (CharsetMatch match : detector.detectAll()) {
            String name = match.getName();
            if (match.getConfidence() >= 10 && (name.startsWith("GB") || name.equals("Big5") || name.startsWith("ISO-8859")
                    || name.startsWith("windows-125") || name.equals("EUC-TW") || name.equals("Shift_JIS") || name.equals("EUC-KR"))) {
                String charset = name.startsWith("GB") ? "GB18030" : name;
                String text = strict(bytes, offset, Charset.forName(charset));
                if (text != null) {
                    return new Decoded(text, charset, null);
                }
            }
        }
        throw new NotText("the text is not valid UTF-8 and its encoding could not be recognised; "
                + "convert it to UTF-8 (e.g. iconv -f GB18030 -t UTF-8) and ingest it again");
    }

    /** Counts well-formed multi-byte UTF-8 sequences and malformed ones. */
    private static int[] scanUtf8(byte[] bytes, int offset) {
        CharsetDecoder decoder = StandardCharsets.UTF_8.newDecoder()
                .onMalformedInput(CodingErrorAction.REPORT).onUnmappableCharacter(CodingErrorAction.REPORT);
        ByteBuffer in = ByteBuffer.wrap(bytes, offset, bytes.length - offset);
        CharBuffer out = CharBuffer.allocate(8192);
        int broken = 0;
        while (true) {
            CoderResult r = decoder.decode(in, out, true);
            if (r.isError()) {
                broken++;
                in.position(in.position() + r.length());
            } else if (r.isOverflow()) {
                out.clear();
            } else {
                break;
            }
        }
        int multibyte = 0;
        for (int i = offset; i < bytes.length; i++) {
            if ((bytes[i] & 0xC0) == 0xC0) {
                multibyte++;
            }
        }
        return new int[]{Math.max(0, multibyte - broken), broken};
    }

    private static String strict(byte[] bytes, int offset, Charset charset) {
        try {
            return charset.newDecoder().onMalformedInput(CodingErrorAction.REPORT).onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(bytes, offset, bytes.length - offset)).toString();
        } catch (CharacterCodingException e) {
            return null;
        }
    }
}
