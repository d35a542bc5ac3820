package io.veritas.api;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.javalin.http.Context;
import io.veritas.Veritas;
import io.veritas.ingest.Decoding;
import io.veritas.ingest.JsonPosts;
import io.veritas.ingest.RawItem;

import java.io.BufferedInputStream;
import java.io.BufferedReader;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;

/**
 * {@code POST /v1/documents:bulk}: NDJSON read line by line and accepted in batches, so a request of any length
 * is never held in memory. Each batch is durable (journal forced to disk) before its results are written;
 * results go to a temporary file and are streamed back when the request body has been read, one line per
 * input line, then a summary line. The charset is the one Content-Type names, else detected on the first 64 KiB
 * as a file's would be (a GBK or Big5 stream is not stored garbled).
 */
final class Bulk {
    static final int BATCH = 500;
    static final int SNIFF_BYTES = 64 << 10;

    private Bulk() {
    }

    static void ingest(Veritas veritas, Context ctx) throws IOException {
        Charset charset = ApiServer.declaredCharset(ctx);
        InputStream body = new BufferedInputStream(ctx.req().getInputStream(), SNIFF_BYTES);
        if (charset == null) {
            body.mark(SNIFF_BYTES);
            byte[] head = body.readNBytes(SNIFF_BYTES);
            body.reset();
            try {
                charset = Decoding.sniff(head, head.length, head.length < SNIFF_BYTES);
            } catch (Decoding.NotText e) {
                throw new IllegalArgumentException(ApiServer.notText(e));
            }
        }
        Path results = Files.createTempFile("veritas-bulk-", ".ndjson");
        int[] counts = new int[4];
        try (BufferedReader in = new BufferedReader(new InputStreamReader(body, charset));
             BufferedWriter out = Files.newBufferedWriter(results, StandardCharsets.UTF_8)) {
            List<RawItem> batch = new ArrayList<>(BATCH);
            List<Integer> lines = new ArrayList<>(BATCH);
            String line;
            int lineNo = 0;
            while ((line = in.readLine()) != null) {
                lineNo++;
                if (lineNo == 1 && line.startsWith("\uFEFF")) {
                    line = line.substring(1); // a byte order mark
                }
                if (line.isBlank()) {
                    continue;
                }
                try {
                    batch.add(JsonPosts.parse("request line " + lineNo, null, line));
                    lines.add(lineNo);
                } catch (JsonPosts.BadRecord e) {
                    flush(veritas, batch, lines, out, counts);
                    write(out, lineNo, null, "rejected", e.getMessage(), counts);
                }
                if (batch.size() >= BATCH) {
                    flush(veritas, batch, lines, out, counts);
                }
            }
            flush(veritas, batch, lines, out, counts);
            ObjectNode summary = Json.MAPPER.createObjectNode();
            summary.putObject("summary").put("added", counts[0]).put("updated", counts[1])
                    .put("duplicate", counts[2]).put("rejected", counts[3]);
            out.write(summary.toString());
            out.write('\n');
        } catch (IOException | RuntimeException e) {
            Files.deleteIfExists(results);
            throw e;
        }
        ctx.contentType("application/x-ndjson; charset=utf-8");
        ctx.result(Files.newInputStream(results, StandardOpenOption.DELETE_ON_CLOSE));
    }

    private static void flush(Veritas veritas, List<RawItem> batch, List<Integer> lines, BufferedWriter out, int[] counts)
            throws IOException {
        if (batch.isEmpty()) {
            return;
        }
        List<Veritas.Accepted> accepted = veritas.accept(batch);
        for (int i = 0; i < accepted.size(); i++) {
            Veritas.Accepted a = accepted.get(i);
            write(out, lines.get(i), a.id(), a.status(), a.reason(), counts);
        }
        batch.clear();
        lines.clear();
    }

    private static void write(BufferedWriter out, int line, String id, String status, String reason, int[] counts)
            throws IOException {
        ObjectNode o = Json.MAPPER.createObjectNode().put("line", line).put("id", id).put("status", status);
        if (reason != null) {
            o.put("reason", reason);
        }
        out.write(o.toString());
        out.write('\n');
        counts[switch (status) {
            case "added" -> 0;
            case "updated" -> 1;
            case "duplicate" -> 2;
            default -> 3;
        }]++;
    }
}
