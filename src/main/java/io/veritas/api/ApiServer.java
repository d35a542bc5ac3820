package io.veritas.api;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.javalin.Javalin;
import io.javalin.http.Context;
import io.javalin.http.HttpResponseException;
import io.javalin.http.HttpStatus;
import io.javalin.http.MethodNotAllowedResponse;
import io.javalin.http.NotFoundResponse;
import io.javalin.http.UnauthorizedResponse;
import io.javalin.json.JavalinJackson;
import io.javalin.security.RouteRole;
import io.veritas.Veritas;
import io.veritas.ingest.Decoding;
import io.veritas.ingest.JsonPosts;
import io.veritas.ingest.RawItem;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.server.handler.ErrorHandler;
import org.eclipse.jetty.util.Callback;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;

/**
 * The HTTP API and the web page. Thin: every route calls {@link Veritas}. Errors have one JSON shape,
 * {@code {"title", "status", "type", "details"}}, never an empty body, whoever raised them (a route, Javalin or
 * Jetty). Writes need the write token and reads the read token when there is one ({@link Access}); a missing or
 * wrong token is a 401 in that shape.
 *
 * <ul>
 *   <li>{@code POST /v1/ask} with {@code {"question": "..."}} returns the same JSON as {@code veritas ask --json}</li>
 *   <li>{@code GET /v1/ask?q=...} the same, for links</li>
 *   <li>{@code GET /v1/search?q=...&limit=10&mode=hybrid} the same JSON as {@code veritas search --json}</li>
 *   <li>{@code POST /v1/documents} one JSON document; answers {@code {"id", "status"}} once it is durable</li>
 *   <li>{@code POST /v1/documents:bulk} NDJSON, read as a stream; answers one NDJSON line per input line
 *       ({@code line, id, status, reason}) and a last {@code summary} line</li>
 *   <li>{@code GET /v1/documents/{id}} a document's metadata</li>
 *   <li>{@code GET /v1/health} counts, and the state of background commits, refreshes, embedding and journal replay</li>
 *   <li>{@code GET /} the page</li>
 * </ul>
 */
public final class ApiServer implements AutoCloseable {
    /** The largest request body read into memory: the same 16 MB a file may have. {@code :bulk} streams, without limit. */
    public static final long MAX_BODY_BYTES = 16L << 20;

    /** What a route needs: the page and unknown paths need nothing. */
    private enum Role implements RouteRole { READ, WRITE }

    private static final String TOKEN_SOURCES = "the token the server printed when it started (from --token, "
            + "VERITAS_TOKEN or DATA/" + Access.TOKEN_FILE + ")";

    private final Javalin app;

    private ApiServer(Javalin app) {
        this.app = app;
    }

    public static ApiServer start(Veritas veritas, String host, int port, Access access) {
        java.util.Objects.requireNonNull(access, "access: the write token (and read token) the API requires");
        String page = resource("/io/veritas/web/index.html");
        Javalin app = Javalin.create(cfg -> {
            cfg.jsonMapper(new JavalinJackson(Json.MAPPER, false));
            cfg.startup.showJavalinBanner = false;
            cfg.http.maxRequestSize = MAX_BODY_BYTES;
            cfg.http.prefer405over404 = true;
            cfg.jetty.modifyServer(server -> server.setErrorHandler(new JsonErrors()));
            cfg.routes.beforeMatched(ctx -> guard(ctx, access));
            cfg.routes.get("/", ctx -> ctx.html(page));
            cfg.routes.get("/v1/health", ctx -> ctx.json(health(veritas.health())), Role.READ);
            cfg.routes.post("/v1/ask", ctx -> ctx.json(veritas.ask(questionFrom(ctx))), Role.READ);
            cfg.routes.get("/v1/ask", ctx -> ctx.json(veritas.ask(required(ctx, "q"))), Role.READ);
            cfg.routes.get("/v1/timeline", ctx -> ctx.json(veritas.timeline(required(ctx, "entity"), required(ctx, "attribute"),
                    ctx.queryParam("lang"))), Role.READ);
            cfg.routes.get("/v1/sources", ctx -> ctx.json(Json.MAPPER.createObjectNode()
                    .set("sources", Json.MAPPER.valueToTree(veritas.sources()))), Role.READ);
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
            }, Role.READ);
            cfg.routes.post("/v1/documents", ctx -> {
                RawItem item;
                try {
                    item = JsonPosts.parse("POST /v1/documents", null, bodyText(ctx));
                } catch (JsonPosts.BadRecord e) {
                    throw new IllegalArgumentException("the document was rejected: " + e.getMessage());
                }
                Veritas.Accepted a = veritas.accept(List.of(item)).get(0);
                if (a.status().equals("rejected")) {
                    throw new IllegalArgumentException("the document was rejected: " + a.reason());
                }
                ctx.json(Json.MAPPER.createObjectNode().put("id", a.id()).put("status", a.status()));
            }, Role.WRITE);
            cfg.routes.post("/v1/documents:bulk", ctx -> Bulk.ingest(veritas, ctx), Role.WRITE);
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
            }, Role.READ);
            cfg.routes.exception(HttpResponseException.class, ApiServer::httpError);
            cfg.routes.exception(IllegalArgumentException.class, (e, ctx) -> problem(ctx, 400, "Bad request", e.getMessage()));
            cfg.routes.exception(Exception.class, (e, ctx) -> problem(ctx, 500, "Internal error",
                    e.getClass().getSimpleName() + ": " + e.getMessage()));
            for (HttpStatus status : HttpStatus.values()) {
                if (status.getCode() >= 400 && status != HttpStatus.CLIENT_CLOSED_REQUEST) {
                    // a status set without a body (Javalin's own, a timeout): still the JSON shape
                    cfg.routes.error(status.getCode(), ctx -> {
                        if (ctx.resultInputStream() == null) {
                            problem(ctx, ctx.statusCode(), title(ctx.statusCode()), "the request failed with status "
                                    + ctx.statusCode() + " (" + status.getMessage() + ")");
                        }
                    });
                }
            }
        });
        app.start(host, port);
        return new ApiServer(app);
    }

    public int port() {
        return app.port();
    }

    /** Refuses a request whose route needs a token it did not send; runs before the body is read. */
    private static void guard(Context ctx, Access access) {
        boolean write = ctx.routeRoles().contains(Role.WRITE);
        if (!write && !ctx.routeRoles().contains(Role.READ)) {
            return;
        }
        String header = ctx.header("Authorization");
        String presented = null;
        if (header != null && header.regionMatches(true, 0, "Bearer ", 0, 7)) {
            presented = header.substring(7).strip();
        }
        if (write ? access.allowsWrite(presented) : access.allowsRead(presented)) {
            return;
        }
        String wanted = write ? ctx.method() + " " + ctx.path() + " needs the write token: send the header "
                + "'Authorization: Bearer <token>' with " + TOKEN_SOURCES
                : "this server needs a token for reads: send the header 'Authorization: Bearer <token>' with the read "
                + "token (serve --read-token or VERITAS_READ_TOKEN) or the write token";
        throw new UnauthorizedResponse(header == null ? wanted
                : presented == null ? "the Authorization header is not of the form 'Bearer <token>'; " + wanted
                : "the token sent is not the right one; " + wanted);
    }

    /** Javalin's errors (no route, wrong method, a body over the limit, a refused token) in the JSON shape. */
    private static void httpError(HttpResponseException e, Context ctx) {
        int status = e.getStatus();
        String details = e.getMessage();
        if (e instanceof NotFoundResponse) {
            details = "no route " + ctx.method() + " " + ctx.path() + "; see GET / for the page and POST /v1/ask for the API";
        } else if (e instanceof MethodNotAllowedResponse) {
            String allowed = e.getDetails().getOrDefault("availableMethods", e.getDetails().get("Available methods"));
            if (allowed != null) {
                ctx.header("Allow", allowed);
            }
            details = ctx.path() + " does not take " + ctx.method() + (allowed == null ? "" : "; it takes " + allowed);
        } else if (status == 413) {
            details = "the request body is larger than " + (MAX_BODY_BYTES >> 20) + " MB (" + MAX_BODY_BYTES
                    + " bytes), the most one request may hold; "
                    + "send a smaller document, or many documents as NDJSON to POST /v1/documents:bulk, which is streamed";
        } else if (status == 401) {
            ctx.header("WWW-Authenticate", "Bearer realm=\"veritas\"");
        } else if (!e.getDetails().isEmpty()) {
            details = details + " " + e.getDetails();
        }
        problem(ctx, status, title(status), details);
    }

    /** "Content too large" for 413: the reason phrase, in the sentence case of the other titles. */
    private static String title(int status) {
        HttpStatus known = HttpStatus.forStatus(status);
        String reason = known.getMessage();
        return known == HttpStatus.UNKNOWN ? "Error " + status : reason.charAt(0) + reason.substring(1).toLowerCase(Locale.ROOT);
    }

    /**
     * The body of {@code POST /v1/documents} as text: in the charset its Content-Type names, else detected as a
     * file's is (UTF-8, UTF-16 with BOM, GB18030/GBK, Big5), so a client that sends GBK without saying so is not
     * stored garbled.
     */
    private static String bodyText(Context ctx) {
        byte[] bytes = ctx.bodyAsBytes();
        Charset declared = declaredCharset(ctx);
        if (declared != null) {
            String text = new String(bytes, declared);
            return text.startsWith("\uFEFF") ? text.substring(1) : text;
        }
        if (bytes.length == 0) {
            return "";
        }
        try {
            return Decoding.decode(bytes);
        } catch (Decoding.NotText e) {
            throw new IllegalArgumentException(notText(e));
        }
    }

    static String notText(Decoding.NotText e) {
        return "the request body could not be read as text (" + e.getMessage() + "); send UTF-8, "
                + "or name the charset in Content-Type, e.g. 'Content-Type: application/json; charset=GB18030'";
    }

    /** The {@code charset=} parameter of the request's Content-Type, or null when it names none. */
    static Charset declaredCharset(Context ctx) {
        String type = ctx.header("Content-Type");
        if (type == null) {
            return null;
        }
        for (String parameter : type.split(";")) {
            int eq = parameter.indexOf('=');
            if (eq > 0 && parameter.substring(0, eq).strip().equalsIgnoreCase("charset")) {
                String name = parameter.substring(eq + 1).strip().replace("\"", "");
                try {
                    return Charset.forName(name);
                } catch (IllegalArgumentException e) {
                    throw new IllegalArgumentException("the Content-Type names the charset '" + name + "', which this server "
                            + "does not know; send UTF-8, or leave the charset out to have it detected");
                }
            }
        }
        return null;
    }

    /**
     * {@code status} is {@code ok}, or {@code degraded} while background commits, refreshes or embedding fail (they
     * retry; what was acknowledged stays in the journal); the other fields say what and since when.
     */
    static ObjectNode health(Veritas.Health h) {
        ObjectNode o = Json.MAPPER.createObjectNode().put("status", h.healthy() ? "ok" : "degraded")
                .put("documents", h.documents()).put("vectors", h.vectors());
        ObjectNode commits = o.putObject("commits").put("appliedSeq", h.appliedSeq()).put("committedSeq", h.committedSeq())
                .put("commitFailures", h.commitFailures()).put("refreshFailures", h.refreshFailures());
        commits.put("lastError", h.lastError());
        commits.put("lastErrorAt", h.lastErrorAt() == null ? null : h.lastErrorAt().toString());
        ObjectNode recovery = o.putObject("recovery").put("replayed", h.replayed());
        var failures = recovery.putArray("failures");
        h.replayFailures().forEach(f -> failures.addObject().put("locator", f.locator()).put("reason", f.reason()));
        o.put("embeddingError", h.embeddingError());
        return o;
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
        ctx.status(status).json(problemBody(status, title, details));
    }

    private static ObjectNode problemBody(int status, String title, String details) {
        ObjectNode body = Json.MAPPER.createObjectNode();
        body.put("title", title);
        body.put("status", status);
        body.put("type", "about:blank");
        body.put("details", details);
        return body;
    }

    /**
     * Jetty's own errors, answered before any route runs (a malformed request line or URI, no Host header, headers
     * too large): the same JSON shape instead of Jetty's HTML page.
     */
    private static final class JsonErrors extends ErrorHandler {
        @Override
        protected void generateResponse(Request request, Response response, int code, String message, Throwable cause,
                                        Callback callback) {
            String details = "the server could not read the request (" + (message == null ? "status " + code : message)
                    + "); check the request line, the URL's percent-escapes, the Host header and the header sizes";
            byte[] body = problemBody(code, title(code), details).toString().getBytes(StandardCharsets.UTF_8);
            response.getHeaders().put(HttpHeader.CONTENT_TYPE, "application/json");
            response.write(true, ByteBuffer.wrap(body), callback);
        }
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
