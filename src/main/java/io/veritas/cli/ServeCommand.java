package io.veritas.cli;

import io.veritas.Veritas;
import io.veritas.api.Access;
import io.veritas.api.ApiServer;
import io.veritas.ingest.FeedSource;
import io.veritas.ingest.FolderWatcher;
import io.veritas.ingest.KafkaSource;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;

@Command(name = "serve", description = "Serve the HTTP API (POST /v1/ask) and the web page on 127.0.0.1.")
final class ServeCommand implements Callable<Integer> {
    @Mixin
    DataOption data;

    @Mixin
    EngineOptions engine;

    @Option(names = "--port", defaultValue = "8080", description = "Port on 127.0.0.1. Default: ${DEFAULT-VALUE}")
    int port;

    @Option(names = "--watch", paramLabel = "DIR", description = "Ingest new and changed files of this folder as they appear (repeatable).")
    java.util.List<java.nio.file.Path> watch = new java.util.ArrayList<>();

    @Option(names = "--feed", paramLabel = "URL", description = "Poll this RSS or Atom feed (repeatable).")
    java.util.List<java.net.URI> feeds = new java.util.ArrayList<>();

    @Option(names = "--feeds", paramLabel = "FILE", description = "Poll the feeds listed in FILE, one URL per line (# comments).")
    java.nio.file.Path feedsFile;

    @Option(names = "--feed-interval", defaultValue = "300", paramLabel = "SECONDS",
            description = "Seconds between polls of each feed. Default: ${DEFAULT-VALUE}")
    long feedInterval;

    @Option(names = "--allow-private-feeds", description = "Allow feed and page URLs on loopback or private addresses.")
    boolean allowPrivateFeeds;

    @Option(names = "--kafka", paramLabel = "HOST:PORT", description = "Consume JSON posts from this Kafka bootstrap server.")
    String kafka;

    @Option(names = "--topic", paramLabel = "NAME", description = "The Kafka topic to consume (with --kafka).")
    String topic;

    @Option(names = "--kafka-group", paramLabel = "ID", defaultValue = "veritas",
            description = "Kafka consumer group. Default: ${DEFAULT-VALUE}")
    String kafkaGroup;

    @Option(names = "--token", paramLabel = "TOKEN", description = "The token POST /v1/documents and :bulk require, sent as "
            + "'Authorization: Bearer TOKEN'. Default: the environment variable VERITAS_TOKEN, else the token saved in "
            + "DATA/api-token (generated there on first start).")
    String token;

    @Option(names = "--read-token", paramLabel = "TOKEN", description = "Require this token (or the write token) for the "
            + "API's reads too: ask, search, documents, health (the page itself stays open). Default: the environment "
            + "variable VERITAS_READ_TOKEN; without either, reads are open.")
    String readToken;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws InterruptedException, java.io.IOException {
        java.util.List<java.net.URI> allFeeds = new java.util.ArrayList<>(feeds);
        if (feedsFile != null) {
            allFeeds.addAll(readFeedsFile(feedsFile));
        }
        Tokens tokens = tokens(data.data, token, readToken, true);
        Veritas veritas = Veritas.open(data.data, engine.resolve(data.data));
        veritas.startEmbedding(); // passages still without vectors get them in the background
        veritas.prepareSearch(); // the dictionary is read while the server starts, not on the first question
        var err = spec.commandLine().getErr();
        if (!allFeeds.isEmpty()) {
            FeedSource source = new FeedSource(new FeedSource.Options(java.time.Duration.ofSeconds(feedInterval),
                    java.time.Duration.ofSeconds(10), allowPrivateFeeds), items -> report(veritas.accept(items), err),
                    f -> {
                        err.println("feed: " + f);
                        err.flush();
                    }, data.data.resolve("feeds-state.json"));
            source.start(allFeeds);
            spec.commandLine().getOut().println("Polling " + allFeeds.size() + " feed(s) every " + feedInterval + " s.");
        }
        if (kafka != null || topic != null) {
            new KafkaSource(kafka, topic, kafkaGroup, items -> report(veritas.accept(items), err), f -> {
                err.println("kafka: " + f);
                err.flush();
            }).start();
            spec.commandLine().getOut().println("Consuming topic " + topic + " from " + kafka + " as group " + kafkaGroup + ".");
        }
        for (java.nio.file.Path dir : watch) {
            FolderWatcher.start(dir, items -> report(veritas.accept(items), err), f -> err.println("failed: " + f));
            spec.commandLine().getOut().println("Watching " + dir + " for new and changed files.");
        }
        serve(veritas, port, spec, null, tokens);
        return 0;
    }

    /**
     * The server's tokens, the lines that tell the user how to send them, and the {@code -H} argument of the curl
     * examples ({@code readHeader} null when reads are open). A token given by option or environment is never printed.
     */
    record Tokens(Access access, java.util.List<String> lines, String writeHeader, String readHeader) {
    }

    /**
     * The write token from {@code --token}, else (when {@code environment}) {@code VERITAS_TOKEN}, else the one saved
     * in {@code DATA/api-token}, generated there when missing, so a restart keeps it; the read token from
     * {@code --read-token}, else {@code VERITAS_READ_TOKEN}, else none.
     */
    static Tokens tokens(java.nio.file.Path data, String token, String readToken, boolean environment) {
        java.util.List<String> lines = new java.util.ArrayList<>();
        String env = environment ? System.getenv("VERITAS_TOKEN") : null;
        String write;
        String writeHeader;
        if (token != null) {
            write = checked("--token", token);
            lines.add("Write token: the one given with --token (send it as Authorization: Bearer <token>)");
            writeHeader = "'Authorization: Bearer <token>'";
        } else if (env != null && !env.isEmpty()) {
            write = checked("VERITAS_TOKEN", env);
            lines.add("Write token: from the environment variable VERITAS_TOKEN (send it as Authorization: Bearer $VERITAS_TOKEN)");
            writeHeader = "\"Authorization: Bearer $VERITAS_TOKEN\"";
        } else {
            java.nio.file.Path file = data.resolve(Access.TOKEN_FILE);
            Access.Saved saved;
            try {
                java.nio.file.Files.createDirectories(data);
                saved = Access.loadOrCreate(file);
            } catch (java.io.IOException e) {
                throw new IllegalStateException("could not read or create the token file " + file + " (" + e + "); "
                        + "give a token with --token or VERITAS_TOKEN instead", e);
            }
            write = saved.token();
            lines.add("Write token: " + write + " (send it as Authorization: Bearer " + write + "; "
                    + (saved.created() ? "generated and " : "") + "saved in " + file + ")");
            writeHeader = "'Authorization: Bearer " + write + "'";
        }
        String readEnv = environment ? System.getenv("VERITAS_READ_TOKEN") : null;
        String read = null;
        String readHeader = null;
        if (readToken != null) {
            read = checked("--read-token", readToken);
            lines.add("Reads need a token too: the one given with --read-token, or the write token");
            readHeader = "'Authorization: Bearer <read token>'";
        } else if (readEnv != null && !readEnv.isEmpty()) {
            read = checked("VERITAS_READ_TOKEN", readEnv);
            lines.add("Reads need a token too: the one in the environment variable VERITAS_READ_TOKEN, or the write token");
            readHeader = "\"Authorization: Bearer $VERITAS_READ_TOKEN\"";
        }
        return new Tokens(new Access(write, read), lines, writeHeader, readHeader);
    }

    private static String checked(String where, String token) {
        String problem = Access.problem(token);
        if (problem != null) {
            throw new IllegalArgumentException(where + " " + problem);
        }
        return token;
    }

    static java.util.List<java.net.URI> readFeedsFile(java.nio.file.Path file) throws java.io.IOException {
        if (!java.nio.file.Files.isRegularFile(file)) {
            throw new IllegalArgumentException("--feeds " + file + " is not a file; give a text file with one feed URL per line");
        }
        java.util.List<java.net.URI> out = new java.util.ArrayList<>();
        int n = 0;
        for (String line : java.nio.file.Files.readAllLines(file)) {
            n++;
            String t = line.strip();
            if (t.isEmpty() || t.startsWith("#")) {
                continue;
            }
            try {
                out.add(new java.net.URI(t));
            } catch (java.net.URISyntaxException e) {
                throw new IllegalArgumentException(file + ":" + n + ": '" + t + "' is not a URL; write one feed URL per line");
            }
        }
        return out;
    }

    private static void report(java.util.List<Veritas.Accepted> accepted, java.io.PrintWriter err) {
        for (Veritas.Accepted a : accepted) {
            if (a.status().equals("rejected")) {
                err.println("failed: " + a.locator() + ": " + a.reason());
            }
        }
        err.flush();
    }

    /** Serves until the process is stopped; prints the URL, how to send documents and, when given, example questions. */
    static void serve(Veritas veritas, int port, CommandSpec spec, java.util.List<String> examples, Tokens tokens)
            throws InterruptedException {
        ApiServer server;
        try {
            server = ApiServer.start(veritas, "127.0.0.1", port, tokens.access());
        } catch (RuntimeException e) {
            veritas.close();
            throw new IllegalStateException("could not listen on 127.0.0.1:" + port + " (" + e.getMessage()
                    + "); is another server using it? Pick another with --port", e);
        }
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            server.close();
            veritas.close();
            stopped.countDown();
        }, "veritas-shutdown"));
        String url = "http://127.0.0.1:" + server.port() + "/";
        var out = spec.commandLine().getOut();
        out.println("Veritas is serving " + veritas.documentCount() + " documents at " + url);
        out.println("API: curl -s " + url + "v1/ask -H 'Content-Type: application/json' "
                + (tokens.readHeader() == null ? "" : "-H " + tokens.readHeader() + " ") + "-d '{\"question\": \"...\"}'");
        tokens.lines().forEach(out::println);
        out.println("Send documents: curl -s " + url + "v1/documents -H " + tokens.writeHeader()
                + " -H 'Content-Type: application/json' -d '{\"id\": \"post-1\", \"text\": \"...\"}'");
        if (examples != null && !examples.isEmpty()) {
            out.println("Try:");
            for (String q : examples) {
                out.println("  " + q);
                out.println("    " + url + "?q=" + java.net.URLEncoder.encode(q, java.nio.charset.StandardCharsets.UTF_8));
            }
        }
        out.println("Press Ctrl-C to stop.");
        out.flush();
        stopped.await();
    }
}
