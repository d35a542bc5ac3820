package io.veritas.cli;

import io.veritas.Veritas;
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

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws InterruptedException, java.io.IOException {
        java.util.List<java.net.URI> allFeeds = new java.util.ArrayList<>(feeds);
        if (feedsFile != null) {
            allFeeds.addAll(readFeedsFile(feedsFile));
        }
        Veritas veritas = Veritas.open(data.data, engine.resolve(data.data));
        veritas.startEmbedding(); // passages still without vectors get them in the background
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
        serve(veritas, port, spec, null);
        return 0;
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

    /** Serves until the process is stopped; prints the URL and, when given, example questions. */
    static void serve(Veritas veritas, int port, CommandSpec spec, java.util.List<String> examples) throws InterruptedException {
        ApiServer server;
        try {
            server = ApiServer.start(veritas, "127.0.0.1", port);
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
        out.println("API: curl -s " + url + "v1/ask -H 'Content-Type: application/json' -d '{\"question\": \"...\"}'");
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
