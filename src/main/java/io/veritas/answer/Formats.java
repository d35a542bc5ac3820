package io.veritas.answer;

import io.veritas.text.Script;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.LocalDate;
import java.time.format.TextStyle;
import java.util.Locale;
import java.util.Map;

/** Writes amounts, dates and rounds the way each language writes them: "US$230 billion", "2300亿美元". */
final class Formats {
    private static final Map<String, String> EN_PREFIX = Map.of("USD", "US$", "EUR", "€", "GBP", "£", "CNY", "CN¥",
            "TWD", "NT$", "HKD", "HK$", "JPY", "¥");
    private static final Map<String, String> ZH_SUFFIX = Map.of("USD", "美元", "EUR", "欧元", "GBP", "英镑", "CNY", "元人民币",
            "TWD", "新台币", "HKD", "港元", "JPY", "日元", "KRW", "韩元");

    private Formats() {
    }

    /** Nouns of counted units: English, then Chinese (with its measure word). */
    private static final Map<String, String[]> COUNTED = Map.of(
            "employees", new String[]{"employees", "名员工"},
            "users", new String[]{"users", "用户"});

    static String money(double value, String currency, String bound, String period, String language) {
        String[] noun = COUNTED.get(currency);
        if (noun != null) {
            return count(value, bound, noun, language);
        }
        if (Script.EN.equals(language)) {
            String amount;
            if (value >= 1e12) {
                amount = number(value / 1e12) + " trillion";
            } else if (value >= 1e9) {
                amount = number(value / 1e9) + " billion";
            } else if (value >= 1e6) {
                amount = number(value / 1e6) + " million";
            } else {
                amount = String.format(Locale.ROOT, "%,.0f", value);
            }
            String prefix = EN_PREFIX.getOrDefault(currency, currency + " ");
            String b = switch (bound) {
                case "approx" -> "about ";
                case "upTo" -> "up to ";
                case "atLeast" -> "more than ";
                case "below" -> "less than ";
                default -> "";
            };
            String per = period == null ? "" : " per " + period;
            return b + prefix + amount + per;
        }
        String per = period == null ? "" : ("month".equals(period) ? "每月" : "每年");
        if ("TWD".equals(currency)) {
            return per + zhBound(bound) + "新台币" + zhAmount(value) + "元"; // as Taiwan writes it: 新台幣8億元
        }
        return per + zhBound(bound) + zhAmount(value) + ZH_SUFFIX.getOrDefault(currency, currency);
    }

    private static String count(double value, String bound, String[] noun, String language) {
        if (Script.EN.equals(language)) {
            String amount = value >= 1e9 ? number(value / 1e9) + " billion" : value >= 1e6 ? number(value / 1e6) + " million"
                    : String.format(Locale.ROOT, "%,.0f", value);
            String b = switch (bound) {
                case "approx" -> "about ";
                case "upTo" -> "up to ";
                case "atLeast" -> "more than ";
                case "below" -> "fewer than ";
                default -> "";
            };
            return b + amount + " " + noun[0];
        }
        return zhBound(bound) + zhAmount(value) + noun[1];
    }

    /** 2300亿, 1.347亿, 420, 1.5万亿: Chinese magnitudes. */
    private static String zhAmount(double value) {
        if (value >= 1e12) {
            return number(value / 1e12) + "万亿";
        }
        if (value >= 1e8) {
            return number(value / 1e8) + "亿";
        }
        return value >= 1e4 ? number(value / 1e4) + "万" : number(value);
    }

    private static String zhBound(String bound) {
        return switch (bound) {
            case "approx" -> "约";
            case "upTo" -> "至多";
            case "atLeast" -> "超过";
            case "below" -> "不到";
            default -> "";
        };
    }

    static String number(double v) {
        BigDecimal d = BigDecimal.valueOf(v).setScale(3, RoundingMode.HALF_UP).stripTrailingZeros();
        return d.scale() < 0 ? d.setScale(0).toPlainString() : d.toPlainString();
    }

    static String date(LocalDate date, String language) {
        if (date == null) {
            return Phrases.get("undated", language);
        }
        if (Script.EN.equals(language)) {
            return date.getMonth().getDisplayName(TextStyle.FULL, Locale.ENGLISH) + " " + date.getDayOfMonth() + ", " + date.getYear();
        }
        return date.getYear() + "年" + date.getMonthValue() + "月" + date.getDayOfMonth() + "日";
    }

    /** "Series E " in English, "E轮" in Chinese; empty when there is no round. */
    static String qualifier(String qualifier, String language) {
        if (qualifier == null) {
            return "";
        }
        if (Script.EN.equals(language)) {
            return qualifier + " ";
        }
        return switch (qualifier) {
            case "Seed" -> "种子轮";
            case "Angel" -> "天使轮";
            default -> qualifier.startsWith("Series ") ? qualifier.substring(7) + "轮" : qualifier;
        };
    }

    static String sources(int n, String language) {
        return n == 1 ? Phrases.get("sources.one", language) : Phrases.get("sources.many", language).replace("{n}", Integer.toString(n));
    }
}
