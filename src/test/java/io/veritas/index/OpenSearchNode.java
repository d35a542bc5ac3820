package io.veritas.index;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileSystem;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;

/**
 * One real OpenSearch 3.6 node for the tests of a JVM, started on first use and stopped when the JVM exits. There is
 * no Docker here, so the node is the integ-test distribution (a test dependency, plain HTTP, no plugins), unzipped
 * into a temporary folder and run on the JDK that runs the tests, the way {@code bench/opensearch/run.sh} does it.
 *
 * <p>OpenSearch refuses to run as root; as root the node runs as the system user {@code opensearch}, created if
 * missing. Starting takes 15–30 s, which is why all tests share one node and each uses its own index.
 */
public final class OpenSearchNode {
    static final String VERSION = "3.6.0";
    private static final Duration START_TIMEOUT = Duration.ofSeconds(120);
    private static final String USER = "opensearch";
    private static String url;

    private OpenSearchNode() {
    }

    /** The node's base URL ({@code http://127.0.0.1:PORT}), starting it on the first call. */
    public static synchronized String url() {
        if (url == null) {
            try {
                url = start();
            } catch (IOException e) {
                throw new UncheckedIOException("could not start OpenSearch " + VERSION + " for the tests", e);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted while starting OpenSearch", e);
            }
        }
        return url;
    }

    private static String start() throws IOException, InterruptedException {
        long t0 = System.nanoTime();
        Path zip = findZip();
        Path work = Files.createTempDirectory("veritas-opensearch-");
        // The node user must reach the folder (temporary folders are private to their owner).
        Files.setPosixFilePermissions(work, PosixFilePermissions.fromString("rwxr-xr-x"));
        Path home = unzip(zip, work);
        Path data = Files.createDirectories(work.resolve("data"));
        Path logs = Files.createDirectories(work.resolve("logs"));
        Path pidFile = work.resolve("node.pid");
        boolean root = isRoot();
        if (root) {
            ensureUser();
            run(List.of("chown", "-R", USER + ":", work.toString()));
        }
        int httpPort = freePort();
        int transportPort = freePort();
        while (transportPort == httpPort) {
            transportPort = freePort();
        }
        String javaHome = System.getProperty("java.home");
        List<String> command = new ArrayList<>();
        if (root) {
            command.addAll(List.of("runuser", "-u", USER, "--"));
        }
        // env after runuser: runuser may reset parts of the environment, the node must see these.
        command.addAll(List.of("env", "JAVA_HOME=" + javaHome, "OPENSEARCH_JAVA_HOME=" + javaHome,
                "OPENSEARCH_JAVA_OPTS=-Xms512m -Xmx512m",
                home.resolve("bin/opensearch").toString(), "-p", pidFile.toString(),
                "-Ecluster.name=veritas-test", "-Enode.name=test", "-Ediscovery.type=single-node",
                "-Enetwork.host=127.0.0.1", "-Ehttp.port=" + httpPort, "-Etransport.port=" + transportPort,
                "-Epath.data=" + data, "-Epath.logs=" + logs,
                // A nearly full test disk must not make the node refuse shards.
                "-Ecluster.routing.allocation.disk.threshold_enabled=false"));
        Path console = work.resolve("console.log");
        Process process = new ProcessBuilder(command).directory(home.toFile()).redirectErrorStream(true)
                .redirectOutput(console.toFile()).start();
        Runtime.getRuntime().addShutdownHook(new Thread(() -> stop(process, pidFile, work), "opensearch-node-stop"));

        String base = "http://127.0.0.1:" + httpPort;
        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
        long deadline = System.nanoTime() + START_TIMEOUT.toNanos();
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new IllegalStateException("OpenSearch exited with code " + process.exitValue() + " while starting:\n"
                        + tail(logs.resolve("veritas-test.log"), console));
            }
            if (answers(http, base + "/_cluster/health?wait_for_status=yellow&timeout=5s")) {
                System.err.printf("OpenSearch %s started at %s in %.1f s (folder %s)%n", VERSION, base,
                        (System.nanoTime() - t0) / 1e9, work);
                return base;
            }
            Thread.sleep(250);
        }
        throw new IllegalStateException("OpenSearch did not answer at " + base + " within " + START_TIMEOUT.toSeconds()
                + " s:\n" + tail(logs.resolve("veritas-test.log"), console));
    }

    /** The distribution zip: on the test class path (the zip test dependency), else in the local Maven repository. */
    private static Path findZip() {
        String name = "opensearch-" + VERSION + ".zip";
        for (String entry : System.getProperty("java.class.path").split(File.pathSeparator)) {
            if (entry.endsWith(File.separator + name) && Files.isRegularFile(Path.of(entry))) {
                return Path.of(entry);
            }
        }
        Path m2 = Path.of(System.getProperty("user.home"), ".m2", "repository", "org", "opensearch", "distribution",
                "integ-test-zip", "opensearch", VERSION, name);
        if (Files.isRegularFile(m2)) {
            return m2;
        }
        throw new IllegalStateException("no " + name + " on the test class path or in " + m2.getParent()
                + "; run the tests with Maven (the integ-test-zip test dependency brings it)");
    }

    /** Unzips keeping the Unix permissions (the scripts in bin/ must stay executable); returns the node's home. */
    private static Path unzip(Path zip, Path into) throws IOException {
        try (FileSystem fs = FileSystems.newFileSystem(zip, Map.of("enablePosixFileAttributes", "true"))) {
            Path rootDir = fs.getPath("/");
            try (Stream<Path> entries = Files.walk(rootDir)) {
                for (Path entry : (Iterable<Path>) entries::iterator) {
                    Path target = into.resolve(rootDir.relativize(entry).toString());
                    if (Files.isDirectory(entry)) {
                        Files.createDirectories(target);
                        continue;
                    }
                    Files.createDirectories(target.getParent());
                    Files.copy(entry, target);
                    Set<PosixFilePermission> mode = Files.getPosixFilePermissions(entry);
                    if (!mode.isEmpty()) {
                        Files.setPosixFilePermissions(target, mode);
                    }
                }
            }
        }
        Path home = into.resolve("opensearch-" + VERSION);
        Path script = home.resolve("bin/opensearch");
        if (!Files.isRegularFile(script)) {
            throw new IllegalStateException("unexpected layout of the OpenSearch zip: no " + script);
        }
        try (Stream<Path> bin = Files.list(home.resolve("bin"))) {
            for (Path p : (Iterable<Path>) bin::iterator) {
                p.toFile().setExecutable(true, false); // in case the zip carried no permissions
            }
        }
        return home;
    }

    private static boolean isRoot() throws IOException, InterruptedException {
        return output(List.of("id", "-u")).strip().equals("0");
    }

    private static void ensureUser() throws IOException, InterruptedException {
        Process p = new ProcessBuilder("id", USER).redirectErrorStream(true).start();
        p.getInputStream().readAllBytes();
        if (p.waitFor() != 0) {
            run(List.of("useradd", "--system", "--no-create-home", "--home-dir", "/nonexistent", "--shell",
                    "/usr/sbin/nologin", USER));
        }
    }

    private static void run(List<String> command) throws IOException, InterruptedException {
        Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (p.waitFor() != 0) {
            throw new IllegalStateException(String.join(" ", command) + " failed: " + out);
        }
    }

    private static String output(List<String> command) throws IOException, InterruptedException {
        Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        p.waitFor();
        return out;
    }

    private static boolean answers(HttpClient http, String url) throws InterruptedException {
        try {
            HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(10)).build(),
                    HttpResponse.BodyHandlers.ofString());
            return r.statusCode() == 200;
        } catch (IOException e) {
            return false; // not listening yet
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        }
    }

    /** The last lines of the node's log, or of its console output when the log was not written. */
    private static String tail(Path log, Path console) {
        for (Path p : List.of(log, console)) {
            try {
                if (Files.isRegularFile(p) && Files.size(p) > 0) {
                    List<String> lines = Files.readAllLines(p, StandardCharsets.UTF_8);
                    return String.join("\n", lines.subList(Math.max(0, lines.size() - 40), lines.size()));
                }
            } catch (IOException e) {
                // try the next one
            }
        }
        return "(no log was written)";
    }

    /** Stops the node this class started (by its own process ids) and removes its folder. */
    private static void stop(Process process, Path pidFile, Path work) {
        try {
            if (Files.isRegularFile(pidFile)) {
                long pid = Long.parseLong(Files.readString(pidFile).strip());
                ProcessHandle.of(pid).ifPresent(node -> {
                    node.destroy();
                    try {
                        node.onExit().get(30, java.util.concurrent.TimeUnit.SECONDS);
                    } catch (Exception e) {
                        node.destroyForcibly();
                    }
                });
            }
            process.destroy();
            if (!process.waitFor(10, java.util.concurrent.TimeUnit.SECONDS)) {
                process.destroyForcibly();
            }
            try (Stream<Path> files = Files.walk(work)) {
                files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            }
        } catch (Exception e) {
            System.err.println("could not stop the test OpenSearch node cleanly: " + e);
        }
    }
}
