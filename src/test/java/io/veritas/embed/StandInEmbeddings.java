package io.veritas.embed;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpServer;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Function;

/**
 * A stand-in for an OpenAI-compatible embeddings server on 127.0.0.1 ({@code POST /v1/embeddings}): it answers with
 * the vectors a test chooses and keeps every request, so a test checks our side of the protocol.
 */
final class StandInEmbeddings implements AutoCloseable {
    private final HttpServer server;
    final List<JsonNode> requests = new CopyOnWriteArrayList<>();

    StandInEmbeddings(Function<String, List<Float>> vectors) throws IOException {
        ObjectMapper json = new ObjectMapper();
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/v1/embeddings", exchange -> {
            JsonNode body = json.readTree(exchange.getRequestBody());
            requests.add(body);
            List<Map<String, Object>> out = new ArrayList<>();
            int i = 0;
            for (JsonNode input : body.get("input")) {
                out.add(Map.of("object", "embedding", "index", i++, "embedding", vectors.apply(input.asText())));
            }
            byte[] bytes = json.writeValueAsBytes(Map.of("object", "list", "data", out, "model", body.get("model").asText(),
                    "usage", Map.of("prompt_tokens", 1, "total_tokens", 1)));
            exchange.getResponseHeaders().set("Content-Type", "application/json");
            exchange.sendResponseHeaders(200, bytes.length);
            exchange.getResponseBody().write(bytes);
            exchange.close();
        });
        server.start();
    }

    /** The base URL to give {@code --embeddings-url}. */
    String url() {
        return "http://127.0.0.1:" + server.getAddress().getPort() + "/v1";
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
