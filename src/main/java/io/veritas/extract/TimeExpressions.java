package io.veritas.extract;

import java.time.LocalDate;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Finds dates in folded text and resolves them against the document's publication date: full dates
 * ({@code 2026年1月6日}, {@code 2026-01-06}, {@code January 6, 2026}), month-day with the year implied
 * ({@code 1月6日}, {@code 今年1月6日}), a day in the publication month ({@code （6 日）}), year and quarter ends
 * ({@code 2024年末}, {@code 今年第一季度末}, {@code end of 2024}, {@code Q1 2025}) and months
 * ({@code 2024年5月}, {@code May 2024}), and spans counted back from publication ({@code a year ago}, {@code 两个月前}).
 * Bare years are ignored: "founded in 2023" dates nothing.
 */
public final class TimeExpressions {
    /** A date found in text, with the span it came from. */
    public record Mention(int start, int end, LocalDate date) {
    }

    private static final String MONTHS = "january|february|march|april|may|june|july|august|september|october|november|december"
            + "|jan|feb|mar|apr|jun|jul|aug|sep|sept|oct|nov|dec";
    private static final Pattern FULL_ZH = Pattern.compile("(\\d{4})\\s*年\\s*(\\d{1,2})\\s*月\\s*(\\d{1,2})\\s*[日号]");
    private static final Pattern ISO = Pattern.compile("(?<!\\d)(\\d{4})[-/.](\\d{1,2})[-/.](\\d{1,2})(?!\\d)");
    private static final Pattern MONTH_DAY_ZH = Pattern.compile("(今年|去年|明年)?\\s*(\\d{1,2})\\s*月\\s*(\\d{1,2})\\s*[日号]");
    /** A day of the publication month: "週二（6 日）", "今（10）日", "於美國時間 6 日". */
    private static final Pattern DAY_ONLY_ZH = Pattern.compile(
            "[（(]\\s*(\\d{1,2})\\s*(?:日\\s*[）)]|[）)]\\s*日)|(?:时间|于)\\s*(\\d{1,2})\\s*日");
    private static final Pattern YEAR_MONTH_ZH = Pattern.compile("(\\d{4}|今年|去年)\\s*年?\\s*(\\d{1,2})\\s*月(?![\\d份]*\\s*\\d{1,2}\\s*[日号])");
    private static final Pattern YEAR_END_ZH = Pattern.compile("(\\d{4}|今年|去年)\\s*年?\\s*(末|底|年底|年末)");
    private static final Pattern QUARTER_ZH = Pattern.compile(
            "(\\d{4}|今年|去年)\\s*年?\\s*(?:第\\s*([一二三四1-4])\\s*季度?|q([1-4]))\\s*(末|底|初)?");
    private static final Pattern FULL_EN = Pattern.compile("\\b(" + MONTHS + ")\\.?\\s+(\\d{1,2})(?:st|nd|rd|th)?,?\\s+(\\d{4})\\b");
    private static final Pattern DAY_MONTH_EN = Pattern.compile("\\b(\\d{1,2})\\s+(" + MONTHS + ")\\.?,?\\s+(\\d{4})\\b");
    private static final Pattern MONTH_YEAR_EN = Pattern.compile("\\b(" + MONTHS + ")\\.?,?\\s+(\\d{4})\\b");
    private static final Pattern END_EN = Pattern.compile("\\b(?:end of|late|year-end|end-)\\s*(\\d{4})\\b");
    private static final Pattern QUARTER_EN = Pattern.compile("\\b(?:(q[1-4])\\s*(\\d{4})|(first|second|third|fourth)\\s+quarter\\s+of\\s+(\\d{4}))\\b");

    /** Counted back from publication: "a year ago", "two months ago", "一年前", "两个月前". */
    private static final Pattern AGO_EN = Pattern.compile("\\b(a|an|one|two|three|four|five|six|\\d{1,2})\\s+(year|month|week)s?\\s+ago\\b");
    private static final Pattern AGO_ZH = Pattern.compile("(?<![\\d一二两三四五六七八九十])([一二两三四五六1-9])\\s*(年|个月|周)(?:前|之前|以前)");

    private TimeExpressions() {
    }

    /** Dates in the text, in order; {@code published} may be null, in which case relative dates are skipped. */
    public static List<Mention> find(String folded, LocalDate published) {
        List<Mention> out = new ArrayList<>();
        if (!mayHoldDate(folded)) {
            return out;
        }
        Matcher m = FULL_ZH.matcher(folded);
        while (m.find()) {
            add(out, m, date(num(m.group(1)), num(m.group(2)), num(m.group(3))));
        }
        m = ISO.matcher(folded);
        while (m.find()) {
            add(out, m, date(num(m.group(1)), num(m.group(2)), num(m.group(3))));
        }
        m = FULL_EN.matcher(folded);
        while (m.find()) {
            add(out, m, date(num(m.group(3)), month(m.group(1)), num(m.group(2))));
        }
        m = DAY_MONTH_EN.matcher(folded);
        while (m.find()) {
            add(out, m, date(num(m.group(3)), month(m.group(2)), num(m.group(1))));
        }
        m = QUARTER_ZH.matcher(folded);
        while (m.find()) {
            Integer year = year(m.group(1), published);
            String q = m.group(2) != null ? m.group(2) : m.group(3);
            if (year != null) {
                LocalDate end = quarterEnd(year, quarter(q));
                add(out, m, "初".equals(m.group(4)) && end != null ? end.minusMonths(2).withDayOfMonth(1) : end);
            }
        }
        m = QUARTER_EN.matcher(folded);
        while (m.find()) {
            if (m.group(1) != null) {
                add(out, m, quarterEnd(num(m.group(2)), num(m.group(1).substring(1))));
            } else {
                add(out, m, quarterEnd(num(m.group(4)), List.of("first", "second", "third", "fourth").indexOf(m.group(3)) + 1));
            }
        }
        m = YEAR_END_ZH.matcher(folded);
        while (m.find()) {
            Integer year = year(m.group(1), published);
            if (year != null) {
                add(out, m, LocalDate.of(year, 12, 31));
            }
        }
        m = END_EN.matcher(folded);
        while (m.find()) {
            add(out, m, LocalDate.of(num(m.group(1)), 12, 31));
        }
        if (published != null) {
            m = MONTH_DAY_ZH.matcher(folded);
            while (m.find()) {
                int month = num(m.group(2));
                int day = num(m.group(3));
                int year = published.getYear();
                if ("去年".equals(m.group(1))) {
                    year--;
                } else if ("明年".equals(m.group(1))) {
                    year++;
                } else if (m.group(1) == null && month > published.getMonthValue() + 1) {
                    year--; // "12月5日" in a January article means last December
                }
                add(out, m, date(year, month, day));
            }
            m = DAY_ONLY_ZH.matcher(folded);
            while (m.find()) {
                int day = num(m.group(1) != null ? m.group(1) : m.group(2));
                LocalDate d = day <= published.getDayOfMonth()
                        ? date(published.getYear(), published.getMonthValue(), day)
                        : date(published.minusMonths(1).getYear(), published.minusMonths(1).getMonthValue(), day);
                add(out, m, d);
            }
        }
        m = YEAR_MONTH_ZH.matcher(folded);
        while (m.find()) {
            Integer year = year(m.group(1), published);
            if (year != null) {
                add(out, m, date(year, num(m.group(2)), 1));
            }
        }
        m = MONTH_YEAR_EN.matcher(folded);
        while (m.find()) {
            add(out, m, date(num(m.group(2)), month(m.group(1)), 1));
        }
        if (published != null) {
            m = AGO_EN.matcher(folded);
            while (m.find()) {
                add(out, m, back(published, count(m.group(1)), m.group(2)));
            }
            m = AGO_ZH.matcher(folded);
            while (m.find()) {
                add(out, m, back(published, count(m.group(1)), m.group(2)));
            }
        }
        out.sort(java.util.Comparator.comparingInt(Mention::start));
        return out;
    }

    private static int count(String word) {
        int at = List.of("a", "one", "two", "three", "four", "five", "six").indexOf(word);
        if (at >= 0) {
            return Math.max(1, at);
        }
        at = "一二三四五六".indexOf(word);
        if (at >= 0) {
            return at + 1;
        }
        return word.equals("an") ? 1 : word.equals("两") ? 2 : Integer.parseInt(word);
    }

    private static LocalDate back(LocalDate published, int n, String unit) {
        return switch (unit) {
            case "year", "年" -> published.minusYears(n);
            case "month", "个月" -> published.minusMonths(n);
            default -> published.minusWeeks(n);
        };
    }

    private static boolean mayHoldDate(String s) {
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c >= '0' && c <= '9' || c == '季' || c == '前') {
                return true;
            }
        }
        return s.contains(" ago");
    }

    private static void add(List<Mention> out, Matcher m, LocalDate date) {
        if (date == null) {
            return;
        }
        for (Mention x : out) {
            if (m.start() < x.end() && m.end() > x.start()) {
                return; // a more specific pattern already read this span
            }
        }
        out.add(new Mention(m.start(), m.end(), date));
    }

    private static Integer year(String word, LocalDate published) {
        return switch (word) {
            case "今年" -> published == null ? null : published.getYear();
            case "去年" -> published == null ? null : published.getYear() - 1;
            default -> num(word);
        };
    }

    private static int quarter(String q) {
        int i = "一二三四".indexOf(q);
        return i >= 0 ? i + 1 : num(q);
    }

    private static LocalDate quarterEnd(int year, int quarter) {
        if (quarter < 1 || quarter > 4) {
            return null;
        }
        return YearMonth.of(year, quarter * 3).atEndOfMonth();
    }

    private static LocalDate date(int year, int month, int day) {
        if (year < 1900 || year > 2200 || month < 1 || month > 12 || day < 1 || day > 31) {
            return null;
        }
        try {
            return LocalDate.of(year, month, day);
        } catch (java.time.DateTimeException e) {
            return null;
        }
    }

    private static int month(String name) {
        String n = name.toLowerCase(Locale.ROOT);
        String[] months = {"jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"};
        for (int i = 0; i < months.length; i++) {
            if (n.startsWith(months[i])) {
                return i + 1;
            }
        }
        return 0;
    }

    private static int num(String s) {
        return Integer.parseInt(s);
    }
}
