package io.veritas.text;

import io.veritas.ingest.Timestamps;
import org.commonmark.node.AbstractVisitor;
import org.commonmark.node.BlockQuote;
import org.commonmark.node.Code;
import org.commonmark.node.FencedCodeBlock;
import org.commonmark.node.HardLineBreak;
import org.commonmark.node.Heading;
import org.commonmark.node.HtmlBlock;
import org.commonmark.node.HtmlInline;
import org.commonmark.node.Image;
import org.commonmark.node.IndentedCodeBlock;
import org.commonmark.node.Link;
import org.commonmark.node.ListItem;
import org.commonmark.node.Node;
import org.commonmark.node.Paragraph;
import org.commonmark.node.SoftLineBreak;
import org.commonmark.node.Text;
import org.commonmark.node.ThematicBreak;
import org.commonmark.parser.Parser;
import org.snakeyaml.engine.v2.api.Load;
import org.snakeyaml.engine.v2.api.LoadSettings;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Markdown with optional YAML ({@code ---}) or TOML ({@code +++}) front matter. The body is parsed with
 * commonmark and rendered to plain text: one line per block, images dropped, links reduced to their text,
 * paragraphs that are only a "source link" dropped (their URL is kept as the document URL), reference and
 * footnote sections dropped.
 */
final class MarkdownCleaner {
    private static final Parser PARSER = Parser.builder().build();
    private static final Pattern FOOTNOTE_REF = Pattern.compile("\\[\\^[^\\]\\s]{1,10}\\]");
    private static final Pattern REFERENCES = Pattern.compile(
            "(?i)^(references|sources|notes|footnotes|参考资料|參考資料|参考文献|參考文獻|参考来源|參考來源|注释|註釋|资料来源|資料來源)\\s*[:：]?$");
    private static final Pattern TOML_LINE = Pattern.compile("^\\s*([A-Za-z_][\\w-]*)\\s*=\\s*(.+?)\\s*$");

    private MarkdownCleaner() {
    }

    static Cleaned clean(String markdown) {
        Map<String, Object> front = Map.of();
        String body = markdown.stripLeading();
        if (body.startsWith("---\n") || body.startsWith("+++\n")) {
            String fence = body.substring(0, 3);
            int end = body.indexOf("\n" + fence, 3);
            if (end > 0) {
                String header = body.substring(4, end + 1);
                front = fence.equals("---") ? yaml(header) : toml(header);
                int after = body.indexOf('\n', end + 1 + 3);
                body = after < 0 ? "" : body.substring(after + 1);
            }
        }
        Node document = PARSER.parse(body);
        Renderer renderer = new Renderer(body.indexOf('<') >= 0 && hasHtml(document));
        document.accept(renderer);
        String text = renderer.text();
        // Inline HTML and HTML blocks were rendered as written (and the text around them escaped) so that one HTML
        // parse sees each element whole: the body of an inline <script> is a Text node between two HtmlInline tags.
        String plain = renderer.html ? Markup.text(text) : Markup.strip(text);
        if (!plain.equals(text)) {
            text = plain.replaceAll("\n{2,}", "\n");
        }
        text = FOOTNOTE_REF.matcher(text).replaceAll("");
        text = text.replace("**", "").replace("__", "");
        String title = HtmlCleaner.firstNonBlank(string(front, "title"), renderer.firstHeading);
        String published = HtmlCleaner.firstNonBlank(string(front, "date"), string(front, "published"),
                string(front, "pubDate"), string(front, "publishDate"));
        Instant when = published == null ? null : Timestamps.parse(published).orElse(null);
        Map<String, String> urls = new LinkedHashMap<>();
        urls.put("front matter url", string(front, "url"));
        String source = string(front, "source");
        if (Urls.isHttp(source)) {
            urls.put("front matter source", source); // more often the outlet's name than a link
        }
        urls.put("front matter link", string(front, "link"));
        urls.put("front matter canonical", string(front, "canonical"));
        urls.put("source link", renderer.sourceLink);
        String summary = HtmlCleaner.firstNonBlank(string(front, "summary"), string(front, "description"));
        return new Cleaned(text, title, when, string(front, "author"), urls, summary, tags(front.get("tags")));
    }

    private static boolean hasHtml(Node parent) {
        for (Node n = parent.getFirstChild(); n != null; n = n.getNext()) {
            if (n instanceof HtmlInline || n instanceof HtmlBlock || hasHtml(n)) {
                return true;
            }
        }
        return false;
    }

    private static Map<String, Object> yaml(String header) {
        try {
            Object loaded = new Load(LoadSettings.builder().build()).loadFromString(header);
            if (loaded instanceof Map<?, ?> map) {
                Map<String, Object> out = new LinkedHashMap<>();
                map.forEach((k, v) -> out.put(String.valueOf(k), v));
                return out;
            }
        } catch (RuntimeException ignored) {
            // Unreadable front matter: the body is still worth ingesting.
        }
        return Map.of();
    }

    private static Map<String, Object> toml(String header) {
        Map<String, Object> out = new LinkedHashMap<>();
        for (String line : header.split("\n")) {
            Matcher m = TOML_LINE.matcher(line);
            if (m.matches()) {
                String v = m.group(2);
                if (v.length() >= 2 && (v.startsWith("\"") && v.endsWith("\"") || v.startsWith("'") && v.endsWith("'"))) {
                    v = v.substring(1, v.length() - 1);
                }
                out.put(m.group(1), v);
            }
        }
        return out;
    }

    /** Tags as a YAML list, a TOML array written as text ("[a, b]") or a comma-separated string. */
    private static List<String> tags(Object value) {
        if (value instanceof List<?> list) {
            return list.stream().map(String::valueOf).map(String::strip).filter(t -> !t.isEmpty()).toList();
        }
        if (value == null) {
            return List.of();
        }
        String s = String.valueOf(value).replaceAll("^\\[|]$", "");
        return java.util.Arrays.stream(s.split(",")).map(t -> t.strip().replaceAll("^[\"']|[\"']$", ""))
                .filter(t -> !t.isEmpty()).toList();
    }

    private static String string(Map<String, Object> front, String key) {
        Object v = front.get(key);
        if (v == null) {
            return null;
        }
        if (v instanceof List<?> list) {
            return list.isEmpty() ? null : String.valueOf(list.get(0));
        }
        return String.valueOf(v);
    }

    /** Renders blocks as lines of plain text. */
    private static final class Renderer extends AbstractVisitor {
        private final StringBuilder out = new StringBuilder();
        private String firstHeading;
        private String sourceLink;
        private int skipBelowLevel = 0;
        /** The document has inline HTML or HTML blocks: the text is rendered as HTML, to be parsed once at the end. */
        private final boolean html;

        Renderer(boolean html) {
            this.html = html;
        }

        /**
         * Text and code as the author wrote them: a tag of a known element goes, as in any text; in a document rendered
         * as HTML the rest is escaped so that the parse gives it back as written ({@code List<String>}, {@code 3 < 4}).
         */
        private String literal(String s) {
            String plain = Markup.strip(s);
            return html ? plain.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;") : plain;
        }

        String text() {
            StringBuilder lines = new StringBuilder();
            String previous = null;
            for (String line : out.toString().split("\n")) {
                String t = line.strip();
                if (t.isEmpty() || t.equals(previous)) {
                    continue;
                }
                lines.append(t).append('\n');
                previous = t;
            }
            return lines.toString().strip();
        }

        private boolean skipping() {
            return skipBelowLevel > 0;
        }

        @Override
        public void visit(Heading heading) {
            String text = inlineText(heading).strip();
            String plain = html ? Markup.text(text) : Markup.strip(text);
            if (skipping() && heading.getLevel() <= skipBelowLevel) {
                skipBelowLevel = 0;
            }
            if (REFERENCES.matcher(plain).matches()) {
                skipBelowLevel = heading.getLevel();
                return;
            }
            if (skipping()) {
                return;
            }
            if (firstHeading == null && !plain.isEmpty()) {
                firstHeading = plain;
            }
            block(text);
        }

        @Override
        public void visit(Paragraph paragraph) {
            if (skipping()) {
                return;
            }
            Node only = paragraph.getFirstChild();
            if (only instanceof Link link && only.getNext() == null) {
                // A paragraph that is just a link is a "source"/"original article" pointer, not prose.
                if (sourceLink == null && Urls.isHttp(link.getDestination())) {
                    sourceLink = link.getDestination();
                }
                return;
            }
            if (only instanceof Image && only.getNext() == null) {
                return;
            }
            String text = inlineText(paragraph);
            if (text.strip().matches("^\\[\\^[^\\]]+\\]:.*")) {
                return; // a footnote definition
            }
            block(text);
        }

        @Override
        public void visit(ListItem item) {
            if (!skipping()) {
                visitChildren(item);
            }
        }

        @Override
        public void visit(BlockQuote quote) {
            if (!skipping()) {
                visitChildren(quote);
            }
        }

        @Override
        public void visit(FencedCodeBlock code) {
            if (!skipping()) {
                block(literal(code.getLiteral()));
            }
        }

        @Override
        public void visit(IndentedCodeBlock code) {
            if (!skipping()) {
                block(literal(code.getLiteral()));
            }
        }

        @Override
        public void visit(HtmlBlock htmlBlock) {
            if (!skipping()) {
                block(htmlBlock.getLiteral());
            }
        }

        @Override
        public void visit(ThematicBreak thematicBreak) {
            out.append('\n');
        }

        private void block(String text) {
            out.append(text).append('\n');
        }

        private String inlineText(Node parent) {
            StringBuilder sb = new StringBuilder();
            appendInline(parent, sb);
            return sb.toString();
        }

        private void appendInline(Node parent, StringBuilder sb) {
            for (Node n = parent.getFirstChild(); n != null; n = n.getNext()) {
                if (n instanceof Text t) {
                    sb.append(literal(t.getLiteral()));
                } else if (n instanceof Code c) {
                    sb.append(literal(c.getLiteral()));
                } else if (n instanceof SoftLineBreak) {
                    softBreak(n, sb);
                } else if (n instanceof HardLineBreak) {
                    sb.append('\n');
                } else if (n instanceof Image) {
                    // images carry no text worth indexing
                } else if (n instanceof HtmlInline tag) {
                    sb.append(tag.getLiteral()); // parsed with the rest once the text is rendered
                } else {
                    appendInline(n, sb);
                }
            }
        }

        /** A wrapped line: no space between two Chinese characters, one space otherwise. */
        private static void softBreak(Node br, StringBuilder sb) {
            char before = sb.isEmpty() ? ' ' : sb.charAt(sb.length() - 1);
            Node next = br.getNext();
            char after = ' ';
            if (next instanceof Text t && !t.getLiteral().isEmpty()) {
                after = t.getLiteral().charAt(0);
            }
            boolean cjkJoin = (Script.isHan(before) || isCjkPunct(before)) && (Script.isHan(after) || isCjkPunct(after));
            if (!cjkJoin) {
                sb.append(' ');
            }
        }

        private static boolean isCjkPunct(char c) {
            return c >= 0x3000 && c <= 0x303F || c >= 0xFF00 && c <= 0xFF65;
        }
    }
}
