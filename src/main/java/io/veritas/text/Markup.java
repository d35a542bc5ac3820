package io.veritas.text;

import org.jsoup.Jsoup;
import org.jsoup.nodes.Element;
import org.jsoup.nodes.Node;
import org.jsoup.nodes.TextNode;
import org.jsoup.parser.Tag;
import org.jsoup.select.NodeFilter;
import org.jsoup.select.NodeTraversor;

import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * HTML that turns up inside text that is not an HTML page: a JSON post's text, a plain-text file, Markdown. Tags,
 * their attributes and comments must never reach the cleaned text: an {@code <img src=x>} would otherwise be read
 * as the company X, and its quote would answer questions about X.
 *
 * <p>Most texts hold no markup at all, so {@link #strip} only parses when it sees a start or end tag of a known HTML
 * element (or a comment); a text with a {@code <} that is no tag ("revenue < $5m", "a -> b", "<3") comes back as it
 * was. Parsing is jsoup's, so a text that has markup is read the way a browser would: entities decoded, script and
 * style bodies dropped, a line break at each block element. Unknown elements ({@code <String>} in {@code List<String>})
 * do not count as markup on their own, but in a text that has markup they are parsed as elements like the rest.
 */
final class Markup {
    /**
     * What makes a text markup: a comment, a complete start or end tag, or a start tag with attributes cut off by the
     * end of the text ({@code <img src=x onerror=...} as the last thing in a post). Group 1 or 2 is the tag name.
     */
    private static final Pattern TAG = Pattern.compile(
            "<!--|</?([A-Za-z][A-Za-z0-9]*)(?:[\\s/][^<>]*)?>|<([A-Za-z][A-Za-z0-9]*)\\s[^<>]*=[^<>]*\\z");
    /** Elements whose content is code, styling, embedded objects or form state rather than text. */
    private static final Set<String> DROP = Set.of("script", "style", "noscript", "template", "iframe", "object",
            "embed", "svg", "math", "canvas", "head", "textarea", "title", "xmp", "noembed", "noframes", "plaintext");
    /** Start tags of the dropped elements that have content. */
    private static final Pattern CONTAINER = Pattern.compile(
            "<(script|style|noscript|template|iframe|object|svg|math|canvas|textarea|title|xmp|noembed|noframes|plaintext)(?=[\\s/>])",
            Pattern.CASE_INSENSITIVE);
    private static final Map<String, Pattern> END_TAGS = new ConcurrentHashMap<>();
    private static final Pattern SPACES = Pattern.compile("[ \\t\\x0B\\f]+");

    private Markup() {
    }

    /** The text without its markup; the same string when it has none. */
    static String strip(String text) {
        return text != null && hasMarkup(text) ? text(text) : text;
    }

    /** Whether the text has a tag of a known HTML element or a comment. */
    static boolean hasMarkup(String text) {
        Matcher m = null;
        for (int i = text.indexOf('<'); i >= 0 && i + 1 < text.length(); i = text.indexOf('<', i + 1)) {
            char next = text.charAt(i + 1);
            if (!(next >= 'a' && next <= 'z' || next >= 'A' && next <= 'Z' || next == '/' || next == '!')) {
                continue; // "< $5m", "<3", "<-": never a tag, and most '<' in prose are like these
            }
            m = m == null ? TAG.matcher(text) : m;
            if (m.region(i, text.length()).lookingAt()) {
                String name = m.group(1) != null ? m.group(1) : m.group(2);
                if (name == null || Tag.isKnownTag(name.toLowerCase(Locale.ROOT))) {
                    return true;
                }
            }
        }
        return false;
    }

    /**
     * The text of an HTML fragment, parsed whatever it holds: line breaks in the text and at block elements are kept,
     * runs of spaces become one, each line is trimmed and blank lines come at most one in a row.
     */
    static String text(String html) {
        StringBuilder out = new StringBuilder(html.length());
        NodeTraversor.filter(new NodeFilter() {
            @Override
            public FilterResult head(Node node, int depth) {
                if (node instanceof TextNode t) {
                    out.append(t.getWholeText());
                } else if (node instanceof Element e) {
                    if (DROP.contains(e.normalName())) {
                        return FilterResult.SKIP_ENTIRELY;
                    }
                    if (HtmlCleaner.BLOCKS.contains(e.normalName())) {
                        newline(out);
                    }
                }
                return FilterResult.CONTINUE;
            }

            @Override
            public FilterResult tail(Node node, int depth) {
                if (node instanceof Element e && HtmlCleaner.BLOCKS.contains(e.normalName())) {
                    newline(out);
                }
                return FilterResult.CONTINUE;
            }
        }, Jsoup.parseBodyFragment(unclosedAsText(html)));
        StringBuilder lines = new StringBuilder(out.length());
        boolean blank = true;
        for (String line : out.toString().split("\n", -1)) {
            String t = SPACES.matcher(line).replaceAll(" ").strip();
            if (!t.isEmpty() || !blank) {
                lines.append(t).append('\n');
            }
            blank = t.isEmpty();
        }
        return lines.toString().strip();
    }

    /**
     * An element whose content is dropped but that is never closed is a mention ("add a {@code <script>} tag to the
     * page"), not markup: a parser would take the rest of the text as its content and drop it. Its {@code <} is
     * escaped so that it stays text.
     */
    private static String unclosedAsText(String html) {
        Matcher m = CONTAINER.matcher(html);
        StringBuilder out = null;
        int copied = 0;
        while (m.find()) {
            String name = m.group(1).toLowerCase(Locale.ROOT);
            boolean closed = !name.equals("plaintext") && END_TAGS.computeIfAbsent(name,
                    n -> Pattern.compile("</" + n + "[\\s/>]", Pattern.CASE_INSENSITIVE)).matcher(html).find(m.end());
            if (!closed) {
                out = out == null ? new StringBuilder(html.length() + 16) : out;
                out.append(html, copied, m.start()).append("&lt;");
                copied = m.start() + 1;
            }
        }
        return out == null ? html : out.append(html, copied, html.length()).toString();
    }

    private static void newline(StringBuilder out) {
        if (!out.isEmpty() && out.charAt(out.length() - 1) != '\n') {
            out.append('\n');
        }
    }
}
