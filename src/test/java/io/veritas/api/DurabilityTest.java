package io.veritas.api;

import io.veritas.Veritas;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Kills a real {@code veritas serve} process with SIGKILL while documents stream in over HTTP, restarts on the
 * same data folder and checks that every acknowledged document is there exactly once.
 */
class DurabilityTest {
    @TempDir
    Path data;

    private final String token = Access.generate();

    private static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        }
    }

    private Process startServer(int port) throws Exception {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        ProcessBuilder pb = new ProcessBuilder(java, "-Xmx512m", "-cp", System.getProperty("java.class.path"),
                "io.veritas.cli.Main", "serve", "--data", data.toString(), "--port", Integer.toString(port))
                .redirectErrorStream(true)
                .redirectOutput(data.resolveSibling(data.getFileName() + "-server.log").toFile());
        pb.environment().put("VERITAS_TOKEN", token);
        pb.environment().remove("VERITAS_READ_TOKEN");
        Process p = pb.start();
        HttpClient client = HttpClient.newHttpClient();
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (System.nanoTime() < deadline) {
            try {
                HttpResponse<String> r = client.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/v1/health")).build(),
                        HttpResponse.BodyHandlers.ofString());
                if (r.statusCode() == 200) {
                    return p;
                }
            } catch (IOException notYet) {
                Thread.sleep(100);
            }
        }
        p.destroyForcibly();
        throw new AssertionError("the server did not start within 30 s");
    }

    @Test
    void everyAcknowledgedDocumentSurvivesKillDashNineExactlyOnce() throws Exception {
        int port = freePort();
        Process server = startServer(port);
        HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
        Set<String> acknowledged = ConcurrentHashMap.newKeySet();
        AtomicBoolean killed = new AtomicBoolean();
        Thread stream = new Thread(() -> {
            int n = 0;
            while (!killed.get() && n < 200_000) {
                StringBuilder body = new StringBuilder();
                for (int i = 0; i < 250; i++, n++) {
                    body.append("{\"id\":\"k-").append(n).append("\",\"published\":\"2026-02-01T00:00:00Z\",\"text\":\"Post number ")
                            .append(n).append(": Acme Robotics raised $").append(n % 90 + 10).append(" million, a filing shows.\"}\n");
                }
                try {
                    HttpResponse<String> r = client.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/v1/documents:bulk"))
                            .header("Authorization", "Bearer " + token).POST(HttpRequest.BodyPublishers.ofString(body.toString())).build(), HttpResponse.BodyHandlers.ofString());
                    for (String line : r.body().split("\n")) {
                        if (line.contains("\"status\":\"added\"")) {
                            int at = line.indexOf("\"id\":\"") + 6;
                            acknowledged.add(line.substring(at, line.indexOf('"', at)));
                        }
                    }
                } catch (IOException | InterruptedException e) {
                    return; // the server is gone
                }
            }
        });
        stream.start();
        while (acknowledged.size() < 2000) {
            Thread.sleep(20);
        }
        Thread.sleep(300 + (long) (Math.random() * 700));
        server.destroyForcibly(); // SIGKILL: no shutdown hook, no final commit
        killed.set(true);
        server.waitFor();
        stream.join();
        List<String> acked = new ArrayList<>(acknowledged);
        assertTrue(acked.size() >= 2000, "documents were acknowledged before the kill: " + acked.size());

        try (Veritas veritas = Veritas.open(data)) {
            for (String id : acked) {
                assertEquals(1, veritas.index().documentRecords(id), id + " was acknowledged and must be there once");
            }
            assertTrue(veritas.documentCount() >= acked.size());
            assertTrue(veritas.search("Acme Robotics filing", 5).size() > 0, "recovered documents are searchable");
        }
    }
}
