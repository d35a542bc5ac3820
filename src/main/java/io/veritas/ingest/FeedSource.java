package io.veritas.ingest;

import com.rometools.rome.feed.synd.SyndContent;
import com.rometools.rome.feed.synd.SyndEntry;
import com.rometools.rome.feed.synd.SyndFeed;
import com.rometools.rome.io.FeedException;
import com.rometools.rome.io.SyndFeedInput;
import com.rometools.rome.io.XmlReader;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.net.InetAddress;
import java.net.URI;
import java.net.UnknownHostException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * Polls RSS and Atom feeds (parsed by Rome) on a schedule with conditional GET (ETag, Last-Modified). An entry
 * that carries its full text is ingested as is; an entry with only a summary has its linked page fetched and
 * cleaned like any HTML page, falling back to the summary when the page cannot be fetched. Feed and page URLs
 * that resolve to loopback, private or link-local addresses are refused unless explicitly allowed.
 */
public final class FeedSource implements AutoCloseable {
    /** Text shorter than this (in characters, markup removed) is a summary, not the article. */
    static final int FULL_TEXT_CHARS = 600;
    private static final int SEEN_LIMIT = 50_000;

    /** How feeds are polled. */
    public record Options(Duration interval, Duration timeout, boolean allowPrivate) {
        public Options {
            if (interval.isNegative() || interval.isZero()) {
                throw new IllegalArgumentException("--feed-interval must be positive, got " + interval);
            }
        }
    }

    private final Options options;
    private final Consumer<List<RawItem>> items;
    private final Consumer<Failure> failures;
    private final HttpClient http;
    private final Map<URI, String[]> validators = new ConcurrentHashMap<>();
    private final Set<String> seen = Collections.newSetFromMap(Collections.synchronizedMap(new LinkedHashMap<>() {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, Boolean> eldest) {
            return size() > SEEN_LIMIT;
        }
    }));
    private ScheduledExecutorService scheduler;

    public FeedSource(Options options, Consumer<List<RawItem>> items, Consumer<Failure> failures) {
        this(options, items, failures, null);
    }

    /**
     * With a {@code state} file (in the data folder), each feed's validators and the entries already handed over
     * are kept across restarts, so a restarted server neither downloads unchanged feeds nor fetches known pages.
     */
    public FeedSource(Options options, Consumer<List<RawItem>> items, Consumer<Failure> failures, java.nio.file.Path state) {
        this.options = options;
        this.items = items;
        this.failures = failures;
        this.state = state;
        this.http = HttpClient.newBuilder().connectTimeout(options.timeout())
                .followRedirects(HttpClient.Redirect.NORMAL).build();
        load();
    }

    private final java.nio.file.Path state;
    private static final com.fasterxml.jackson.databind.ObjectMapper JSON = new com.fasterxml.jackson.databind.ObjectMapper();

    private void load() {
        if (state == null || !java.nio.file.Files.exists(state)) {
            return;
        }
        try {
            var root = JSON.readTree(state.toFile());
            root.path("validators").properties().forEach(e -> validators.put(URI.create(e.getKey()),
                    new String[]{text(e.getValue().get(0)), text(e.getValue().get(1))}));
            root.path("seen").forEach(n -> seen.add(n.asText()));
        } catch (IOException | RuntimeException e) {
            failures.accept(new Failure(state.toString(), "the feed state could not be read (" + e.getMessage()
                    + "); feeds are read afresh and their entries deduplicated by id"));
        }
    }

    private static String text(com.fasterxml.jackson.databind.JsonNode n) {
        return n == null || n.isNull() ? null : n.asText();
    }

    /** Writes the state atomically (a temporary file moved over the old one). */
    private synchronized void save() {
        if (state == null) {
            return;
        }
        try {
            var root = JSON.createObjectNode();
            var v = root.putObject("validators");
            validators.forEach((feed, pair) -> v.putArray(feed.toString()).add(pair[0]).add(pair[1]));
            var s = root.putArray("seen");
            synchronized (seen) {
                seen.forEach(s::add);
            }
            java.nio.file.Path tmp = state.resolveSibling(state.getFileName() + ".tmp");
            JSON.writeValue(tmp.toFile(), root);
            java.nio.file.Files.move(tmp, state, java.nio.file.StandardCopyOption.REPLACE_EXISTING,
                    java.nio.file.StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            failures.accept(new Failure(state.toString(), "the feed state could not be saved (" + e.getMessage()
                    + "); after a restart known pages may be fetched again"));
        }
    }

    /** Polls every feed now and then every {@code interval}, on a background thread. */
    public void start(List<URI> feeds) {
        for (URI feed : feeds) {
            if (!"http".equals(feed.getScheme()) && !"https".equals(feed.getScheme())) {
                throw new IllegalArgumentException("feed URL '" + feed + "' is not http or https; give a full URL such as https://example.com/feed.xml");
            }
        }
        scheduler = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "veritas-feeds");
            t.setDaemon(true);
            return t;
        });
        scheduler.scheduleWithFixedDelay(() -> feeds.forEach(this::poll), 0, options.interval().toMillis(), TimeUnit.MILLISECONDS);
    }

    /** Fetches one feed once and hands over its new entries; problems are reported, never thrown. */
    public void poll(URI feed) {
        try {
            String refused = refusal(feed);
            if (refused != null) {
                failures.accept(new Failure(feed.toString(), refused));
                return;
            }
            HttpRequest.Builder request = HttpRequest.newBuilder(feed).timeout(options.timeout())
                    .header("User-Agent", "Veritas/0.1 (+feed reader)")
                    .header("Accept", "application/rss+xml, application/atom+xml, application/xml;q=0.9, */*;q=0.5");
            String[] v = validators.get(feed);
            if (v != null && v[0] != null) {
                request.header("If-None-Match", v[0]);
            }
            if (v != null && v[1] != null) {
                request.header("If-Modified-Since", v[1]);
            }
            HttpResponse<byte[]> response = http.send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
            if (response.statusCode() == 304) {
                return;
            }
            if (response.statusCode() != 200) {
                failures.accept(new Failure(feed.toString(), "the feed answered HTTP " + response.statusCode()
                        + "; check the URL (it will be tried again at the next poll)"));
                return;
            }
            validators.put(feed, new String[]{response.headers().firstValue("ETag").orElse(null),
                    response.headers().firstValue("Last-Modified").orElse(null)});
            SyndFeed parsed = new SyndFeedInput().build(new XmlReader(new ByteArrayInputStream(response.body())));
            List<RawItem> batch = new ArrayList<>();
            for (SyndEntry entry : parsed.getEntries()) {
                RawItem item = item(feed, entry);
                if (item != null) {
                    batch.add(item);
                }
            }
            if (!batch.isEmpty()) {
                items.accept(batch); // durable when this returns, so the state may now record these entries
            }
            save();
        } catch (HttpTimeoutException e) {
            failures.accept(new Failure(feed.toString(), "the feed did not answer within " + options.timeout().toMillis()
                    + " ms; it will be tried again at the next poll"));
        } catch (FeedException | IllegalArgumentException e) {
            failures.accept(new Failure(feed.toString(), "this is not an RSS or Atom feed (" + e.getMessage()
                    + "); check the URL"));
        } catch (IOException e) {
            failures.accept(new Failure(feed.toString(), "could not fetch the feed (" + e.getClass().getSimpleName()
                    + (e.getMessage() == null ? "" : ": " + e.getMessage()) + "); it will be tried again at the next poll"));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (RuntimeException e) {
            failures.accept(new Failure(feed.toString(), "the feed could not be read (" + e + ")"));
        }
    }

    private RawItem item(URI feed, SyndEntry entry) {
        String link = entry.getLink();
        String id = firstNonBlank(entry.getUri(), link);
        if (id == null) {
            return null;
        }
        if (!seen.add(feed + " " + id)) {
            return null; // already handed over by an earlier poll
        }
        Instant published = entry.getPublishedDate() != null ? entry.getPublishedDate().toInstant()
                : entry.getUpdatedDate() != null ? entry.getUpdatedDate().toInstant() : null;
        String content = null;
        for (SyndContent c : entry.getContents()) {
            if (c.getValue() != null && (content == null || c.getValue().length() > content.length())) {
                content = c.getValue();
            }
        }
        String summary = entry.getDescription() == null ? null : entry.getDescription().getValue();
        String body = content != null ? content : summary;
        String locator = feed + " entry " + id;
        if ((body == null || plainLength(body) < FULL_TEXT_CHARS) && link != null) {
            String page = fetchPage(URI.create(link.strip()), locator);
            if (page != null) {
                return new RawItem(locator, null, Format.HTML, page, id, link, entry.getTitle(), published,
                        entry.getAuthor(), null, Map.of("feed", feed.toString()));
            }
        }
        if (body == null || body.isBlank()) {
            failures.accept(new Failure(locator, "the entry has no text and its page could not be fetched; skipped"));
            return null;
        }
        return new RawItem(locator, null, Format.HTML, "<html><body><article>" + body + "</article></body></html>", id,
                link, entry.getTitle(), published, entry.getAuthor(), null, Map.of("feed", feed.toString()));
    }

    private String fetchPage(URI page, String locator) {
        try {
            String refused = refusal(page);
            if (refused != null) {
                failures.accept(new Failure(page.toString(), refused));
                return null;
            }
            HttpResponse<byte[]> r = http.send(HttpRequest.newBuilder(page).timeout(options.timeout())
                    .header("User-Agent", "Veritas/0.1 (+feed reader)").build(), HttpResponse.BodyHandlers.ofByteArray());
            if (r.statusCode() != 200) {
                failures.accept(new Failure(page.toString(), "the linked page answered HTTP " + r.statusCode()
                        + "; the entry's summary is used instead"));
                return null;
            }
            return Decoding.decode(r.body());
        } catch (IOException | Decoding.NotText e) {
            failures.accept(new Failure(page.toString(), "the linked page could not be fetched (" + e.getMessage()
                    + "); the entry's summary is used instead"));
            return null;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return null;
        }
    }

    /** Why a URL must not be fetched, or null when it may. */
    private String refusal(URI uri) {
        if (options.allowPrivate()) {
            return null;
        }
        String host = uri.getHost();
        if (host == null) {
            return "the URL has no host; give a full URL such as https://example.com/feed.xml";
        }
        try {
            for (InetAddress a : InetAddress.getAllByName(host)) {
                if (a.isLoopbackAddress() || a.isSiteLocalAddress() || a.isLinkLocalAddress() || a.isAnyLocalAddress()
                        || a.isMulticastAddress() || (a.getAddress().length == 16 && (a.getAddress()[0] & 0xFE) == 0xFC)) {
                    return "the URL points at a private or loopback address (" + a.getHostAddress()
                            + "); refused. Start serve with --allow-private-feeds to read feeds on your own network";
                }
            }
            return null;
        } catch (UnknownHostException e) {
            return "the host '" + host + "' could not be resolved; check the URL";
        }
    }

    private static int plainLength(String html) {
        return org.jsoup.Jsoup.parse(html).text().length();
    }

    private static String firstNonBlank(String... values) {
        for (String v : values) {
            if (v != null && !v.isBlank()) {
                return v.strip();
            }
        }
        return null;
    }

    @Override
    public void close() {
        if (scheduler != null) {
            scheduler.shutdownNow();
        }
    }

}
