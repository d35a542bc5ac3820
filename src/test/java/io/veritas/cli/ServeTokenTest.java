package io.veritas.cli;

import io.veritas.api.Json;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Starts the real {@code veritas serve} as a child process: without a token it makes one, saves it in
 * {@code DATA/api-token} and keeps it across a restart; a token given with {@code --token} is used but never
 * printed, and {@code --read-token} guards the reads.
 */
class ServeTokenTest {
    private static final Pattern PRINTED = Pattern.compile("Write token: (\\S+) \\(send it as Authorization: Bearer (\\S+);");
    private static final HttpClient CLIENT = HttpClient.newHttpClient();

    @TempDir
    Path dir;

    private record Server(Process process, int port, Path log) {
        String output() throws IOException {
            return Files.readString(log);
        }

        HttpResponse<String> send(HttpRequest.Builder request) throws Exception {
            return CLIENT.send(request.build(), HttpResponse.BodyHandlers.ofString());
        }

        URI uri(String path) {
            return URI.create("http://127.0.0.1:" + port + path);
        }

        void stop() throws InterruptedException {
            process.destroy();
            process.waitFor();
        }
    }

    private Server start(Path data, String... extra) throws Exception {
        int port;
        try (ServerSocket s = new ServerSocket(0)) {
            port = s.getLocalPort();
        }
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        List<String> command = new ArrayList<>(List.of(java, "-Xmx512m", "-cp", System.getProperty("java.class.path"),
                "io.veritas.cli.Main", "serve", "--data", data.toString(), "--port", Integer.toString(port), "--embedder", "none"));
        command.addAll(List.of(extra));
        Path log = Files.createTempFile(dir, "serve-", ".log");
        ProcessBuilder pb = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile());
        pb.environment().remove("VERITAS_TOKEN");
        pb.environment().remove("VERITAS_READ_TOKEN");
        Server server = new Server(pb.start(), port, log);
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        while (System.nanoTime() < deadline) {
            if (!server.process().isAlive()) {
                throw new AssertionError("serve exited: " + server.output());
            }
            if (server.output().contains("Press Ctrl-C to stop.")) {
                return server;
            }
            Thread.sleep(100);
        }
        server.process().destroyForcibly();
        throw new AssertionError("serve did not start within 60 s: " + server.output());
    }

    private static HttpRequest.Builder post(Server s, String token, String json) {
        HttpRequest.Builder b = HttpRequest.newBuilder(s.uri("/v1/documents")).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(json));
        return token == null ? b : b.header("Authorization", "Bearer " + token);
    }

    @Test
    void theGeneratedTokenIsSavedAndKeptAcrossRestarts() throws Exception {
        Path data = dir.resolve("data");
        String doc = "{\"id\": \"s-1\", \"text\": \"Marlin Foods opened a second bakery in Porto this week.\"}";
        Server first = start(data);
        String token;
        try {
            Path file = data.resolve("api-token");
            assertTrue(Files.isRegularFile(file), "the token is saved in DATA/api-token: " + first.output());
            token = Files.readString(file).strip();
            assertTrue(token.length() >= 22 && token.matches("[A-Za-z0-9_-]+"), "URL-safe, at least 128 bits: " + token.length());
            if (Files.getFileStore(file).supportsFileAttributeView("posix")) {
                assertEquals(Set.of(PosixFilePermission.OWNER_READ, PosixFilePermission.OWNER_WRITE),
                        Files.getPosixFilePermissions(file), "only the owner may read the token");
            }
            Matcher m = PRINTED.matcher(first.output());
            assertTrue(m.find(), "serve says which token to send: " + first.output());
            assertEquals(token, m.group(1));
            assertEquals(token, m.group(2));
            assertTrue(first.output().contains("saved in " + file), first.output());
            assertEquals(401, first.send(post(first, null, doc)).statusCode());
            HttpResponse<String> ok = first.send(post(first, token, doc));
            assertEquals(200, ok.statusCode(), ok.body());
            assertEquals("added", Json.MAPPER.readTree(ok.body()).get("status").asText());
        } finally {
            first.stop();
        }

        Server second = start(data);
        try {
            assertEquals(token, Files.readString(data.resolve("api-token")).strip(), "a restart keeps the token");
            Matcher m = PRINTED.matcher(second.output());
            assertTrue(m.find() && m.group(1).equals(token), second.output());
            HttpResponse<String> again = second.send(post(second, token, doc));
            assertEquals(200, again.statusCode(), again.body());
            assertEquals("duplicate", Json.MAPPER.readTree(again.body()).get("status").asText());
        } finally {
            second.stop();
        }
    }

    @Test
    void givenTokensAreUsedButNeverPrinted() throws Exception {
        String write = "given-write-token-for-this-test-7f3a";
        String read = "given-read-token-for-this-test-91c2";
        Path data = dir.resolve("given");
        Server s = start(data, "--token", write, "--read-token", read);
        try {
            String output = s.output();
            assertFalse(output.contains(write) || output.contains(read), "tokens given are not printed: " + output);
            assertTrue(output.contains("the one given with --token") && output.contains("--read-token"), output);
            assertFalse(Files.exists(data.resolve("api-token")), "no token file when one is given");
            assertEquals(401, s.send(HttpRequest.newBuilder(s.uri("/v1/health"))).statusCode());
            assertEquals(200, s.send(HttpRequest.newBuilder(s.uri("/v1/health")).header("Authorization", "Bearer " + read))
                    .statusCode());
            assertEquals(200, s.send(HttpRequest.newBuilder(s.uri("/"))).statusCode(), "the page stays open");
            assertEquals(401, s.send(post(s, read, "{\"text\": \"A note.\"}")).statusCode(), "the read token cannot write");
            assertEquals(200, s.send(post(s, write, "{\"id\": \"g-1\", \"text\": \"Heron Bikes hired twelve mechanics.\"}"))
                    .statusCode());
        } finally {
            s.stop();
        }
    }
}
