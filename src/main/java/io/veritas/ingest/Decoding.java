package io.veritas.ingest;

import com.ibm.icu.text.CharsetDetector;
import com.ibm.icu.text.CharsetMatch;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.Charset;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;

/**
 * Turns the bytes of a file into text: UTF-8 (with or without BOM), UTF-16 with BOM, and the legacy Chinese
 * encodings (GB18030/GBK, Big5) recognised by ICU's detector. Binary content is refused with a reason.
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

    public static String decode(byte[] bytes) throws NotText {
        if (bytes.length == 0) {
            throw new NotText("the file is empty; there is nothing to ingest");
        }
        if (bytes.length >= 3 && (bytes[0] & 0xFF) == 0xEF && (bytes[1] & 0xFF) == 0xBB && (bytes[2] & 0xFF) == 0xBF) {
            return strictUtf8(bytes, 3);
        }
        if (bytes.length >= 2 && (bytes[0] & 0xFF) == 0xFE && (bytes[1] & 0xFF) == 0xFF) {
            return new String(bytes, 2, bytes.length - 2, StandardCharsets.UTF_16BE);
        }
        if (bytes.length >= 2 && (bytes[0] & 0xFF) == 0xFF && (bytes[1] & 0xFF) == 0xFE) {
            return new String(bytes, 2, bytes.length - 2, StandardCharsets.UTF_16LE);
        }
        int controls = 0;
        int sample = Math.min(bytes.length, 8192);
        for (int i = 0; i < sample; i++) {
            int b = bytes[i] & 0xFF;
            if (b == 0) {
                throw new NotText("this is a binary file (it contains NUL bytes), not text; ingest HTML, Markdown, "
                        + "plain text, JSON or JSON Lines files");
            }
            if (b < 0x20 && b != '\n' && b != '\r' && b != '\t' && b != '\f' && b != 0x1B) {
                controls++;
            }
        }
        if (controls > sample / 50 + 2) {
            throw new NotText("this looks like a binary file (" + controls + " control bytes in the first " + sample
                    + "), not text; ingest HTML, Markdown, plain text, JSON or JSON Lines files");
        }
        try {
            return strictUtf8(bytes, 0);
        } catch (NotText notUtf8) {
            CharsetDetector detector = new CharsetDetector();
            detector.setText(bytes);
            for (CharsetMatch match : detector.detectAll()) {
                String name = match.getName();
                if (match.getConfidence() >= 20 && (name.startsWith("GB") || name.equals("Big5") || name.startsWith("UTF-16")
                        || name.startsWith("ISO-8859") || name.startsWith("windows-125"))) {
                    String charset = name.equals("GB18030") || name.startsWith("GB") ? "GB18030" : name;
                    return new String(bytes, Charset.forName(charset));
                }
            }
            throw new NotText("the text is not valid UTF-8 and its encoding could not be recognised; "
                    + "convert it to UTF-8 (e.g. iconv -f GB18030 -t UTF-8) and ingest it again");
        }
    }

    private static String strictUtf8(byte[] bytes, int offset) throws NotText {
        try {
            return StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(bytes, offset, bytes.length - offset))
                    .toString();
        } catch (CharacterCodingException e) {
            throw new NotText("invalid UTF-8");
        }
    }
}
