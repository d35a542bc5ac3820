package io.veritas.text;

import io.veritas.ingest.Timestamps;

import java.time.Instant;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Plain text: a wire-service header line such as {@code date 2026-01-07 <outlet>新聞中心 2026-01-07 16:20} or a
 * lone date line near the top gives the publication time and is removed; a short first line followed by a blank
 * line is taken as the title.
 */
final class PlainTextCleaner {
    private static final Pattern WIRE_HEADER = Pattern.compile(
            "^\\s*(?:date|日期|發布時間|发布时间|發稿時間)?\\s*[:：]?\\s*(\\d{4}[-/.]\\d{1,2}[-/.]\\d{1,2})\\s+(\\S{2,30}?)\\s+"
                    + "(\\d{4}[-/.]\\d{1,2}[-/.]\\d{1,2})(?:\\s+(\\d{1,2}:\\d{2}))?\\s*$", Pattern.CASE_INSENSITIVE);
    private static final Pattern DATE_LINE = Pattern.compile(
            "^\\s*(?:date|日期|發布時間|发布时间|published|updated)?\\s*[:：]?\\s*"
                    + "(\\d{4}\\s*[-/.年]\\s*\\d{1,2}\\s*[-/.月]\\s*\\d{1,2}\\s*日?(?:\\s+\\d{1,2}:\\d{2}(?::\\d{2})?)?)\\s*$",
            Pattern.CASE_INSENSITIVE);

    /** A byline or dateline near the top: "Published January 29, 2026", "原创 某公众号 2025年6月18日 21:36 广东". */
    private static final Pattern DATED_LINE = Pattern.compile(
            "(\\d{4}\\s*年\\s*\\d{1,2}\\s*月\\s*\\d{1,2}\\s*日(?:\\s*\\d{1,2}:\\d{2})?|\\d{4}-\\d{2}-\\d{2}(?:[ T]\\d{1,2}:\\d{2})?|"
                    + "(?:January|February|March|April|May|June|July|August|September|October|November|December|"
                    + "Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sep|Sept|Oct|Nov|Dec)\\.?\\s+\\d{1,2},?\\s+\\d{4})");

    private static final Pattern BYLINE = Pattern.compile("^\\s*(?:By|BY|文[/／]|作者[:：]|记者[:：]?|記者[:：]?)\\s*([^。.!?]{2,40})$");

    private PlainTextCleaner() {
    }

    static Cleaned clean(String text) {
        String[] lines = text.split("\n", -1);
        Instant published = null;
        String source = null;
        StringBuilder out = new StringBuilder(text.length());
        int nonBlankSeen = 0;
        for (String line : lines) {
            if (nonBlankSeen < 5 && !line.isBlank()) {
                Matcher by = BYLINE.matcher(line);
                if (by.matches() && source == null) {
                    source = by.group(1).strip();
                    continue;
                }
            }
            if (nonBlankSeen < 5 && published == null && !line.isBlank()) {
                Matcher wire = WIRE_HEADER.matcher(line);
                if (wire.matches()) {
                    String when = wire.group(3) + (wire.group(4) == null ? "" : " " + wire.group(4));
                    published = Timestamps.parse(when).or(() -> Timestamps.parse(wire.group(1))).orElse(null);
                    source = wire.group(2);
                    continue;
                }
                Instant dateline = dateline(line);
                if (dateline != null) {
                    published = dateline;
                    continue;
                }
            }
            if (!line.isBlank()) {
                nonBlankSeen++;
            }
            out.append(line).append('\n');
        }
        String body = out.toString();
        StringBuilder compact = new StringBuilder(body.length());
        for (String line : body.split("\n")) {
            String t = line.strip();
            if (!t.isEmpty()) {
                compact.append(t).append('\n');
            }
        }
        String clean = compact.toString().strip();
        String title = null;
        String[] kept = body.strip().split("\n", 3);
        if (kept.length >= 2 && kept[0].strip().length() <= 140 && kept[1].isBlank()
                && !kept[0].strip().matches(".*[。.]$")) {
            title = kept[0].strip();
        }
        return new Cleaned(clean, title, published, source, null, null);
    }

    /**
     * The date of a dateline ("2026-01-07 16:20", "Published January 29, 2026", "原创 某号 2025年6月18日 21:36 广东"):
     * a line that is mostly its date. Null for any other line.
     */
    static Instant dateline(String line) {
        Matcher date = DATE_LINE.matcher(line);
        if (date.matches()) {
            return Timestamps.parse(date.group(1)).orElse(null);
        }
        Matcher dated = DATED_LINE.matcher(line);
        String rest = dated.find() ? line.replace(dated.group(1), "").strip() : null;
        if (rest != null && rest.length() <= 40 && !rest.matches(".*[，,。！？!?.【】].*")) {
            return parseDate(dated.group(1));
        }
        return null;
    }

    static boolean isByline(String line) {
        return BYLINE.matcher(line).matches();
    }

    private static Instant parseDate(String text) {
        Instant parsed = Timestamps.parse(text).orElse(null);
        if (parsed != null) {
            return parsed;
        }
        String normal = text.replace(",", "").replace(".", "").replaceAll("\\s+", " ");
        for (String pattern : new String[]{"MMMM d yyyy", "MMM d yyyy"}) {
            try {
                return java.time.LocalDate.parse(normal, java.time.format.DateTimeFormatter.ofPattern(pattern, java.util.Locale.ENGLISH))
                        .atStartOfDay(java.time.ZoneOffset.UTC).toInstant();
            } catch (java.time.format.DateTimeParseException ignored) {
                // try the next pattern
            }
        }
        return null;
    }
}
