package io.veritas.text;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.veritas.ingest.Timestamps;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Element;
import org.jsoup.nodes.Node;
import org.jsoup.nodes.TextNode;
import org.jsoup.parser.Parser;
import org.jsoup.select.Elements;
import org.jsoup.select.NodeTraversor;
import org.jsoup.select.NodeVisitor;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Main text and metadata of an HTML page. Drops scripts, styles, navigation, header, footer, asides, forms and
 * elements whose class or id marks them as sharing, related links, ads, cookie banners or comments; keeps the
 * article (the {@code article}/{@code main} element, else the body) with one line per block.
 */
final class HtmlCleaner {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String DROP_TAGS = "script, style, noscript, template, iframe, svg, canvas, form, button, input, "
            + "select, textarea, nav, header, footer, aside, menu, dialog, [role=navigation], [role=banner], "
            + "[role=contentinfo], [role=complementary], [aria-hidden=true], [hidden]";
    private static final Pattern BOILERPLATE_CLASS = Pattern.compile(
            "(^|[-_\\s])(share|sharing|social|related|recommend(ed|ations)?|subscribe|subscription|newsletter|cookies?|"
                    + "consent|gdpr|privacy-notice|notice-bar|banner|advert(isement)?|ads?|adsbygoogle|promo|sponsor(ed)?|comments?|breadcrumbs?|sidebar|"
                    + "menu|navbar|nav|footer|header|copyright|popup|modal|toolbar|pagination|tags|author-bio|byline-share)"
                    + "($|[-_\\s])", Pattern.CASE_INSENSITIVE);
    /** Elements that start a new line of text. */
    static final Set<String> BLOCKS = Set.of("p", "div", "section", "article", "main", "h1", "h2", "h3", "h4",
            "h5", "h6", "li", "ul", "ol", "blockquote", "pre", "br", "tr", "table", "figure", "figcaption", "dd", "dt", "hr");

    private HtmlCleaner() {
    }

    static Cleaned clean(String html, String baseUri) {
        org.jsoup.nodes.Document page = Jsoup.parse(html, baseUri == null ? "" : baseUri,
                Parser.htmlParser().setMaxDepth(512));
        String title = firstNonBlank(attr(page, "meta[property=og:title]", "content"),
                attr(page, "meta[name=twitter:title]", "content"),
                text(page, "h1"), page.title());
        Map<String, String> urls = new LinkedHashMap<>();
        urls.put("link rel=canonical", attr(page, "link[rel=canonical]", "href"));
        urls.put("meta og:url", attr(page, "meta[property=og:url]", "content"));
        String author = firstNonBlank(attr(page, "meta[name=author]", "content"),
                attr(page, "meta[property=article:author]", "content"));
        String published = firstNonBlank(attr(page, "meta[property=article:published_time]", "content"),
                attr(page, "meta[itemprop=datePublished]", "content"),
                attr(page, "meta[name=pubdate]", "content"), attr(page, "meta[name=publishdate]", "content"),
                attr(page, "meta[name=date]", "content"), attr(page, "meta[name=DC.date.issued]", "content"),
                attr(page, "time[datetime]", "datetime"));
        String summary = firstNonBlank(attr(page, "meta[name=description]", "content"),
                attr(page, "meta[property=og:description]", "content"));
        for (Element ld : page.select("script[type=application/ld+json]")) {
            try {
                JsonNode node = JSON.readTree(ld.data());
                if (node.isArray() && !node.isEmpty()) {
                    node = node.get(0);
                }
                if (node.has("@graph") && node.get("@graph").isArray() && !node.get("@graph").isEmpty()) {
                    node = node.get("@graph").get(0);
                }
                published = firstNonBlank(published, node.path("datePublished").asText(null));
                title = firstNonBlank(title, node.path("headline").asText(null));
                JsonNode a = node.path("author");
                author = firstNonBlank(author, a.isArray() ? a.path(0).path("name").asText(null) : a.path("name").asText(null));
            } catch (Exception ignored) {
                // A broken JSON-LD block only costs us its metadata.
            }
        }

        page.select(DROP_TAGS).remove();
        for (Element e : page.body().select("[class], [id]")) {
            String marks = e.className() + " " + e.id();
            if (e.parent() != null && BOILERPLATE_CLASS.matcher(marks).find() && !e.tagName().equals("body")
                    && !e.tagName().equals("article") && !e.tagName().equals("main")) {
                e.remove();
            }
        }
        Element main = largest(page.select("article"));
        if (main == null) {
            main = largest(page.select("main, [itemprop=articleBody], [role=main]"));
        }
        if (main == null) {
            main = page.body();
        }
        String text = blockText(main);
        Instant when = published == null ? null : Timestamps.parse(published).orElse(null);
        // A visible dateline or byline near the top ("記者某某／綜合報導 2026年3月10日") is page furniture: it goes,
        // and gives the date when the metadata had none.
        String[] lines = text.split("\n", -1);
        boolean removed = false;
        for (int i = 0; i < Math.min(8, lines.length); i++) {
            Instant dateline = PlainTextCleaner.dateline(lines[i]);
            if (dateline != null || PlainTextCleaner.isByline(lines[i])) {
                when = when == null ? dateline : when;
                lines[i] = "";
                removed = true;
            }
        }
        if (removed) {
            text = String.join("\n", lines).replaceAll("\n{2,}", "\n").strip();
        }
        List<String> tags = new java.util.ArrayList<>();
        for (Element tag : page.select("meta[property=article:tag]")) {
            tags.add(tag.attr("content").strip());
        }
        String keywords = attr(page, "meta[name=keywords]", "content");
        if (tags.isEmpty() && keywords != null) {
            for (String k : keywords.split("[,，]")) {
                if (!k.isBlank()) {
                    tags.add(k.strip());
                }
            }
        }
        return new Cleaned(text, title == null ? null : title.strip(), when, author, urls, summary, tags);
    }

    private static Element largest(Elements elements) {
        Element best = null;
        int bestLength = 0;
        for (Element e : elements) {
            int length = e.text().length();
            if (length > bestLength) {
                best = e;
                bestLength = length;
            }
        }
        return best;
    }

    /** The element's text with a line break at every block boundary and runs of white space collapsed. */
    private static String blockText(Element root) {
        StringBuilder out = new StringBuilder();
        NodeTraversor.traverse(new NodeVisitor() {
            @Override
            public void head(Node node, int depth) {
                if (node instanceof TextNode t) {
                    String s = t.getWholeText().replaceAll("\\s+", " ");
                    if (!s.isBlank() || (out.length() > 0 && out.charAt(out.length() - 1) != '\n')) {
                        out.append(s);
                    }
                } else if (node instanceof Element e && BLOCKS.contains(e.normalName())) {
                    newline(out);
                }
            }

            @Override
            public void tail(Node node, int depth) {
                if (node instanceof Element e && BLOCKS.contains(e.normalName())) {
                    newline(out);
                }
            }
        }, root);
        StringBuilder lines = new StringBuilder(out.length());
        for (String line : out.toString().split("\n")) {
            String t = line.strip();
            if (!t.isEmpty()) {
                lines.append(t).append('\n');
            }
        }
        return lines.toString().strip();
    }

    private static void newline(StringBuilder out) {
        if (out.length() > 0 && out.charAt(out.length() - 1) != '\n') {
            out.append('\n');
        }
    }

    private static String attr(org.jsoup.nodes.Document page, String css, String attribute) {
        Element e = page.selectFirst(css);
        return e == null ? null : e.attr(attribute);
    }

    private static String text(org.jsoup.nodes.Document page, String css) {
        Element e = page.selectFirst(css);
        return e == null ? null : e.text();
    }

    static String firstNonBlank(String... values) {
        for (String v : values) {
            if (v != null && !v.isBlank()) {
                return v.strip();
            }
        }
        return null;
    }

    static String lower(String s) {
        return s.toLowerCase(Locale.ROOT);
    }
}
