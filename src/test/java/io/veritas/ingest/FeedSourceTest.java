package io.veritas.ingest;

import com.sun.net.httpserver.HttpServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Feeds served by a real HTTP server on 127.0.0.1. */
class FeedSourceTest {
    private static final String RSS = """
            <?xml version="1.0" encoding="UTF-8"?>
            <rss version="2.0" xmlns:content="http://purl.org/rss/1.0/modules/content/">
            <channel><title>Funding wire</title><link>http://127.0.0.1/</link><description>test</description>
            <item><title>Lumen Labs closes Series A</title><link>%1$s/full</link><guid>full-1</guid>
              <pubDate>Mon, 02 Mar 2026 09:00:00 GMT</pubDate>
              <description>Short.</description>
              <content:encoded><![CDATA[<p>%2$s</p>]]></content:encoded></item>
            <item><title>深瞳智能完成B轮</title><link>%1$s/page</link><guid>summary-2</guid>
              <pubDate>Tue, 10 Mar 2026 02:30:00 GMT</pubDate>
              <description>深瞳智能完成B轮融资。</description></item>
            </channel></rss>
            """;
    private static final String PAGE = """
            <html><head><title>深瞳智能完成B轮</title></head><body>
            <nav>首页 | 科技 | 财经</nav>
            <article><h1>深瞳智能完成B轮融资3亿美元</h1>
            <p>深瞳智能（DeepPupil AI）今天宣布完成B轮融资，金额为3亿美元，由港峰资本领投。</p></article>
            <footer>© 2026 某某新闻 版权所有</footer></body></html>
            """;
    private static final String ATOM = """
            <?xml version="1.0" encoding="utf-8"?>
            <feed xmlns="http://www.w3.org/2005/Atom"><title>Atom wire</title><id>urn:feed</id><updated>2026-03-03T00:00:00Z</updated>
            <entry><title>Orbit Bio raises $9 million</title><id>urn:entry:1</id><link href="%1$s/none"/>
            <updated>2026-03-03T08:00:00Z</updated>
            <content type="html">%2$s</content></entry></feed>
            """;

    private HttpServer server;
    private String base;
    private final AtomicInteger feedRequests = new AtomicInteger();
    private final AtomicReference<String> ifNoneMatch = new AtomicReference<>();
    private final List<RawItem> items = new CopyOnWriteArrayList<>();
    private final List<Failure> failures = new CopyOnWriteArrayList<>();

    @BeforeEach
    void startServer() throws IOException {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        base = "http://127.0.0.1:" + server.getAddress().getPort();
        String longText = "Lumen Labs raised $25 million in its Series A on 2026-03-01. ".repeat(20);
        server.createContext("/rss", ex -> {
            feedRequests.incrementAndGet();
            ifNoneMatch.set(ex.getRequestHeaders().getFirst("If-None-Match"));
            if ("\"v1\"".equals(ex.getRequestHeaders().getFirst("If-None-Match"))) {
                ex.sendResponseHeaders(304, -1);
                ex.close();
                return;
            }
            ex.getResponseHeaders().add("ETag", "\"v1\"");
            send(ex, String.format(RSS, base, longText), "application/rss+xml");
        });
        server.createContext("/atom", ex -> send(ex, String.format(ATOM, base,
                "&lt;p&gt;" + "Orbit Bio raised $9 million in a seed round led by a university fund. ".repeat(12) + "&lt;/p&gt;"),
                "application/atom+xml"));
        server.createContext("/page", ex -> send(ex, PAGE, "text/html; charset=utf-8"));
        server.createContext("/notafeed", ex -> send(ex, "<html><body>hello</body></html>", "text/html"));
        server.createContext("/slow", ex -> {
            try {
                Thread.sleep(3000);
            } catch (InterruptedException ignored) {
                Thread.currentThread().interrupt();
            }
            send(ex, "late", "text/plain");
        });
        server.setExecutor(java.util.concurrent.Executors.newCachedThreadPool());
        server.start();
    }

    private static void send(com.sun.net.httpserver.HttpExchange ex, String body, String type) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        ex.getResponseHeaders().add("Content-Type", type);
        ex.sendResponseHeaders(200, bytes.length);
        ex.getResponseBody().write(bytes);
        ex.close();
    }

    @AfterEach
    void stopServer() {
        server.stop(0);
    }

    private FeedSource source(boolean allowPrivate, Duration timeout) {
        return new FeedSource(new FeedSource.Options(Duration.ofMinutes(5), timeout, allowPrivate), items::addAll, failures::add);
    }

    @Test
    void fullEntriesAreTakenAsTheyAreAndSummariesFetchTheirPage() {
        source(true, Duration.ofSeconds(5)).poll(URI.create(base + "/rss"));
        assertEquals(2, items.size(), failures.toString());
        RawItem full = items.get(0);
        assertEquals("full-1", full.id());
        assertTrue(full.text().contains("Lumen Labs raised $25 million"));
        assertEquals("2026-03-02T09:00:00Z", full.published().toString());
        RawItem fetched = items.get(1);
        assertEquals(base + "/page", fetched.url());
        assertTrue(fetched.text().contains("港峰资本领投"), "the linked page was fetched for a summary-only entry");
        assertTrue(failures.isEmpty(), failures.toString());
    }

    @Test
    void feedEntriesAreAnswerableAndTheirPagesCleaned(@org.junit.jupiter.api.io.TempDir java.nio.file.Path dir) {
        try (io.veritas.Veritas veritas = io.veritas.Veritas.open(dir)) {
            new FeedSource(new FeedSource.Options(Duration.ofMinutes(5), Duration.ofSeconds(5), true), veritas::accept, failures::add)
                    .poll(URI.create(base + "/rss"));
            var answer = veritas.ask("深瞳智能的B轮融资是多少？");
            assertTrue(answer.answered(), answer.toString());
            assertEquals(3e8, answer.facts().get(0).value());
            assertEquals(base + "/page", answer.citations().get(0).url());
            for (var hit : veritas.search("深瞳智能 首页 版权所有", 10)) {
                assertTrue(!hit.text().contains("首页") && !hit.text().contains("版权所有"), hit.text());
            }
        }
    }

    @Test
    void aSecondPollSendsTheEtagAndGetsNothingNew() {
        FeedSource source = source(true, Duration.ofSeconds(5));
        source.poll(URI.create(base + "/rss"));
        source.poll(URI.create(base + "/rss"));
        assertEquals(2, feedRequests.get());
        assertEquals("\"v1\"", ifNoneMatch.get());
        assertEquals(2, items.size(), "304 Not Modified brings no new items");
    }

    @Test
    void aRestartRemembersValidatorsAndEntries(@org.junit.jupiter.api.io.TempDir java.nio.file.Path dir) {
        java.nio.file.Path state = dir.resolve("feeds-state.json");
        FeedSource first = new FeedSource(new FeedSource.Options(Duration.ofMinutes(5), Duration.ofSeconds(5), true), items::addAll, failures::add, state);
        first.poll(URI.create(base + "/rss"));
        assertEquals(2, items.size(), failures.toString());
        FeedSource afterRestart = new FeedSource(new FeedSource.Options(Duration.ofMinutes(5), Duration.ofSeconds(5), true), items::addAll, failures::add, state);
        afterRestart.poll(URI.create(base + "/rss"));
        assertEquals("\"v1\"", ifNoneMatch.get(), "the restarted reader sends the stored ETag");
        assertEquals(2, items.size(), "and gets nothing again");
        assertTrue(failures.isEmpty(), failures.toString());
    }

    @Test
    void atomFeedsAreRead() {
        source(true, Duration.ofSeconds(5)).poll(URI.create(base + "/atom"));
        assertEquals(1, items.size(), failures.toString());
        assertEquals("urn:entry:1", items.get(0).id());
        assertTrue(items.get(0).text().contains("Orbit Bio raised $9 million"));
    }

    @Test
    void loopbackFeedsAreRefusedUnlessAllowed() {
        source(false, Duration.ofSeconds(5)).poll(URI.create(base + "/rss"));
        assertEquals(0, items.size());
        assertEquals(1, failures.size());
        String message = failures.get(0).toString();
        assertTrue(message.contains("private or loopback") && message.contains("--allow-private-feeds"), message);
    }

    @Test
    void slowAndWrongFeedsGetClearMessages() {
        FeedSource source = source(true, Duration.ofMillis(500));
        source.poll(URI.create(base + "/slow"));
        source.poll(URI.create(base + "/notafeed"));
        source.poll(URI.create(base + "/missing"));
        assertEquals(3, failures.size(), failures.toString());
        assertTrue(failures.get(0).reason().contains("did not answer within"), failures.get(0).toString());
        assertTrue(failures.get(1).reason().contains("not an RSS or Atom feed"), failures.get(1).toString());
        assertTrue(failures.get(2).reason().contains("HTTP 404"), failures.get(2).toString());
        assertNull(items.isEmpty() ? null : items.get(0));
    }
}
