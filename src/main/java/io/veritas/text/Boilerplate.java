package io.veritas.text;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * Line-level boilerplate that survives format-specific cleaning: copyright and licence lines, editor credits,
 * share and subscribe prompts, "related links" lists, and CSS dumped into the text of a page.
 * The patterns cover Simplified, Traditional and English wording; they only remove whole lines.
 */
public final class Boilerplate {
    private static final Pattern COPYRIGHT = Pattern.compile(
            "(©|\\(c\\)\\s*\\d{4}|copyright|版权所有|版權所有|all rights reserved|(未经授权|未經授權).{0,8}(不得|禁止)|"
                    + "不得转载|不得轉載|禁止转载|禁止轉載|公网安备|公網安備|icp备|icp證|icp证)", Pattern.CASE_INSENSITIVE);
    private static final Pattern CREDIT = Pattern.compile(
            "^\\s*(排版|校对|校對|编辑|編輯|责任编辑|責任編輯|责编|責編|审核|審核|审校|審校|美编|美編|图片来源|圖片來源)\\s*[:：].{0,30}$");
    private static final Pattern PROMPT = Pattern.compile(
            "^\\s*(?:(?:分享到|分享|订阅|訂閱|关注我们|關注我們|点赞|點讚|在看|阅读原文|閱讀原文|点击|點擊|返回顶部|回到頂部).{0,40}|(?:听全文|聽全文|原创|原創|收录于|收錄於|预览时标签不可点|預覽時標籤不可點)\\s*$|(?:"
                    + "share (this|on|via)|subscribe( to| now)?|sign up( for| now)?|follow us|click here|"
                    + "we use cookies|this site uses cookies|accept (all )?cookies|back to top)(?:[^\\p{L}].{0,60})?)$",
            Pattern.CASE_INSENSITIVE);
    private static final Pattern RELATED = Pattern.compile(
            "^\\s*(延伸閱讀|延伸阅读|相关阅读|相關閱讀|相关新闻|相關新聞|相关文章|相關文章|推荐阅读|推薦閱讀|热门推荐|熱門推薦|看更多|"
                    + "更多新闻|更多新聞|related( links| articles| stories| news| reading)?|read more|more from [^.]{0,40}|"
                    + "you may also like|recommended( for you)?|further reading)\\s*[:：]?\\s*$", Pattern.CASE_INSENSITIVE);
    private static final Pattern COOKIE_NOTICE = Pattern.compile(
            "(?i)cookie.*(同意|接受|隐私|隱私|consent|agree|accept|privacy)|(同意|接受|consent|agree|accept).*cookie");
    private static final Pattern SENTENCE_END = Pattern.compile("[。！？.!?」”]\\s*$");

    private Boilerplate() {
    }

    public static boolean isCopyrightOrCredit(String line) {
        String t = line.strip();
        return t.length() < 160 && (COPYRIGHT.matcher(t).find() || CREDIT.matcher(t).matches());
    }

    public static boolean isPrompt(String line) {
        String t = line.strip();
        return t.length() < 80 && PROMPT.matcher(t).matches() || t.length() < 200 && COOKIE_NOTICE.matcher(t).find();
    }

    public static boolean isRelatedHeading(String line) {
        return RELATED.matcher(line).matches();
    }

    /** Removes boilerplate lines; a related-links heading takes the short headline lines under it along. */
    public static String removeLines(String text) {
        String[] lines = text.split("\n", -1);
        List<String> kept = new ArrayList<>(lines.length);
        boolean inRelated = false;
        for (String line : lines) {
            String t = line.strip();
            if (inRelated) {
                boolean headline = !t.isEmpty() && t.length() <= 80 && !SENTENCE_END.matcher(t).find();
                boolean listItem = t.matches("^([-*•·‧▪►>]|\\d+[.、)]).*") && t.length() <= 120;
                if (headline || listItem || t.isEmpty()) {
                    continue;
                }
                inRelated = false;
            }
            if (isRelatedHeading(t)) {
                inRelated = true;
                continue;
            }
            if (!t.isEmpty() && (isCopyrightOrCredit(t) || isPrompt(t))) {
                continue;
            }
            kept.add(line);
        }
        return String.join("\n", kept);
    }

    /** What a CSS selector (or @media prelude) can be made of. */
    private static final Pattern SELECTOR = Pattern.compile("[\\s\\w.#:,>*+~\\[\\]=\"'()@%-]*");
    private static final Pattern CODE = Pattern.compile(
            "function\\s*\\(|=>|\\b(?:var|let|const)\\s+[\\w$]+\\s*=|\\bwindow\\.|\\bdocument\\.|\\}\\)\\(|\\breturn\\b.*;|"
                    + "\\bif\\s*\\(.*\\)\\s*\\{|^\\s*[})\\]]+;?\\s*$|\\w+\\(.*\\);\\s*$");

    /**
     * Removes lines of JavaScript dumped into text (a page's scripts saved with its words): lines without Chinese
     * that look like code (function, var/let/const, window., return ...;) and are dense in code punctuation.
     */
    public static String removeScript(String text) {
        if (text.indexOf(';') < 0 && text.indexOf('{') < 0) {
            return text;
        }
        StringBuilder out = new StringBuilder(text.length());
        boolean changed = false;
        for (String line : text.split("\n", -1)) {
            if (looksLikeCode(line)) {
                changed = true;
                continue;
            }
            out.append(line).append('\n');
        }
        return changed ? out.substring(0, Math.max(0, out.length() - 1)) : text;
    }

    private static boolean looksLikeCode(String line) {
        String t = line.strip();
        if (t.length() < 2) {
            return false;
        }
        int punct = 0;
        for (int i = 0; i < t.length(); i++) {
            char c = t.charAt(i);
            if (Script.isHan(c)) {
                return false;
            }
            if ("{}();=<>[]$".indexOf(c) >= 0) {
                punct++;
            }
        }
        return punct * 12 >= t.length() && CODE.matcher(t).find();
    }

    /**
     * Removes CSS rule sets dumped into text (as when a page's styles end up in its extracted text): balanced
     * {@code selector{prop: value;...}} regions, nested {@code @media} blocks included, with their selectors.
     */
    public static String removeCss(String text) {
        if (text.indexOf('{') < 0) {
            return text;
        }
        StringBuilder out = new StringBuilder(text.length());
        int copied = 0;
        int i = 0;
        while (i < text.length()) {
            int open = text.indexOf('{', i);
            if (open < 0) {
                break;
            }
            int close = matchingBrace(text, open);
            if (close < 0) {
                break;
            }
            String body = text.substring(open + 1, close);
            int selectorStart = selectorStart(text, open, copied);
            if (selectorStart >= 0 && looksLikeDeclarations(body)) {
                out.append(text, copied, selectorStart);
                copied = close + 1;
                i = close + 1;
            } else {
                i = open + 1;
            }
        }
        out.append(text, copied, text.length());
        String result = out.toString();
        if (result.length() == text.length()) {
            return text;
        }
        // Drop the lines that are now empty or hold only leftover CSS punctuation.
        StringBuilder clean = new StringBuilder(result.length());
        for (String line : result.split("\n", -1)) {
            String t = line.strip();
            if (!t.isEmpty() && t.matches("[{};,.:>)\\s]*")) {
                continue;
            }
            clean.append(line).append('\n');
        }
        return clean.substring(0, Math.max(0, clean.length() - 1)).replaceAll("\n{3,}", "\n\n").stripTrailing();
    }

    private static int matchingBrace(String text, int open) {
        int depth = 0;
        int limit = Math.min(text.length(), open + 20000);
        for (int j = open; j < limit; j++) {
            char c = text.charAt(j);
            if (c == '{') {
                depth++;
            } else if (c == '}') {
                depth--;
                if (depth == 0) {
                    return j;
                }
            }
        }
        return -1;
    }

    /** Where the selector before {@code {} starts, or -1 when the text before it reads as prose. */
    private static int selectorStart(String text, int open, int floor) {
        int j = open;
        while (j > floor) {
            char c = text.charAt(j - 1);
            if (c == '}') {
                break;
            }
            if (c == '\n' && j - 2 >= floor && text.charAt(j - 2) == '\n') {
                break;
            }
            if (Script.isHan(c) || c == '。' || c == '，' || open - j > 300) {
                return -1;
            }
            j--;
        }
        String selector = text.substring(j, open);
        if (!SELECTOR.matcher(selector).matches() || selector.matches("(?s).*[.!?][\\s\\n]+[A-Z].*")) {
            return -1; // prose (a sentence ends here), not a CSS selector
        }
        return j;
    }

    private static boolean looksLikeDeclarations(String body) {
        if (body.isBlank()) {
            return true;
        }
        int colon = body.indexOf(':');
        if (colon < 0) {
            return false;
        }
        int han = 0;
        for (int k = 0; k < body.length(); k++) {
            if (Script.isHan(body.charAt(k))) {
                han++;
            }
        }
        // No Chinese and no English sentence inside the braces: a rule set, whatever its line breaks.
        return han == 0 && !body.contains(". ") && body.length() < 5000;
    }
}
