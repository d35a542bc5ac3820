package io.veritas.text;

import io.veritas.ingest.Failure;
import io.veritas.ingest.FileSource;
import io.veritas.ingest.RawItem;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/** The seeds and the samples come out clean, with the right title, date and language. Run under two locales. */
class CleaningTest {
    private static Map<String, Document> clean(Path folder) {
        List<RawItem> items = new ArrayList<>();
        List<Failure> failures = new ArrayList<>();
        FileSource source = new FileSource(items::add, failures::add);
        FileSource.expand(List.of(folder), failures::add).forEach(source::read);
        assertTrue(failures.isEmpty(), failures.toString());
        Map<String, Document> docs = new java.util.TreeMap<>();
        for (RawItem item : items) {
            Texts.Result r = Texts.clean(item, Instant.parse("2026-11-23T00:00:00Z"));
            assertNotNull(r.document(), item.locator() + ": " + r.error());
            docs.put(item.locator().replace('\\', '/'), r.document());
        }
        return docs;
    }

    private static Document named(Map<String, Document> docs, String suffix) {
        return docs.entrySet().stream().filter(e -> e.getKey().endsWith(suffix)).findFirst().orElseThrow().getValue();
    }

    private static void assertClean(Document d) {
        for (String junk : List.of("weui", "rgba(", "@media", "{", "}", "©", "版權所有", "版权所有", "Cookie", "cookie",
                "延伸閱讀", "相关阅读", "Related links", "Subscribe", "订阅", "公网安备", "新聞中心 20", "听全文", "<", "**")) {
            assertFalse(d.text().contains(junk), d.path() + " keeps '" + junk + "':\n" + d.text());
        }
        for (Passage p : d.passages()) {
            assertFalse(d.slice(p.span()).isBlank());
        }
        for (Span s : d.sentences()) {
            assertEquals(d.slice(s).strip(), d.slice(s), "sentence offsets are exact");
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"en", "tr"})
    void seedsComeOutClean(String locale) {
        Path seeds = Path.of("..", "shared", "corpus", "seeds");
        assumeTrue(Files.isDirectory(seeds));
        Locale before = Locale.getDefault();
        Locale.setDefault(Locale.forLanguageTag(locale));
        try {
            Map<String, Document> docs = clean(seeds);
            assertEquals(5, docs.size());
            docs.values().forEach(CleaningTest::assertClean);
            Document digest = named(docs, "000_88a85008fdd89467.txt");
            assertEquals(Instant.parse("2024-05-23T19:04:21.310Z"), digest.published());
            assertTrue(digest.title().startsWith("伊隆·马斯克的 xAI"));
            assertTrue(digest.url().startsWith("https://ft.com/"));
            assertEquals(Script.MIXED, digest.language(), "a bilingual digest is mixed");
            assertTrue(digest.passages().stream().anyMatch(p -> p.language().equals(Script.EN)));
            assertTrue(digest.passages().stream().anyMatch(p -> p.language().equals(Script.HANS)));
            Document wechat = named(docs, "001_506cf2e3bbd555df.txt");
            assertEquals(Script.HANS, wechat.language());
            assertTrue(wechat.text().strip().endsWith("生物实验室。"), "the article text is intact up to the CSS dump");
            assertTrue(wechat.title().startsWith("马斯克的AI公司"));
            Document hugo = named(docs, "003_e55724a0a1ce45c3.txt");
            assertEquals(Instant.parse("2025-06-19T03:20:04Z"), hugo.published());
            assertFalse(hugo.text().contains("[^"), "footnote marks are removed");
            assertFalse(hugo.text().contains("检索日期"), "the references section is removed");
            Document wire = named(docs, "004_428c75b8c0fd5639.txt");
            assertEquals(Script.HANT, wire.language());
            assertEquals("2026-01-07", wire.published().toString().substring(0, 10));
            assertTrue(wire.text().startsWith("特斯拉"), wire.text().substring(0, 40));
        } finally {
            Locale.setDefault(before);
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"en", "tr"})
    void samplesComeOutClean(String locale) {
        Locale before = Locale.getDefault();
        Locale.setDefault(Locale.forLanguageTag(locale));
        try {
            Map<String, Document> docs = clean(Path.of("samples"));
            assertEquals(23, docs.size());
            docs.values().forEach(CleaningTest::assertClean);
            for (Document d : docs.values()) {
                assertNotNull(d.published(), d.path() + " has a publication date");
                assertNotNull(d.title(), d.path() + " has a title");
            }
            Document html = named(docs, "en-xai-series-e-2026-01-06.html");
            assertEquals(Script.EN, html.language());
            assertEquals(Instant.parse("2026-01-06T23:42:00Z"), html.published());
            assertTrue(html.url().startsWith("https://"));
            Document wire = named(docs, "zh-hant-wire-xai-series-e-2026-01-07.txt");
            assertEquals(Script.HANT, wire.language());
            Document toml = named(docs, "zh-hans-deeppupil-extension-2026-09-16.md");
            assertEquals(Script.HANS, toml.language());
            assertEquals("2026-09-16", toml.published().toString().substring(0, 10));
        } finally {
            Locale.setDefault(before);
        }
    }

    @org.junit.jupiter.api.Test
    void anHtmlPageWithoutDateMetadataTakesItsVisibleDateline() {
        String html = "<html><head><title>Wire</title></head><body><nav>Home | World</nav><article><h1>Kite Labs raises funds</h1>"
                + "<div class=\"meta\">2026年3月10日 10:30</div><p>Kite Labs raised $8 million in a seed round on Monday.</p>"
                + "</article><footer>© 2026 Wire</footer></body></html>";
        Document d = Texts.clean(new RawItem("page.html", "page.html", io.veritas.ingest.Format.HTML, html, null, null, null,
                null, null, null, Map.of()), Instant.parse("2026-11-23T00:00:00Z")).document();
        assertEquals("2026-03-10T10:30:00Z", d.published().toString());
        assertFalse(d.text().contains("2026年3月10日"), d.text());
        assertFalse(d.text().contains("Home"), d.text());
    }

    @org.junit.jupiter.api.Test
    void scriptsDumpedIntoTextAreRemovedAndTagsKept() {
        String text = "Kite Labs raised $8 million in a seed round on Monday.\n"
                + "The company plans to hire 20 engineers (mostly in Berlin).\n"
                + "var _hmt = _hmt || [];\n"
                + "(function() { var hm = document.createElement(\"script\"); hm.src = \"https://stats.example/hm.js\";\n"
                + "  var s = document.getElementsByTagName(\"script\")[0]; s.parentNode.insertBefore(hm, s); })();\n"
                + "window.dataLayer = window.dataLayer || []; function gtag(){dataLayer.push(arguments);}\n";
        Document d = Texts.clean(new RawItem("t.txt", "t.txt", io.veritas.ingest.Format.TEXT, text, null, null, null,
                null, null, null, Map.of()), Instant.parse("2026-11-23T00:00:00Z")).document();
        assertEquals("Kite Labs raised $8 million in a seed round on Monday.\nThe company plans to hire 20 engineers (mostly in Berlin).",
                d.text());
        String md = "---\ntitle: Kite\ntags:\n  - funding\n  - 機器人\n---\n\nKite Labs raised $8 million.\n";
        Document m = Texts.clean(new RawItem("k.md", "k.md", io.veritas.ingest.Format.MARKDOWN, md, null, null, null,
                null, null, null, Map.of()), Instant.parse("2026-11-23T00:00:00Z")).document();
        assertEquals("funding, 機器人", m.meta().get("tags"));
    }
}
