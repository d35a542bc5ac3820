package io.veritas.api;

import com.fasterxml.jackson.databind.JsonNode;
import io.veritas.Veritas;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** A real server on a free port of 127.0.0.1, called with the JDK's HTTP client. */
class ApiServerTest {
    @TempDir
    static Path data;
    static Veritas veritas;
    static ApiServer server;
    static final HttpClient CLIENT = HttpClient.newHttpClient();
    static final String WRITE = Access.generate();

    @BeforeAll
    static void start() {
        veritas = Veritas.open(data);
        veritas.ingest(List.of(Path.of("samples")), p -> { });
        server = ApiServer.start(veritas, "127.0.0.1", 0, new Access(WRITE, null));
    }

    @AfterAll
    static void stop() {
        server.close();
        veritas.close();
    }

    static HttpResponse<String> send(HttpRequest.Builder request) throws Exception {
        return CLIENT.send(request.build(), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
    }

    static URI uri(String path) {
        return URI.create("http://127.0.0.1:" + server.port() + path);
    }

    /** A request to {@code path} that carries the write token. */
    static HttpRequest.Builder writing(String path) {
        return HttpRequest.newBuilder(uri(path)).header("Authorization", "Bearer " + WRITE);
    }

    /** Checks the project's error shape and returns its details. */
    static String problem(HttpResponse<String> r, int status) throws Exception {
        assertEquals(status, r.statusCode(), r.body());
        assertTrue(r.headers().firstValue("Content-Type").orElse("").startsWith("application/json"), r.headers().toString());
        JsonNode p = Json.MAPPER.readTree(r.body());
        assertEquals(status, p.get("status").asInt(), r.body());
        assertTrue(p.get("title").isTextual() && p.get("type").isTextual() && p.get("details").isTextual(), r.body());
        return p.get("details").asText();
    }

    @Test
    void postAskAnswersWithTheCliJsonShape() throws Exception {
        HttpResponse<String> r = send(HttpRequest.newBuilder(uri("/v1/ask"))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"question\": \"xAI的E轮融资筹集了多少钱？\"}")));
        assertEquals(200, r.statusCode(), r.body());
        JsonNode a = Json.MAPPER.readTree(r.body());
        for (String field : List.of("question", "language", "answered", "answer", "facts", "citations", "suggestions")) {
            assertTrue(a.has(field), field + " missing: " + a);
        }
        assertEquals("zh-Hans", a.get("language").asText());
        assertTrue(a.get("answer").asText().contains("200亿美元"), a.get("answer").asText());
    }

    @Test
    void getAskAndSearchWorkForLinks() throws Exception {
        HttpResponse<String> r = send(HttpRequest.newBuilder(uri("/v1/ask?q="
                + URLEncoder.encode("What is xAI's latest valuation?", StandardCharsets.UTF_8))));
        assertEquals(200, r.statusCode());
        assertTrue(Json.MAPPER.readTree(r.body()).get("answered").asBoolean());
        HttpResponse<String> s = send(HttpRequest.newBuilder(uri("/v1/search?limit=3&q=" + URLEncoder.encode("xAI", StandardCharsets.UTF_8))));
        assertEquals(200, s.statusCode());
        assertEquals(3, Json.MAPPER.readTree(s.body()).get("hits").size());
    }

    @Test
    void timelinesAndSourceReliabilitiesAreServed() throws Exception {
        HttpResponse<String> r = send(HttpRequest.newBuilder(uri("/v1/timeline?entity=" + URLEncoder.encode("深瞳智能", StandardCharsets.UTF_8)
                + "&attribute=valuation&lang=zh-Hans")));
        assertEquals(200, r.statusCode(), r.body());
        JsonNode t = Json.MAPPER.readTree(r.body());
        JsonNode points = t.get("points");
        assertTrue(points.size() >= 2, r.body());
        JsonNode last = points.get(points.size() - 1);
        assertEquals(2e9, last.get("value").asDouble(), r.body());
        assertEquals("current", last.get("status").asText(), r.body());
        assertTrue(last.get("text").asText().contains("亿美元"), r.body());
        assertEquals("superseded", points.get(0).get("status").asText(), r.body());

        String bad = problem(send(HttpRequest.newBuilder(uri("/v1/timeline?entity=xAI&attribute=weather"))), 400);
        assertTrue(bad.contains("weather") && bad.contains("valuation"), bad);

        HttpResponse<String> s = send(HttpRequest.newBuilder(uri("/v1/sources")));
        assertEquals(200, s.statusCode(), s.body());
        JsonNode sources = Json.MAPPER.readTree(s.body()).get("sources");
        assertTrue(sources.size() >= 3, s.body());
        double previous = 1;
        for (JsonNode source : sources) {
            double a = source.get("accuracy").asDouble();
            assertTrue(a > 0 && a < 1 && a <= previous, s.body());
            previous = a;
            assertFalse(source.get("source").asText().isBlank(), s.body());
        }
    }

    @Test
    void badRequestsGetAProblemBody() throws Exception {
        HttpResponse<String> r = send(HttpRequest.newBuilder(uri("/v1/ask"))
                .POST(HttpRequest.BodyPublishers.ofString("{\"q\": 1}")));
        assertEquals(400, r.statusCode());
        JsonNode p = Json.MAPPER.readTree(r.body());
        assertEquals(400, p.get("status").asInt());
        assertTrue(p.get("details").asText().contains("question"), r.body());
        HttpResponse<String> missing = send(HttpRequest.newBuilder(uri("/nope")));
        assertEquals(404, missing.statusCode());
        assertEquals("Not found", Json.MAPPER.readTree(missing.body()).get("title").asText());
    }

    @Test
    void aPostedDocumentIsAnswerableAtOnce() throws Exception {
        HttpResponse<String> r = send(writing("/v1/documents")
                .POST(HttpRequest.BodyPublishers.ofString("{\"id\": \"h-1\", \"published\": \"2026-04-01T08:00:00Z\", "
                        + "\"text\": \"Quill Robotics raised $80 million in its Series C on 2026-03-31.\"}")));
        assertEquals(200, r.statusCode(), r.body());
        assertEquals("added", Json.MAPPER.readTree(r.body()).get("status").asText());
        JsonNode a = Json.MAPPER.readTree(send(HttpRequest.newBuilder(uri("/v1/ask?q="
                + URLEncoder.encode("How much did Quill Robotics raise in its Series C?", StandardCharsets.UTF_8)))).body());
        assertTrue(a.get("answered").asBoolean(), a.toString());
        assertEquals(8e7, a.get("facts").get(0).get("value").asDouble());
        HttpResponse<String> doc = send(HttpRequest.newBuilder(uri("/v1/documents/h-1")));
        assertEquals("h-1", Json.MAPPER.readTree(doc.body()).get("docId").asText());
        HttpResponse<String> post = send(HttpRequest.newBuilder(uri("/v1/documents/p-1006")));
        assertEquals("1530", Json.MAPPER.readTree(post.body()).get("meta").get("likes").asText(), "unknown fields are kept: " + post.body());
        assertEquals("@aifundingdesk", Json.MAPPER.readTree(post.body()).get("author").asText());
        HttpResponse<String> again = send(writing("/v1/documents")
                .POST(HttpRequest.BodyPublishers.ofString("{\"id\": \"h-1\", \"published\": \"2026-04-01T08:00:00Z\", "
                        + "\"text\": \"Quill Robotics raised $80 million in its Series C on 2026-03-31.\"}")));
        assertEquals("duplicate", Json.MAPPER.readTree(again.body()).get("status").asText());
        HttpResponse<String> empty = send(writing("/v1/documents")
                .POST(HttpRequest.BodyPublishers.ofString("{\"id\": \"h-2\"}")));
        assertEquals(400, empty.statusCode());
        assertTrue(empty.body().contains("no \\\"text\\\""), empty.body());
    }

    @Test
    void bulkNdjsonReportsEachLine() throws Exception {
        String body = "{\"id\": \"b-1\", \"text\": \"First post about the market.\"}\n"
                + "not json at all\n"
                + "\n"
                + "{\"id\": \"b-2\", \"text\": \"Second post, in 繁體中文也可以。\"}\n"
                + "{\"id\": \"b-1\", \"text\": \"First post about the market.\"}\n";
        HttpResponse<String> r = send(writing("/v1/documents:bulk")
                .header("Content-Type", "application/x-ndjson")
                .POST(HttpRequest.BodyPublishers.ofString(body)));
        assertEquals(200, r.statusCode(), r.body());
        String[] lines = r.body().split("\n");
        assertEquals(5, lines.length, r.body());
        assertEquals("added", Json.MAPPER.readTree(lines[0]).get("status").asText());
        JsonNode bad = Json.MAPPER.readTree(lines[1]);
        assertEquals(2, bad.get("line").asInt());
        assertEquals("rejected", bad.get("status").asText());
        assertTrue(bad.get("reason").asText().contains("malformed JSON"));
        assertEquals(4, Json.MAPPER.readTree(lines[2]).get("line").asInt());
        assertEquals("duplicate", Json.MAPPER.readTree(lines[3]).get("status").asText());
        JsonNode summary = Json.MAPPER.readTree(lines[4]).get("summary");
        assertEquals(2, summary.get("added").asInt());
        assertEquals(1, summary.get("rejected").asInt());
    }

    @Test
    void thePageIsServed() throws Exception {
        HttpResponse<String> r = send(HttpRequest.newBuilder(uri("/")));
        assertEquals(200, r.statusCode());
        assertTrue(r.body().contains("/v1/ask"));
    }

    @Test
    void writesNeedTheWriteToken() throws Exception {
        String doc = "{\"id\": \"t-1\", \"text\": \"Tern Analytics opened an office in Lisbon this spring.\"}";
        for (String path : List.of("/v1/documents", "/v1/documents:bulk")) {
            HttpResponse<String> none = send(HttpRequest.newBuilder(uri(path)).POST(HttpRequest.BodyPublishers.ofString(doc)));
            String details = problem(none, 401);
            assertTrue(details.contains("Authorization: Bearer"), details);
            assertEquals("Unauthorized", Json.MAPPER.readTree(none.body()).get("title").asText());
            assertTrue(none.headers().firstValue("WWW-Authenticate").orElse("").startsWith("Bearer"), none.headers().toString());
            String guess = "not-the-token-" + path.length();
            HttpResponse<String> wrong = send(HttpRequest.newBuilder(uri(path)).header("Authorization", "Bearer " + guess)
                    .POST(HttpRequest.BodyPublishers.ofString(doc)));
            details = problem(wrong, 401);
            assertTrue(details.contains("not the right one"), details);
            assertFalse(wrong.body().contains(guess), "the token given is never echoed: " + wrong.body());
            HttpResponse<String> basic = send(HttpRequest.newBuilder(uri(path)).header("Authorization", "Basic " + WRITE)
                    .POST(HttpRequest.BodyPublishers.ofString(doc)));
            assertTrue(problem(basic, 401).contains("Bearer <token>"), basic.body());
        }
        assertEquals(404, send(HttpRequest.newBuilder(uri("/v1/documents/t-1"))).statusCode(), "nothing was stored");
        HttpResponse<String> right = send(writing("/v1/documents").POST(HttpRequest.BodyPublishers.ofString(doc)));
        assertEquals(200, right.statusCode(), right.body());
        assertEquals("added", Json.MAPPER.readTree(right.body()).get("status").asText());
        HttpResponse<String> bulk = send(writing("/v1/documents:bulk").POST(HttpRequest.BodyPublishers.ofString(doc + "\n")));
        assertEquals(200, bulk.statusCode(), bulk.body());
        assertTrue(bulk.body().contains("\"duplicate\":1"), bulk.body());
        HttpResponse<String> health = send(HttpRequest.newBuilder(uri("/v1/health")));
        assertEquals(200, health.statusCode(), "reads stay open without --read-token");
        JsonNode h = Json.MAPPER.readTree(health.body());
        assertEquals("ok", h.get("status").asText(), health.body());
        assertTrue(h.get("commits").get("appliedSeq").asLong() > 0, "health shows the journal position: " + health.body());
        assertEquals(0, h.get("commits").get("commitFailures").asInt());
        assertEquals(0, h.get("recovery").get("failures").size());
    }

    @Test
    void theReadTokenGuardsTheApiButNotThePage() throws Exception {
        String read = Access.generate();
        try (ApiServer guarded = ApiServer.start(veritas, "127.0.0.1", 0, new Access(WRITE, read))) {
            String base = "http://127.0.0.1:" + guarded.port();
            List<String> reads = List.of("/v1/health", "/v1/search?q=xAI", "/v1/ask?q=xAI", "/v1/documents/p-1006");
            for (String path : reads) {
                HttpResponse<String> none = send(HttpRequest.newBuilder(URI.create(base + path)));
                assertTrue(problem(none, 401).contains("read token"), none.body());
                HttpResponse<String> wrong = send(HttpRequest.newBuilder(URI.create(base + path)).header("Authorization", "Bearer nope"));
                problem(wrong, 401);
                assertEquals(200, send(HttpRequest.newBuilder(URI.create(base + path)).header("Authorization", "Bearer " + read))
                        .statusCode(), path);
                assertEquals(200, send(HttpRequest.newBuilder(URI.create(base + path)).header("Authorization", "Bearer " + WRITE))
                        .statusCode(), "the write token reads too: " + path);
            }
            HttpResponse<String> ask = send(HttpRequest.newBuilder(URI.create(base + "/v1/ask"))
                    .POST(HttpRequest.BodyPublishers.ofString("{\"question\": \"What is xAI's latest valuation?\"}")));
            problem(ask, 401);
            HttpResponse<String> readCannotWrite = send(HttpRequest.newBuilder(URI.create(base + "/v1/documents"))
                    .header("Authorization", "Bearer " + read)
                    .POST(HttpRequest.BodyPublishers.ofString("{\"id\": \"r-1\", \"text\": \"A short note.\"}")));
            assertTrue(problem(readCannotWrite, 401).contains("write token"), readCannotWrite.body());
            HttpResponse<String> page = send(HttpRequest.newBuilder(URI.create(base + "/")));
            assertEquals(200, page.statusCode(), "the page stays open; its fetches get the 401");
        }
    }

    @Test
    void highlightsAreEscapedAndTextStaysRaw() throws Exception {
        // Markup is stripped when documents are cleaned (MarkupTest); what survives as text, such as a lone, unclosed
        // <script> a writer mentions, must come back escaped.
        String text = "The vexilloquent changelog says to add a <script> tag before the body, "
                + "plus Fish & Chips and \\\"quotes\\\" and it's fine.";
        HttpResponse<String> r = send(writing("/v1/documents").POST(HttpRequest.BodyPublishers.ofString(
                "{\"id\": \"x-1\", \"text\": \"" + text + "\"}")));
        assertEquals(200, r.statusCode(), r.body());
        JsonNode hits = Json.MAPPER.readTree(send(HttpRequest.newBuilder(uri("/v1/search?q=vexilloquent"))).body()).get("hits");
        assertEquals("x-1", hits.get(0).get("id").asText(), hits.toString());
        String raw = hits.get(0).get("text").asText();
        String highlight = hits.get(0).get("highlight").asText();
        assertTrue(raw.contains("a <script> tag"),
                "text stays exactly as indexed: " + raw);
        assertTrue(highlight.contains("<b>vexilloquent</b>"), highlight);
        assertFalse(highlight.contains("<script"), highlight);
        String tagsLeft = highlight.replace("<b>", "").replace("</b>", "");
        assertFalse(tagsLeft.contains("<") || tagsLeft.contains(">"), "no tag but <b>: " + highlight);
        assertTrue(highlight.contains("a &lt;script&gt; tag"), highlight);
        assertTrue(highlight.contains("Fish &amp; Chips") && highlight.contains("&quot;quotes&quot;")
                && highlight.contains("it&#39;s"), highlight);
        assertEquals(raw, tagsLeft.replace("&lt;", "<").replace("&gt;", ">").replace("&quot;", "\"")
                .replace("&#39;", "'").replace("&amp;", "&"), "the marks sit on the raw text's offsets");
    }

    @Test
    void aTooLargeBodyIsA413InTheErrorShape() throws Exception {
        byte[] body = new byte[(int) ApiServer.MAX_BODY_BYTES + 1];
        Arrays.fill(body, (byte) 'a');
        HttpResponse<String> r = send(writing("/v1/documents").header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofByteArray(body)));
        String details = problem(r, 413);
        assertTrue(details.contains("16 MB") && details.contains(":bulk"), details);
        assertEquals("Content too large", Json.MAPPER.readTree(r.body()).get("title").asText());
    }

    @Test
    void otherErrorStatusesAreJsonToo() throws Exception {
        HttpResponse<String> put = send(writing("/v1/documents").PUT(HttpRequest.BodyPublishers.ofString("{}")));
        assertTrue(problem(put, 405).contains("POST"), put.body());
        assertEquals("POST", put.headers().firstValue("Allow").orElse(""));
        HttpResponse<String> missing = send(HttpRequest.newBuilder(uri("/v1/documents/no-such-id")));
        assertTrue(problem(missing, 404).contains("no-such-id"), "a route's own 404 keeps its details: " + missing.body());
        HttpResponse<String> huge = send(HttpRequest.newBuilder(uri("/v1/health")).header("X-Filler", "f".repeat(20_000)));
        problem(huge, 431); // refused by Jetty before any route
        HttpResponse<String> charset = send(writing("/v1/documents").header("Content-Type", "application/json; charset=klingon")
                .POST(HttpRequest.BodyPublishers.ofString("{}")));
        assertTrue(problem(charset, 400).contains("klingon"), charset.body());
    }

    static final String GBK_TITLE = "青禾机器人完成新一轮融资";
    static final String GBK_TEXT = "青禾机器人公司今天宣布完成新一轮融资，计划把这笔资金用于扩建南京的工厂，并招聘更多工程师。";
    static final String BIG5_TEXT = "山嵐科技表示，新工廠將在明年春天開始量產，屆時產能會比現在高出一倍。";

    private static String json(String id, String title, String text) {
        return "{\"id\": \"" + id + "\", \"title\": \"" + title + "\", \"text\": \"" + text + "\"}";
    }

    /** The title stored for a document; waits for a bulk request's documents, searchable within a second. */
    private static String storedTitle(String id) throws Exception {
        HttpResponse<String> r = send(HttpRequest.newBuilder(uri("/v1/documents/" + id)));
        for (long deadline = System.nanoTime() + 10_000_000_000L; r.statusCode() == 404 && System.nanoTime() < deadline; ) {
            Thread.sleep(50);
            r = send(HttpRequest.newBuilder(uri("/v1/documents/" + id)));
        }
        assertEquals(200, r.statusCode(), r.body());
        return Json.MAPPER.readTree(r.body()).get("title").asText();
    }

    @Test
    void aGbkPostWithoutCharsetIsStoredAsWritten() throws Exception {
        Charset gbk = Charset.forName("GBK");
        HttpResponse<String> r = send(writing("/v1/documents").header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofByteArray(json("gbk-1", GBK_TITLE, GBK_TEXT).getBytes(gbk))));
        assertEquals(200, r.statusCode(), r.body());
        assertEquals(GBK_TITLE, storedTitle("gbk-1"));
        JsonNode hits = Json.MAPPER.readTree(send(HttpRequest.newBuilder(uri("/v1/search?q="
                + URLEncoder.encode("青禾机器人 南京工厂", StandardCharsets.UTF_8)))).body()).get("hits");
        assertEquals("gbk-1", hits.get(0).get("id").asText(), hits.toString());
        assertEquals(GBK_TEXT, hits.get(0).get("text").asText());

        ByteArrayOutputStream utf16 = new ByteArrayOutputStream();
        utf16.write(0xFF);
        utf16.write(0xFE);
        utf16.write(json("u16-1", "山嵐科技新工廠", BIG5_TEXT).getBytes(StandardCharsets.UTF_16LE));
        r = send(writing("/v1/documents").POST(HttpRequest.BodyPublishers.ofByteArray(utf16.toByteArray())));
        assertEquals(200, r.statusCode(), r.body());
        assertEquals("山嵐科技新工廠", storedTitle("u16-1"));

        r = send(writing("/v1/documents").header("Content-Type", "application/json; charset=GBK")
                .POST(HttpRequest.BodyPublishers.ofByteArray(json("gbk-2", "短讯", "这是一条很短的消息。").getBytes(gbk))));
        assertEquals(200, r.statusCode(), r.body());
        assertEquals("短讯", storedTitle("gbk-2"), "an explicit charset is honoured");
    }

    @Test
    void aBulkStreamInGbkOrBig5IsDetected() throws Exception {
        Charset gbk = Charset.forName("GBK");
        // Over 64 KiB, padded so that the first 64 KiB end in the middle of a two-byte character.
        int lines = 700;
        String padding = "";
        String body;
        while (true) {
            StringBuilder b = new StringBuilder();
            for (int i = 0; i < lines; i++) {
                b.append(json("gb-" + i + (i == 0 ? padding : ""), GBK_TITLE + i, GBK_TEXT + "第" + i + "条。")).append('\n');
            }
            body = b.toString();
            int bytes = 0;
            int cut = 64 << 10;
            boolean split = false;
            for (int i = 0; i < body.length() && bytes < cut; i++) {
                int n = String.valueOf(body.charAt(i)).getBytes(gbk).length;
                split = bytes + n > cut;
                bytes += n;
            }
            if (split) {
                break;
            }
            padding += "x";
        }
        HttpResponse<String> r = send(writing("/v1/documents:bulk").header("Content-Type", "application/x-ndjson")
                .POST(HttpRequest.BodyPublishers.ofByteArray(body.getBytes(gbk))));
        assertEquals(200, r.statusCode(), r.body());
        String[] results = r.body().split("\n");
        JsonNode summary = Json.MAPPER.readTree(results[results.length - 1]).get("summary");
        assertEquals(lines, summary.get("added").asInt(), r.body().substring(0, 300));
        for (int i : new int[]{1, 400, lines - 1}) {
            assertEquals(GBK_TITLE + i, storedTitle("gb-" + i));
        }

        String big5 = json("b5-1", "山嵐科技新工廠", BIG5_TEXT) + "\n" + json("b5-2", "山嵐科技產能", BIG5_TEXT + "消息來自公司發言人。") + "\n";
        r = send(writing("/v1/documents:bulk").POST(HttpRequest.BodyPublishers.ofByteArray(big5.getBytes(Charset.forName("Big5")))));
        assertEquals(200, r.statusCode(), r.body());
        assertEquals("山嵐科技新工廠", storedTitle("b5-1"));
        assertEquals("山嵐科技產能", storedTitle("b5-2"));
    }
}
