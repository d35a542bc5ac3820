package io.veritas.text;

import io.veritas.IngestReport;
import io.veritas.Veritas;
import io.veritas.answer.Answer;
import io.veritas.answer.Citation;
import io.veritas.answer.FactView;
import io.veritas.ingest.Format;
import io.veritas.ingest.RawItem;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * HTML inside posts, plain text and Markdown never reaches the cleaned text, while text that only contains
 * {@code <} or {@code >} is left alone. Every hidden part of the fixtures claims a valuation for X, so any of it
 * that leaked would turn up as a quote about X.
 */
class MarkupTest {
    private static final Instant NOW = Instant.parse("2026-11-23T00:00:00Z");

    static final String POST = "{\"id\": \"lumen-1\", \"published\": \"2026-02-11T10:00:00Z\", \"lang\": \"en\", \"text\": "
            + "\"<img src=x onerror=\\\"alert(1)\\\"> valued at $2 billion after its newest round, people close to the deal said. "
            + "<script>var note = 'X is valued at $5 billion';</script>Lumen Freight made a <b>bold</b> bet on rail yards "
            + "&amp; its backers declined to comment.<!-- X was valued at $7 billion --> The deal closes in March.\"}\n";

    static final String MARKDOWN = """
            ---
            title: Corvid Analytics opens a Lisbon office
            date: 2026-02-14
            ---
            # Corvid Analytics opens a <em>Lisbon</em> office

            Corvid Analytics, the <em>supply-chain</em> forecasting firm, now employs 140 people. <img src="x" alt="X logo">
            <span title="X is valued at $9 billion">Its founder</span> said revenue grew. <script>alert("X is valued at $9 billion")</script>

            <div class="note">
            Hiring continues <!-- X is valued at $9 billion --> through the summer.
            </div>

            Code such as `List<String>` and a comparison like 3 < 4 stay as written.
            """;

    static final String TEXT = """
            Brightwater Robotics hires a finance chief

            <p>Brightwater Robotics said on Monday that Ines Okonkwo will join as chief financial officer.</p>
            <img src=x onerror=alert(1)><br>
            The company, valued at <b>$600 million</b>, makes warehouse robots; revenue < $5m last year, a -> b, <3.
            <style>.x { color: red }</style>
            """;

    private static Document clean(Format format, String text) {
        Texts.Result r = Texts.clean(new RawItem("fixture", "fixture", format, text, null, null, null, null, null, null,
                Map.of()), NOW);
        assertTrue(r.document() != null, r.error());
        return r.document();
    }

    private static void assertNoMarkup(Document d) {
        for (String junk : List.of("<img", "src=", "onerror", "alert", "<b>", "</", "<!--", "-->", "<em>", "<span", "title=",
                "$5 billion", "$7 billion", "$9 billion", "X logo", "color", "&amp;")) {
            assertFalse(d.text().contains(junk), "keeps '" + junk + "':\n" + d.text());
        }
        for (Span s : d.sentences()) {
            assertEquals(d.slice(s).strip(), d.slice(s), "sentence offsets point into the cleaned text");
        }
    }

    @Test
    void aJsonPostLosesItsTagsScriptAndCommentsAndKeepsItsWords() throws Exception {
        RawItem raw = io.veritas.ingest.JsonPosts.parse("posts.jsonl:1", "posts.jsonl", POST);
        Document d = Texts.clean(raw, NOW).document();
        assertNoMarkup(d);
        assertTrue(d.text().startsWith("valued at $2 billion"), d.text());
        assertTrue(d.text().contains("Lumen Freight made a bold bet on rail yards & its backers declined to comment."), d.text());
        assertTrue(d.text().endsWith("The deal closes in March."), d.text());
        assertFalse(d.title().contains("<"), d.title());
    }

    @Test
    void markdownWithInlineHtmlAndPlainTextWithTagsComeOutAsText() {
        Document md = clean(Format.MARKDOWN, MARKDOWN);
        assertNoMarkup(md);
        assertEquals("Corvid Analytics opens a Lisbon office", md.title());
        assertTrue(md.text().contains("Corvid Analytics, the supply-chain forecasting firm, now employs 140 people."), md.text());
        assertTrue(md.text().contains("Its founder said revenue grew."), md.text());
        assertTrue(md.text().contains("Hiring continues through the summer."), md.text());
        assertTrue(md.text().contains("Code such as List<String> and a comparison like 3 < 4 stay as written."), md.text());

        Document txt = clean(Format.TEXT, TEXT);
        assertNoMarkup(txt);
        assertEquals("Brightwater Robotics hires a finance chief", txt.title());
        assertTrue(txt.text().contains("Brightwater Robotics said on Monday that Ines Okonkwo will join as chief financial officer."));
        assertTrue(txt.text().contains("The company, valued at $600 million, makes warehouse robots; revenue < $5m last year, a -> b, <3."),
                txt.text());
    }

    @Test
    void textWithoutTagsIsLeftAsItWas() {
        for (String text : List.of("Revenue < $5m, margins > 20%, a -> b, <3 and x<y", "Use List<String> here",
                "AT&amp;T and R&D without any tag", "No angle brackets at all.")) {
            assertSame(text, Markup.strip(text));
            assertEquals(text, clean(Format.POST, text).text());
        }
        // A mention of an element is not markup: the text after it stays.
        assertEquals("Add a <script> tag to the page, then make it bold.",
                Markup.strip("Add a <script> tag to the page, then make it <b>bold</b>."));
    }

    @Test
    void questionsAboutXDoNotQuoteMarkup(@TempDir Path dir) throws Exception {
        Path fixtures = Files.createDirectories(dir.resolve("fixtures"));
        Files.writeString(fixtures.resolve("posts.jsonl"), POST);
        Files.writeString(fixtures.resolve("corvid.md"), MARKDOWN);
        Files.writeString(fixtures.resolve("brightwater.txt"), TEXT);
        try (Veritas veritas = Veritas.open(dir.resolve("data"))) {
            IngestReport report = veritas.ingest(List.of(Path.of("samples"), fixtures), p -> { });
            assertEquals(List.of(), report.failures());
            assertEquals(26, report.added(), "the samples and the three fixtures");
            Answer answer = veritas.ask("What is X's valuation?");
            assertTrue(answer.answered() && !answer.citations().isEmpty(), "the samples hold X's valuation: " + answer);
            for (Citation c : answer.citations()) {
                assertFalse(c.path() != null && c.path().contains("fixtures"), "cites a fixture: " + c);
            }
            for (FactView f : answer.facts()) {
                assertFalse(f.sources().contains("lumen-1"), "a fact rests on the post: " + f);
            }
        }
    }
}
