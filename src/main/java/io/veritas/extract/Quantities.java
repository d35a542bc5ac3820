package io.veritas.extract;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Finds amounts of money in folded text (see {@link io.veritas.text.Script#fold}): {@code $6bn},
 * {@code US$18 billion}, {@code 60亿美元}, {@code 200 億美元}, {@code 1.347亿美元}, {@code 2300亿美元},
 * {@code 新台幣 95 億元}, {@code 2 billion dollars}, {@code 十亿美元}. Offsets are those of the folded text, which
 * are the same as the original's.
 */
public final class Quantities {
    /** The characters {@link #NUM} can begin with, beside the ASCII digits. */
    private static final String NUM_STARTS = "零一二两三四五六七八九十百千";
    private static final String NUM = "(\\d{1,3}(?:,\\d{3})+(?:\\.\\d+)?|\\d+(?:\\.\\d+)?|[零一二两三四五六七八九十百千]+)";
    private static final String RANGE = "(?:\\s*(?:-|–|—|~|至|到|to)\\s*(?:\\$\\s*)?" + NUM + ")?";
    private static final String ZH_MAG = "(万亿|千亿|百亿|十亿|亿|千万|百万|十万|万|千|兆)?";
    private static final String ZH_CUR = "(美元|美金|元人民币|人民币|港元|港币|新台币|台币|欧元|英镑|日元|日圆|韩元|元)";
    private static final String EN_MAG = "(trillion|tn|billion|bn|b|million|mn|m|thousand|k)?";

    /** 60亿美元, 200 亿美元, 1.347亿美元 (also with a leading $ or US$). */
    private static final Pattern ZH = Pattern.compile("(?:(?:us|hk|nt)?\\$\\s*)?" + NUM + RANGE + "\\s*(多)?\\s*" + ZH_MAG + "\\s*" + ZH_CUR);
    /** 新台币 95 亿元, 人民币500亿元. */
    private static final Pattern ZH_PREFIX = Pattern.compile("(人民币|港币|新台币|台币)\\s*" + NUM + "\\s*" + ZH_MAG + "\\s*元");
    /** $6bn, US$18 billion, USD 4.3bn, €2 million. */
    private static final Pattern SYMBOL = Pattern.compile(
            "(us\\$|usd\\s?|hk\\$|nt\\$|a\\$|c\\$|s\\$|rmb\\s?|cny\\s?|eur\\s?|€|£|¥|\\$)\\s*" + NUM + RANGE
                    + "(?:\\s*" + EN_MAG + ")(?![a-z])");
    /** 2 billion dollars, 500 million US dollars, 10 billion yuan. */
    private static final Pattern WORDS = Pattern.compile(
            "(?<![\\w.$])" + NUM + RANGE + "\\s*(trillion|billion|million|thousand|bn|mn)\\s*(?:us\\s|u\\.s\\.\\s)?(dollars|usd|euros|yuan|renminbi|pounds)");
    private static final Pattern BOUND_BEFORE = Pattern.compile(
            "(约为|约合|大约|约|近|接近|将近|超过|逾|多于|最高可达|最多可达|可达|高达|至多|最多|最高|不到|低于|少于|不超过|about|around|approximately|roughly|nearly|almost|"
                    + "over|more than|up to|at least|at most|less than|under|some|as much as)\\s*$");

    private static final Map<String, String> CURRENCY = Map.ofEntries(
            Map.entry("美元", "USD"), Map.entry("美金", "USD"), Map.entry("人民币", "CNY"), Map.entry("元人民币", "CNY"),
            Map.entry("元", "CNY"), Map.entry("港元", "HKD"), Map.entry("港币", "HKD"), Map.entry("新台币", "TWD"),
            Map.entry("台币", "TWD"), Map.entry("欧元", "EUR"), Map.entry("英镑", "GBP"), Map.entry("日元", "JPY"),
            Map.entry("日圆", "JPY"), Map.entry("韩元", "KRW"), Map.entry("us$", "USD"), Map.entry("usd", "USD"),
            Map.entry("$", "USD"), Map.entry("hk$", "HKD"), Map.entry("nt$", "TWD"), Map.entry("a$", "AUD"),
            Map.entry("c$", "CAD"), Map.entry("s$", "SGD"), Map.entry("rmb", "CNY"), Map.entry("cny", "CNY"),
            Map.entry("eur", "EUR"), Map.entry("€", "EUR"), Map.entry("£", "GBP"), Map.entry("¥", "JPY"),
            Map.entry("dollars", "USD"), Map.entry("euros", "EUR"), Map.entry("yuan", "CNY"), Map.entry("renminbi", "CNY"),
            Map.entry("pounds", "GBP"));

    /** The unit of a count of people (employees, users) until the extractor knows which attribute it counts. */
    public static final String COUNT = "COUNT";
    /** "420 employees", "6亿月活跃用户", "3,000名员工", "100 million users". */
    private static final Pattern COUNT_NOUN = Pattern.compile(NUM + "\\s*(万|亿|千|million|billion|thousand|k)?\\s*(?:多|余)?\\s*(?:名|位|个)?\\s*"
            + "(?:员工|雇员|职员|月活跃用户|月活|活跃用户|用户|使用者|employees|staff|workers|people|monthly active users|active users|users|subscribers)");
    /** A Chinese count written after its noun: "目前員工約140人", "员工总数超过3000名", "用户数已突破2亿". */
    private static final Pattern NOUN_FIRST = Pattern.compile("(?:员工|雇员|职员|用户|月活跃用户|月活|活跃用户)(?:人数|总数|总人数|数|规模)?"
            + "\\s*(?:约|近|超过|逾|达到|已达|达|为|有|共有|共|约有|已超过|突破|超|已逾|已突破|已经|已|增至|增加到|扩大到)*\\s*"
            + NUM + "\\s*(万|亿|千)?\\s*(?:多|余)?\\s*(?:名|位|人|个)");
    /** A Chinese count with a magnitude and nothing after it: "月活跃用户已达 6 亿". */
    private static final Pattern BARE_ZH = Pattern.compile(NUM + "\\s*(万|亿)(?![\\p{IsHan}\\w$])");

    private Quantities() {
    }

    /** Counts (of people: employees, users) in folded text; their currency is {@link #COUNT}. */
    public static List<Quantity> findCounts(String folded, List<Quantity> money) {
        List<Quantity> out = new ArrayList<>();
        if (!mayHoldCount(folded)) {
            return out; // most texts name no counted noun and no 万/亿: skip the expressions
        }
        boolean noun = COUNT_WORDS.stream().anyMatch(folded::contains);
        boolean magnitude = folded.indexOf('万') >= 0 || folded.indexOf('亿') >= 0;
        boolean zhNoun = noun && (folded.indexOf('员') >= 0 || folded.contains("用户") || folded.contains("月活"));
        for (Pattern p : List.of(COUNT_NOUN, BARE_ZH, NOUN_FIRST)) {
            if (p == COUNT_NOUN && !noun || p == BARE_ZH && !magnitude || p == NOUN_FIRST && !zhNoun) {
                continue; // each expression only where the words it needs are (most texts hold one kind at most)
            }
            Scan m = p == NOUN_FIRST ? new Scan(p, folded, "员雇职用月活", false) : new Scan(p, folded, NUM_STARTS, true);
            while (m.find()) {
                int start = p == NOUN_FIRST ? m.start(1) : m.start(); // the figure, not the noun before it
                Double n = number(m.group(1));
                String mag = m.group(2);
                if (n == null) {
                    continue;
                }
                double value = n * (mag == null ? 1 : mag.matches("[万亿千]") ? zhMagnitude(mag) : enMagnitude(mag));
                boolean overlaps = false;
                for (Quantity q : money) {
                    overlaps |= start < q.end() && m.end() > q.start();
                }
                for (Quantity q : out) {
                    overlaps |= start < q.end() && m.end() > q.start(); // "员工3000名" is read once
                }
                if (!overlaps && value >= 1) {
                    add(out, folded, start, m.end(), value, COUNT);
                }
            }
        }
        out.sort(java.util.Comparator.comparingInt(Quantity::start));
        return out;
    }

    public static List<Quantity> find(String folded) {
        List<Quantity> out = new ArrayList<>();
        if (!mayHoldMoney(folded)) {
            return out;
        }
        // Each expression only where its currency words are: a Chinese article without 元 or 币 skips them.
        boolean zh = folded.indexOf('元') >= 0 || folded.indexOf('币') >= 0 || folded.contains("美金") || folded.contains("英镑")
                || folded.contains("日圆");
        Scan m = new Scan(ZH_PREFIX, zh ? folded : "", "人港新台", false);
        while (m.find()) {
            Double n = number(m.group(2));
            if (n != null) {
                add(out, folded, m.start(), m.end(), n * zhMagnitude(m.group(3)), CURRENCY.get(m.group(1)));
            }
        }
        m = new Scan(ZH, zh ? folded : "", NUM_STARTS + "uhn$", true);
        while (m.find()) {
            Double n = number(m.group(1));
            if (n != null && !(m.group(1).matches("\\d{4}") && m.group(4) == null && m.group(5).equals("元") )) {
                add(out, folded, m.start(), m.end(), n * zhMagnitude(m.group(4)), CURRENCY.get(m.group(5)));
            }
        }
        boolean symbol = folded.indexOf('$') >= 0 || folded.indexOf('€') >= 0 || folded.indexOf('£') >= 0 || folded.indexOf('¥') >= 0
                || folded.contains("usd") || folded.contains("rmb") || folded.contains("cny") || folded.contains("eur");
        m = new Scan(SYMBOL, symbol ? folded : "", "uhnacsre€£¥$", false);
        while (m.find()) {
            Double n = number(m.group(2));
            if (n != null) {
                add(out, folded, m.start(), m.end(), n * enMagnitude(m.group(4)), CURRENCY.get(m.group(1).strip()));
            }
        }
        boolean words = folded.contains("dollars") || folded.contains("usd") || folded.contains("euros") || folded.contains("yuan")
                || folded.contains("renminbi") || folded.contains("pounds");
        m = new Scan(WORDS, words ? folded : "", NUM_STARTS, true);
        while (m.find()) {
            Double n = number(m.group(1));
            if (n != null) {
                add(out, folded, m.start(), m.end(), n * enMagnitude(m.group(3)), CURRENCY.get(m.group(4)));
            }
        }
        out.sort(java.util.Comparator.comparingInt(Quantity::start));
        return out;
    }

    /** Whether a text has a word {@link #COUNT_NOUN} counts or a magnitude {@link #BARE_ZH} reads. */
    private static boolean mayHoldCount(String s) {
        if (s.indexOf('万') >= 0 || s.indexOf('亿') >= 0) {
            return true;
        }
        for (String noun : COUNT_WORDS) {
            if (s.contains(noun)) {
                return true;
            }
        }
        return false;
    }

    /** Substrings of every noun {@link #COUNT_NOUN} counts. */
    private static final List<String> COUNT_WORDS = List.of("员", "用户", "使用者", "月活", "employees", "staff", "workers",
            "people", "users", "subscribers");

    private static boolean mayHoldMoney(String s) {
        return s.indexOf('$') >= 0 || s.indexOf('元') >= 0 || s.indexOf('€') >= 0 || s.indexOf('£') >= 0
                || s.indexOf('¥') >= 0 || s.contains("usd") || s.contains("dollars") || s.contains("yuan")
                || s.contains("euros") || s.contains("rmb") || s.contains("美金") || s.contains("pounds")
                || s.contains("renminbi") || s.contains("cny");
    }

    private static void add(List<Quantity> out, String text, int start, int end, double value, String currency) {
        if (currency == null || value <= 0) {
            return;
        }
        for (Quantity q : out) {
            if (start < q.end() && end > q.start()) {
                return; // overlaps an amount already read by an earlier pattern
            }
        }
        while (end > start && Character.isWhitespace(text.charAt(end - 1))) {
            end--;
        }
        out.add(new Quantity(start, end, value, currency, bound(text, start)));
    }

    /**
     * Where the words bounding an amount begin ("up to $300 million", "最高5億美元", "约40亿元"), so that an answer
     * quoting the amount keeps them; the amount's own start when it has none.
     */
    public static int boundStart(String folded, Quantity q) {
        if (q.bound().equals("exact")) {
            return q.start();
        }
        int from = Math.max(0, q.start() - 16);
        Matcher m = BOUND_BEFORE.matcher(folded.substring(from, q.start()));
        return m.find() ? from + m.start(1) : q.start();
    }

    private static String bound(String text, int start) {
        String before = text.substring(Math.max(0, start - 16), start);
        Matcher m = BOUND_BEFORE.matcher(before);
        if (!m.find()) {
            return "exact";
        }
        return switch (m.group(1)) {
            case "超过", "逾", "多于", "over", "more than", "at least" -> "atLeast";
            case "最高可达", "最多可达", "可达", "高达", "至多", "最多", "最高", "up to", "at most", "as much as" -> "upTo";
            case "不到", "低于", "少于", "不超过", "less than", "under" -> "below";
            default -> "approx";
        };
    }

    static Double number(String s) {
        if (s.isEmpty()) {
            return null;
        }
        char first = s.charAt(0);
        if (first >= '0' && first <= '9') {
            try {
                return Double.parseDouble(s.replace(",", ""));
            } catch (NumberFormatException e) {
                return null;
            }
        }
        return chineseNumber(s);
    }

    /** 十 = 10, 十五 = 15, 二十 = 20, 三百 = 300, 两千五百 = 2500, 百 = 100. */
    static Double chineseNumber(String s) {
        String digits = "零一二三四五六七八九";
        long total = 0;
        long current = 0;
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            int d = c == '两' ? 2 : digits.indexOf(c);
            if (d >= 0) {
                current = d;
                continue;
            }
            long unit = switch (c) {
                case '十' -> 10;
                case '百' -> 100;
                case '千' -> 1000;
                default -> 0;
            };
            if (unit == 0) {
                return null;
            }
            total += (current == 0 ? 1 : current) * unit;
            current = 0;
        }
        total += current;
        return total == 0 ? null : (double) total;
    }

    private static double zhMagnitude(String mag) {
        if (mag == null) {
            return 1;
        }
        return switch (mag) {
            case "万亿", "兆" -> 1e12;
            case "千亿" -> 1e11;
            case "百亿" -> 1e10;
            case "十亿" -> 1e9;
            case "亿" -> 1e8;
            case "千万" -> 1e7;
            case "百万" -> 1e6;
            case "十万" -> 1e5;
            case "万" -> 1e4;
            case "千" -> 1e3;
            default -> 1;
        };
    }

    private static double enMagnitude(String mag) {
        if (mag == null) {
            return 1;
        }
        return switch (mag) {
            case "trillion", "tn" -> 1e12;
            case "billion", "bn", "b" -> 1e9;
            case "million", "mn", "m" -> 1e6;
            case "thousand", "k" -> 1e3;
            default -> 1;
        };
    }
}
