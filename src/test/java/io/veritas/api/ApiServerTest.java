package io.veritas.api;

import com.fasterxml.jackson.databind.JsonNode;
import io.veritas.Veritas;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** A real server on a free port of 127.0.0.1, called with the JDK's HTTP client. */
class ApiServerTest {
    @TempDir
    static Path data;
    static Veritas veritas;
    static ApiServer server;
    static final HttpClient CLIENT = HttpClient.newHttpClient();

    @BeforeAll
    static void start() {
        veritas = Veritas.open(data);
        veritas.ingest(List.of(Path.of("samples")), p -> { });
        server = ApiServer.start(veritas, "127.0.0.1", 0);
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
    void thePageIsServed() throws Exception {
        HttpResponse<String> r = send(HttpRequest.newBuilder(uri("/")));
        assertEquals(200, r.statusCode());
        assertTrue(r.body().contains("/v1/ask"));
    }
}
