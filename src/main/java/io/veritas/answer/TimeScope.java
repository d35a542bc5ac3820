package io.veritas.answer;

import io.veritas.index.ClaimHit;
import io.veritas.text.Normalizer;
import io.veritas.text.Script;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The time a figure is for, against the time a question asks about: the year written next to the figure (not the
 * year of the report that gives it), and the part of the year (a half, a quarter, the whole year).
 */
final class TimeScope {
    private TimeScope() {
    }

    /** A year written as one: "2024年", "2024财年", "in 2024", "FY2024", "2024 revenue" (not "2000台" or "2025 employees"). */
    private static final Pattern YEAR_BEFORE = Pattern.compile(
            "(?<!\\d)((?:19|20)\\d{2})\\s*(?:年|财年|年度)|\\b(?:in|fy|fiscal)\\s*((?:19|20)\\d{2})\\b"
                    + "|\\b((?:19|20)\\d{2})\\s+(?:revenue|sales|turnover|profit|net|full-year|annual)");
    private static final Pattern YEAR_AFTER = Pattern.compile(
            "^[^.;。；，,]{0,24}?\\b(?:for|in|during)\\s+(?:fiscal\\s+|fy\\s*)?((?:19|20)\\d{2})(?!\\d)");
    /** A part of a year: a figure for it is not the whole year's. */
    static final Pattern PART_OF_YEAR = Pattern.compile(
            "上半年|下半年|前三季|前三季度|第[一二三四1-4]季|[一二三四1-4]季度|\\bq[1-4]\\b|\\bfirst half\\b|\\bsecond half\\b"
                    + "|\\b(?:first|second|third|fourth) quarter\\b|\\bnine months\\b|\\bh[12]\\b");
    private static final Pattern WHOLE_YEAR = Pattern.compile(
            "全年|整年|全年度|\\bfull[- ]year\\b|\\bwhole year\\b|\\bfor the year\\b|\\bannual\\b");

    /**
     * The year a figure is for: the year its sentence writes next to it ("2024年營收為新台幣42億元", "revenue of $48
     * million for 2025"), else the year of its date. A report published in January about last year's revenue is
     * about last year.
     */
    static int year(ClaimHit h) {
        String quote = Script.fold(h.quote());
        int at = h.figure() == null ? -1 : quote.indexOf(Script.fold(h.figure()));
        if (at >= 0) {
            Matcher before = YEAR_BEFORE.matcher(quote.substring(Math.max(0, at - 24), at));
            int year = 0;
            while (before.find()) {
                String y = before.group(1) != null ? before.group(1) : before.group(2) != null ? before.group(2) : before.group(3);
                year = Integer.parseInt(y);
            }
            if (year > 0) {
                return year;
            }
            Matcher after = YEAR_AFTER.matcher(quote.substring(at + h.figure().length()));
            if (after.find()) {
                return Integer.parseInt(after.group(1));
            }
        }
        return h.claim().asOf() == null ? 0 : h.claim().asOf().getYear();
    }

    /**
     * Whether a figure is for the part of the year asked about: "全年出貨多少" is not answered by "上半年出貨3,200台",
     * and "上半年" only by a figure for the first half.
     */
    static boolean ofThePeriodAsked(Question q, ClaimHit h) {
        return ofThePeriodAsked(Script.fold(Normalizer.nfkc(q.text())), Script.fold(h.quote()));
    }

    static boolean ofThePeriodAsked(String foldedQuestion, String foldedSentence) {
        Matcher asked = PART_OF_YEAR.matcher(foldedQuestion);
        if (asked.find()) {
            return foldedSentence.contains(asked.group());
        }
        return !WHOLE_YEAR.matcher(foldedQuestion).find() || !PART_OF_YEAR.matcher(foldedSentence).find()
                || WHOLE_YEAR.matcher(foldedSentence).find();
    }
}
