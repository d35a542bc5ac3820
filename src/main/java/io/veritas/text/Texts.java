package io.veritas.text;

import io.veritas.ingest.RawItem;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The text stage: one pipeline for every source. Turns a {@link RawItem} into a clean {@link Document} with
 * metadata, language, sentences and passages.
 */
public final class Texts {
    /** Passages are cut at sentence boundaries to stay near this many characters. */
    static final int PASSAGE_CHARS = 320;
    private static final int HEADING_CHARS = 40;

    private Texts() {
    }

    /** A cleaned document, or the reason there is none, plus warnings about fields that were dropped. */
    public record Result(Document document, String error, List<String> warnings) {
        public Result {
            warnings = List.copyOf(warnings);
        }
    }

    public static Result clean(RawItem raw, Instant now) {
        List<String> warnings = new ArrayList<>();
        if (raw.extra().containsKey(RawItem.WARNING)) {
            warnings.add(raw.extra().get(RawItem.WARNING));
        }
        String input = Normalizer.nfkc(raw.text().replace("\r\n", "\n"));
        Cleaned cleaned = switch (raw.format()) {
            case HTML -> HtmlCleaner.clean(input, raw.url());
            case MARKDOWN -> MarkdownCleaner.clean(Boilerplate.removeCss(Boilerplate.removeScript(input)));
            case POST -> new Cleaned(Boilerplate.removeCss(Markup.strip(input)).strip(), null, null, null, null, null);
            default -> PlainTextCleaner.clean(Boilerplate.removeCss(Boilerplate.removeScript(Markup.strip(input))));
        };
        String text = raw.format() == io.veritas.ingest.Format.POST ? cleaned.text()
                : Boilerplate.removeCss(Boilerplate.removeLines(cleaned.text())).strip();
        String summary = Markup.strip(cleaned.summary());
        if (summary != null && summary.length() >= 40 && !text.contains(summary.strip())) {
            text = summary.strip() + "\n" + text;
        }
        if (text.isBlank()) {
            return new Result(null, "no text is left after removing markup and boilerplate; nothing to ingest", warnings);
        }
        Instant published = raw.published() != null ? raw.published() : cleaned.published();
        if (published != null && published.isAfter(now.plus(Duration.ofDays(1)))) {
            warnings.add("publication date " + published + " is in the future; it was ignored (fix the date field)");
            published = null;
        }
        String title = HtmlCleaner.firstNonBlank(Markup.strip(raw.title()), Markup.strip(cleaned.title()));
        Map<String, String> urls = new LinkedHashMap<>();
        urls.put("url", raw.url());
        urls.putAll(cleaned.urls());
        String url = Urls.first(urls, warnings); // never a javascript: or relative link, and so never the id either
        String author = HtmlCleaner.firstNonBlank(raw.author(), cleaned.author());
        List<Span> sentences = Sentences.split(text);
        if (title == null && !sentences.isEmpty()) {
            // No headline given (wire copy, posts): the first sentence stands in, cut to a display length.
            String first = text.substring(sentences.get(0).start(), sentences.get(0).end());
            title = first.length() <= 80 ? first : first.substring(0, 79) + "…";
        }
        List<Passage> passages = passages(text, sentences);
        String language = language(text, raw.language());
        String hash = sha256(text);
        String id = HtmlCleaner.firstNonBlank(raw.id(), url, "h" + hash.substring(0, 16));
        Map<String, String> meta = new LinkedHashMap<>(raw.extra());
        meta.remove(RawItem.WARNING);
        if (summary != null) {
            meta.put("summary", summary);
        }
        if (!cleaned.tags().isEmpty()) {
            meta.put("tags", String.join(", ", cleaned.tags()));
        }
        return new Result(new Document(id, raw.path(), url, title, published, author, language, text, sentences,
                passages, hash, meta), null, warnings);
    }

    private static final java.util.regex.Pattern LINKS_AND_HANDLES = java.util.regex.Pattern.compile("https?://\\S+|www\\.\\S+|@[\\w.-]+|#\\w+");

    /**
     * The language of a text: counted without links, handles and hashtags (a Chinese post with a URL is still
     * Chinese); a short text with too few letters to tell keeps the language its source declared.
     */
    static String language(String text, String declared) {
        boolean mayHoldLinks = text.indexOf('@') >= 0 || text.indexOf('#') >= 0 || text.contains("http") || text.contains("www.");
        Script.Counts counts = mayHoldLinks ? countOutsideLinks(text) : Script.count(text, 0, text.length());
        boolean known = declared != null && (declared.equals(Script.EN) || declared.equals(Script.HANS) || declared.equals(Script.HANT));
        if (known && counts.han() + counts.latinLetters() / 4 < 4) {
            return declared;
        }
        return counts.languageOrMixed();
    }

    /**
     * The script counts of the text between its links, handles and hashtags: what counting the text with each of
     * them replaced by a space gives (a space counts as nothing), without building that text.
     */
    private static Script.Counts countOutsideLinks(String text) {
        java.util.regex.Matcher m = LINKS_AND_HANDLES.matcher(text);
        int han = 0;
        int traditional = 0;
        int simplified = 0;
        int latin = 0;
        int from = 0;
        while (true) {
            boolean found = m.find();
            Script.Counts c = Script.count(text, from, found ? m.start() : text.length());
            han += c.han();
            traditional += c.traditional();
            simplified += c.simplified();
            latin += c.latinLetters();
            if (!found) {
                return new Script.Counts(han, traditional, simplified, latin);
            }
            from = m.end();
        }
    }

    static List<Passage> passages(String text, List<Span> sentences) {
        List<Passage> out = new ArrayList<>();
        int start = -1;
        int end = -1;
        boolean headingOnly = false;
        for (Span s : sentences) {
            if (start < 0) {
                start = s.start();
                end = s.end();
                headingOnly = isHeading(text, s);
                continue;
            }
            boolean newParagraph = hasNewline(text, end, s.start());
            boolean fits = s.end() - start <= PASSAGE_CHARS;
            if ((headingOnly && s.end() - start <= PASSAGE_CHARS * 2) || (!newParagraph && fits)) {
                end = s.end();
                headingOnly = headingOnly && newParagraph && isHeading(text, s);
            } else {
                out.add(passage(text, out.size(), start, end));
                start = s.start();
                end = s.end();
                headingOnly = isHeading(text, s);
            }
        }
        if (start >= 0) {
            out.add(passage(text, out.size(), start, end));
        }
        return out;
    }

    private static boolean hasNewline(String text, int from, int to) {
        for (int i = from; i < to; i++) {
            if (text.charAt(i) == '\n') {
                return true;
            }
        }
        return false;
    }

    private static boolean isHeading(String text, Span s) {
        if (s.length() > HEADING_CHARS) {
            return false;
        }
        char last = text.charAt(s.end() - 1);
        return "。！？.!?”」".indexOf(last) < 0;
    }

    private static Passage passage(String text, int ordinal, int start, int end) {
        return new Passage(ordinal, new Span(start, end), Script.count(text, start, end).languageOrMixed());
    }

    /** One digest per thread: looking the algorithm up for every document costs more than small texts' hashing. */
    private static final ThreadLocal<MessageDigest> SHA256 = ThreadLocal.withInitial(() -> {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every JDK", e);
        }
    });

    static String sha256(String text) {
        return HexFormat.of().formatHex(SHA256.get().digest(text.getBytes(StandardCharsets.UTF_8))); // digest() resets it
    }
}
