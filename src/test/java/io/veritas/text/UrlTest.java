package io.veritas.text;

import io.veritas.ingest.Format;
import io.veritas.ingest.JsonPosts;
import io.veritas.ingest.RawItem;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.time.Instant;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Only absolute http(s) URLs with a host become a document's URL; anything else is dropped with a warning. */
class UrlTest {
    private static final Instant NOW = Instant.parse("2026-11-23T00:00:00Z");
    private static final String TEXT = "Halvard Optics raised $12 million in a seed round led by Fenwick Partners.";

    private static Texts.Result post(String url) {
        return Texts.clean(new RawItem("posts.jsonl:1", "posts.jsonl", Format.POST, TEXT, null, url, null, null, null,
                "en", Map.of()), NOW);
    }

    @ParameterizedTest
    @ValueSource(strings = {"javascript:alert(document.cookie)", "JavaScript:void(0)", "data:text/html;base64,PHNjcmlwdD4=",
            "file:///etc/passwd", "vbscript:msgbox(1)", "/news/halvard-seed.html", "news/halvard-seed.html",
            "//cdn.example.com/a", "http://", "https://", "http:///path", "http://:8080/a", "https://exa mple.com/a",
            "https://example.com/<script>", "ftp://files.example.com/a", "www.example.com/a"})
    void aUrlThatIsNotHttpIsDroppedAndDoesNotBecomeTheId(String url) {
        Texts.Result r = post(url);
        assertNull(r.document().url(), url);
        assertTrue(r.document().id().startsWith("h"), "the id falls back to the text's hash, not the URL: " + r.document().id());
        assertEquals(List.of("url '" + url + "' is not an http(s) URL; it was dropped"), r.warnings());
    }

    @ParameterizedTest
    @ValueSource(strings = {"HTTPS://Example.com/a", "https://example.com", "http://example.com:8080/a?b=c#d",
            "https://news.example.cn/2026/02/文章.html", "https://例子.中国/a", "http://[2001:db8::1]:8080/a",
            "https://user@example.com/a|b%zz"})
    void anAbsoluteHttpUrlIsKept(String url) {
        Texts.Result r = post(url);
        assertEquals(url, r.document().url());
        assertEquals(url, r.document().id(), "with no id given, the URL is the id");
        assertEquals(List.of(), r.warnings());
    }

    @Test
    void aJsonPostKeepsItsTextAndLosesItsJavascriptUrl() throws Exception {
        RawItem raw = JsonPosts.parse("posts.jsonl:3", "posts.jsonl",
                "{\"text\": \"" + TEXT + "\", \"url\": \"javascript:alert(1)\", \"published\": \"2026-02-01T00:00:00Z\"}");
        Texts.Result r = Texts.clean(raw, NOW);
        assertEquals(TEXT, r.document().text());
        assertNull(r.document().url());
        assertFalse(r.document().id().contains("javascript"), r.document().id());
        assertEquals(List.of("url 'javascript:alert(1)' is not an http(s) URL; it was dropped"), r.warnings());
    }

    @Test
    void htmlAndFrontMatterUrlsAreCheckedInTheirOrder() {
        String page = "<html><head><link rel=\"canonical\" href=\"javascript:alert(1)\">"
                + "<meta property=\"og:url\" content=\"https://halvard.example.com/news/seed\"></head>"
                + "<body><article><p>" + TEXT + "</p></article></body></html>";
        Texts.Result html = Texts.clean(RawItem.ofFile("seed.html", Format.HTML, page), NOW);
        assertEquals("https://halvard.example.com/news/seed", html.document().url());
        assertEquals(List.of("link rel=canonical 'javascript:alert(1)' is not an http(s) URL; it was dropped"), html.warnings());

        // A URL the source gave wins, and then the page's own links are not looked at.
        Texts.Result given = Texts.clean(new RawItem("feed", null, Format.HTML, page, null, "https://feed.example.com/e/1",
                null, null, null, null, Map.of()), NOW);
        assertEquals("https://feed.example.com/e/1", given.document().url());
        assertEquals(List.of(), given.warnings());

        String md = "---\ntitle: Halvard Optics seed\nurl: data:text/html,hello\nsource: Fenwick Weekly\n---\n\n" + TEXT
                + "\n\n[Original article](https://fenwick.example.com/halvard)\n";
        Texts.Result front = Texts.clean(RawItem.ofFile("seed.md", Format.MARKDOWN, md), NOW);
        assertEquals("https://fenwick.example.com/halvard", front.document().url(), "the source link stands in");
        assertEquals(List.of("front matter url 'data:text/html,hello' is not an http(s) URL; it was dropped"), front.warnings(),
                "a source that is a name, not a link, is no URL to warn about");

        Texts.Result relative = Texts.clean(RawItem.ofFile("seed.md", Format.MARKDOWN,
                "---\nlink: ../halvard.html\n---\n\n" + TEXT + "\n"), NOW);
        assertNull(relative.document().url());
        assertTrue(relative.document().id().startsWith("h"));
        assertEquals(List.of("front matter link '../halvard.html' is not an http(s) URL; it was dropped"), relative.warnings());
    }
}
