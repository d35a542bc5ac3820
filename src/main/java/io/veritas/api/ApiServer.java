package io.veritas.api;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.javalin.Javalin;
import io.javalin.http.Context;
import io.javalin.json.JavalinJackson;
import io.veritas.Veritas;
import io.veritas.ingest.JsonPosts;
import io.veritas.ingest.RawItem;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * The HTTP API and the web page. Thin: every route calls {@link Veritas}. Errors have one JSON shape,
 * {@code {"title", "status", "type", "details"}}, never an empty body.
 *
 * <ul>
 *   <li>{@code POST /v1/ask} with {@code {"question": "..."}} returns the same JSON as {@code veritas ask --json}</li>
 *   <li>{@code GET /v1/ask?q=...} the same, for links</li>
 *   <li>{@code GET /v1/search?q=...&limit=10&mode=hybrid} the same JSON as {@code veritas search --json}</li>
 *   <li>{@code POST /v1/documents} one JSON document; answers {@code {"id", "status"}} once it is durable</li>
 *   <li>{@code POST /v1/documents:bulk} NDJSON, read as a stream; answers one NDJSON line per input line
 *       ({@code line, id, status, reason}) and a last {@code summary} line</li>
 *   <li>{@code GET /v1/documents/{id}} a document's metadata</li>
 *   <li>{@code GET /v1/health} document count</li>
 *   <li>{@code GET /} the page</li>
 * </ul>
 */
public final class ApiServer implements AutoCloseable {
    private final Javalin app;

    private ApiServer(Javalin app) {
        this.app = app;
    }

    public static ApiServer start(Veritas veritas, String host, int port) {
        String page = resource("/io/veritas/web/index.html");
        Javalin app = Javalin.create(cfg -> {
            cfg.jsonMapper(new JavalinJackson(Json.MAPPER, false));
            cfg.startup.showJavalinBanner = false;
            cfg.routes.get("/", ctx -> ctx.html(page));
            cfg.routes.get("/v1/health", ctx -> ctx.json(Json.MAPPER.createObjectNode().put("status", "ok")
                    .put("documents", veritas.documentCount()).put("vectors", veritas.vectorCount())));
            cfg.routes.post("/v1/ask", ctx -> ctx.json(veritas.ask(questionFrom(ctx))));
            cfg.routes.get("/v1/ask", ctx -> ctx.json(veritas.ask(required(ctx, "q"))));
            cfg.routes.get("/v1/search", ctx -> {
                String q = required(ctx, "q");
                int limit = 10;
                String raw = ctx.queryParam("limit");
                if (raw != null) {
                    try {
                        limit = Integer.parseInt(raw);
                    } catch (NumberFormatException e) {
                        throw new IllegalArgumentException("query parameter 'limit' must be a whole number, got '" + raw + "'");
                    }
                }
                String mode = ctx.queryParam("mode");
                io.veritas.index.SearchRequest request = io.veritas.index.SearchRequest.of(q, Math.max(1, limit));
                if (mode != null) {
                    request = request.withMode(io.veritas.index.SearchRequest.Mode.parse(mode, "query parameter 'mode'"));
                }
                ctx.json(Json.hits(q, veritas.search(request)));
            });
            cfg.routes.post("/v1/documents", ctx -> {
                RawItem item;
                try {
                    item = JsonPosts.parse("POST /v1/documents", null, ctx.body());
                } catch (JsonPosts.BadRecord e) {
                    throw new IllegalArgumentException("the document was rejected: " + e.getMessage());
                }
                Veritas.Accepted a = veritas.accept(List.of(item)).get(0);
                if (a.status().equals("rejected")) {
                    throw new IllegalArgumentException("the document was rejected: " + a.reason());
                }
                ctx.json(Json.MAPPER.createObjectNode().put("id", a.id()).put("status", a.status()));
            });
            cfg.routes.post("/v1/documents:bulk", ctx -> Bulk.ingest(veritas, ctx));
            cfg.routes.get("/v1/documents/{id}", ctx -> {
                var info = veritas.documentInfo(ctx.pathParam("id"));
                if (info == null) {
                    problem(ctx, 404, "Not found", "no document with id '" + ctx.pathParam("id") + "'");
                } else {
                    ObjectNode o = Json.MAPPER.valueToTree(info.source());
                    o.put("author", info.author());
                    o.set("meta", Json.MAPPER.valueToTree(info.meta()));
                    ctx.json(o);
                }
            });
            cfg.routes.exception(IllegalArgumentException.class, (e, ctx) -> problem(ctx, 400, "Bad request", e.getMessage()));
            cfg.routes.exception(Exception.class, (e, ctx) -> problem(ctx, 500, "Internal error",
                    e.getClass().getSimpleName() + ": " + e.getMessage()));
            cfg.routes.error(404, "*", ctx -> problem(ctx, 404, "Not found",
                    "no route " + ctx.method() + " " + ctx.path() + "; see GET / for the page and POST /v1/ask for the API"));
        });
        app.start(host, port);
        return new ApiServer(app);
    }

    public int port() {
        return app.port();
    }

    private static String questionFrom(Context ctx) {
        String body = ctx.body();
        if (body.isBlank()) {
            throw new IllegalArgumentException("the request body is empty; send JSON such as {\"question\": \"What is xAI's latest valuation?\"}");
        }
        JsonNode node;
        try {
            node = Json.MAPPER.readTree(body);
        } catch (IOException e) {
            throw new IllegalArgumentException("the request body is not valid JSON; send {\"question\": \"...\"}");
        }
        JsonNode q = node == null ? null : node.get("question");
        if (q == null || !q.isTextual() || q.asText().isBlank()) {
            throw new IllegalArgumentException("field 'question' is missing or empty; send {\"question\": \"...\"}");
        }
        return q.asText();
    }

    private static String required(Context ctx, String name) {
        String v = ctx.queryParam(name);
        if (v == null || v.isBlank()) {
            throw new IllegalArgumentException("query parameter '" + name + "' is missing");
        }
        return v;
    }

    static void problem(Context ctx, int status, String title, String details) {
        ObjectNode body = Json.MAPPER.createObjectNode();
        body.put("title", title);
        body.put("status", status);
        body.put("type", "about:blank");
        body.put("details", details);
        ctx.status(status).json(body);
    }

    private static String resource(String name) {
        try (InputStream in = ApiServer.class.getResourceAsStream(name)) {
            if (in == null) {
                throw new IllegalStateException("missing resource " + name + "; the jar is incomplete, rebuild it");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public void close() {
        app.stop();
    }
}
