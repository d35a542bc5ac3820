package io.veritas.index;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.veritas.extract.AliasLearner;
import io.veritas.extract.Claim;
import io.veritas.text.Document;
import io.veritas.text.Fingerprint;
import io.veritas.text.Passage;
import io.veritas.text.Span;
import org.apache.hc.client5.http.impl.nio.PoolingAsyncClientConnectionManagerBuilder;
import org.apache.hc.core5.http.HttpHost;
import org.apache.lucene.analysis.Analyzer;
import org.apache.lucene.analysis.TokenStream;
import org.apache.lucene.analysis.tokenattributes.CharTermAttribute;
import org.apache.lucene.analysis.tokenattributes.OffsetAttribute;
import org.opensearch.client.json.JsonData;
import org.opensearch.client.json.jackson.JacksonJsonpMapper;
import org.opensearch.client.opensearch.OpenSearchClient;
import org.opensearch.client.opensearch._types.FieldValue;
import org.opensearch.client.opensearch._types.OpenSearchException;
import org.opensearch.client.opensearch._types.SortOptions;
import org.opensearch.client.opensearch._types.SortOrder;
import org.opensearch.client.opensearch._types.mapping.DynamicMapping;
import org.opensearch.client.opensearch._types.mapping.IndexOptions;
import org.opensearch.client.opensearch._types.mapping.Property;
import org.opensearch.client.opensearch._types.query_dsl.Query;
import org.opensearch.client.opensearch.core.BulkResponse;
import org.opensearch.client.opensearch.core.SearchResponse;
import org.opensearch.client.opensearch.core.bulk.BulkOperation;
import org.opensearch.client.opensearch.core.bulk.BulkResponseItem;
import org.opensearch.client.opensearch.core.search.SourceConfig;
import org.opensearch.client.transport.httpclient5.ApacheHttpClient5Transport;
import org.opensearch.client.transport.httpclient5.ApacheHttpClient5TransportBuilder;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ConnectException;
import java.net.NoRouteToHostException;
import java.net.URI;
import java.net.UnknownHostException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentSkipListSet;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;

/**
 * The index in an OpenSearch cluster, for deployments that outgrow one machine: the same records and answers as
 * {@link LuceneIndex}, kept in one OpenSearch index. Records are told apart by {@code type} ({@code doc},
 * {@code passage}, {@code claim}, {@code alias}, {@code vec}, and one {@code meta} record with the commit data); all
 * records of a document share its {@code docId} and have ids derived from it, so a new version overwrites them
 * and deletes the ones it no longer has in the same {@code _bulk} request, without waiting for a refresh (a
 * delete-by-query would not see records added since the last one).
 *
 * <p>Text analysis stays in Veritas: a passage is indexed as the tokens of {@link Analysis} joined by spaces
 * ({@code tokens}, split again by OpenSearch's {@code whitespace} analyzer) and queries are term queries on those
 * tokens, so a cluster needs no Chinese analysis plugin and BM25 sees the very terms the embedded index sees. With
 * one shard the statistics are those of the whole corpus too, so scores equal the embedded index's. Highlights are
 * computed here as well: OpenSearch's highlighter would mark the token string, not the text.
 *
 * <p>Passage vectors are exact: each is a {@code vec} record holding the unit vector as big-endian floats in a
 * {@code binary} field with doc values, scored by a Painless {@code script_score} (cosine as a dot product of
 * unit vectors) over the records the filters leave. That runs on any OpenSearch, including the plugin-free
 * integration-test distribution the tests start, but it reads every candidate vector per query; with the k-NN
 * plugin an approximate {@code knn_vector} (HNSW) field would be the scalable choice for millions of passages.
 *
 * <p>One process writes to an index at a time (the bookkeeping of known documents and pending passages lives in
 * that process); writes from several of its threads run concurrently over one shared client.
 */
public final class OpenSearchIndex implements Index {
    static final int SCHEMA_VERSION = 2; // 2: the word field of --analysis smartcn

    private static final String TYPE = "type";
    private static final String DOC_ID = "docId";
    /** Every record's own id again, as a sortable field (sorting on {@code _id} is disabled by default). */
    private static final String RID = "rid";
    /** The id of the metadata record; document record ids start with "d:" or "h:" and cannot collide. */
    private static final String META_ID = "veritas:meta";
    /** Same weights as {@link LuceneIndex} (chosen on the retrieval question set, see BENCHMARKS.md). */
    private static final float EXPANSION_BOOST = 0.5f;
    private static final float ENTITY_BOOST = 2f;
    private static final float AMOUNT_BOOST = 3f;
    /** OpenSearch's default {@code index.max_result_window}: no single page may reach past it. */
    private static final int MAX_WINDOW = 10_000;
    private static final int PAGE = 1_000;
    /**
     * Cosine similarity of the query (a unit vector in {@code params.q}) and a stored unit vector, plus one:
     * script scores must not be negative. Written for Painless's parser: the bytes go into locals first (it does not
     * parse {@code (a[j] & 255)}) and a for loop updates one variable.
     */
    private static final String COSINE = """
            BytesRef b = doc['vec'].value;
            byte[] a = b.bytes;
            int n = b.length >> 2;
            List q = params.q;
            double dot = 0;
            for (int i = 0; i < n; ++i) {
              int j = b.offset + 4 * i;
              int b0 = a[j]; int b1 = a[j + 1]; int b2 = a[j + 2]; int b3 = a[j + 3];
              float x = Float.intBitsToFloat((b0 << 24) | ((b1 & 255) << 16) | ((b2 & 255) << 8) | (b3 & 255));
              dot += x * ((Number) q.get(i)).doubleValue();
            }
            return 1 + dot;
            """;
    private static final List<String> PASSAGE_FIELDS = List.of(DOC_ID, "path", "url", "title", "published", "language",
            "cluster", "ordinal", "start", "end", "plang", "body");

    private static final ObjectMapper JSON = new ObjectMapper();

    private final String url;
    private final String name;
    private final ApacheHttpClient5Transport transport;
    private final OpenSearchClient client;
    private final Analyzer analyzer = Analysis.analyzer();
    /** Chinese word segmentation beside the bigrams (analysis smartcn), done here like the rest; null when off. */
    private final Analyzer words;

    /**
     * What this process knows of every stored document version: content hash and SimHash (as in
     * {@link LuceneIndex}), the pending-order number of its first passage, its story cluster (to restore it when a
     * write fails) and how many passage, claim and alias records it has (their ids follow from these counts, so
     * the next version can delete exactly the records it does not overwrite).
     */
    private record Known(long hash, long simHash, long seq0, String cluster, int passages, int claims, int aliases) {
    }

    private final Map<String, Known> known = new ConcurrentHashMap<>();
    private final Map<String, String> idByPath = new ConcurrentHashMap<>();
    private final StoryClusters clusters = new StoryClusters();
    private final AtomicLong version = new AtomicLong();
    /**
     * Passage numbering as in {@link LuceneIndex}: numbers are reserved under the upsert lock, a document's first
     * number is "in flight" until its {@code _bulk} returns, and {@link #refresh} records the highest number below
     * every one in flight as visible; the embedder never goes past it, so a slower concurrent upsert holding a
     * lower number is not skipped.
     */
    private long nextSeq = 1;
    private final ConcurrentSkipListSet<Long> inFlight = new ConcurrentSkipListSet<>();
    private final AtomicLong visibleSeq = new AtomicLong();
    /** Every passage numbered up to this one has its vector (or was replaced). */
    private volatile long embeddedSeq;
    private volatile long committedJournalSeq;
    /** Dimension of the stored vectors; 0 while there are none. */
    private volatile int dims;
    private final Object commitLock = new Object();

    /** False for a process that only asks and searches: it neither loads nor keeps the bookkeeping of writes. */
    private final boolean writable;

    private OpenSearchIndex(String url, String name, ApacheHttpClient5Transport transport, boolean writable, boolean words) {
        this.words = words ? Analysis.words() : null;
        this.url = url;
        this.name = name;
        this.writable = writable;
        this.transport = transport;
        this.client = new OpenSearchClient(transport);
    }

    /**
     * Connects to the cluster at {@code url} (e.g. {@code http://127.0.0.1:9200}) and opens the index
     * {@code indexName}, creating it when missing. Fails with {@link Unavailable} when the cluster cannot be
     * reached or the index was not made by this version of Veritas.
     */
    public static OpenSearchIndex open(String url, String indexName) {
        return open(url, indexName, true, false);
    }

    /** Opens for writing; {@code words}: also index Chinese passages segmented into words (smartcn). */
    public static OpenSearchIndex open(String url, String indexName, boolean words) {
        return open(url, indexName, true, words);
    }

    /**
     * Opens the index for questions and searches only (no bookkeeping of known documents is loaded, so this is
     * quick on a large index); it must exist already.
     */
    public static OpenSearchIndex openForReading(String url, String indexName, boolean words) {
        return open(url, indexName, false, words);
    }

    private static OpenSearchIndex open(String url, String indexName, boolean writable, boolean words) {
        URI uri;
        try {
            uri = URI.create(url.strip());
        } catch (IllegalArgumentException e) {
            throw new Unavailable("the OpenSearch URL '" + url + "' is not a URL; give one like http://127.0.0.1:9200 "
                    + "(--opensearch URL)", e);
        }
        if (uri.getHost() == null || uri.getScheme() == null
                || !(uri.getScheme().equals("http") || uri.getScheme().equals("https"))) {
            throw new Unavailable("the OpenSearch URL '" + url + "' needs http:// or https://, a host and a port, like "
                    + "http://127.0.0.1:9200 (--opensearch URL)", null);
        }
        HttpHost host = new HttpHost(uri.getScheme(), uri.getHost(), uri.getPort() > 0 ? uri.getPort()
                : uri.getScheme().equals("https") ? 443 : 9200);
        ApacheHttpClient5TransportBuilder builder = ApacheHttpClient5TransportBuilder.builder(host)
                .setMapper(new JacksonJsonpMapper(JSON))
                // Several ingest threads, the embedder and queries share the client; the default pool is 10.
                .setHttpClientConfigCallback(b -> b.setConnectionManager(PoolingAsyncClientConnectionManagerBuilder.create()
                        .setMaxConnPerRoute(64).setMaxConnTotal(64).build()));
        if (uri.getRawPath() != null && !uri.getRawPath().isEmpty() && !uri.getRawPath().equals("/")) {
            builder.setPathPrefix(uri.getRawPath());
        }
        OpenSearchIndex index = new OpenSearchIndex(url.strip(), indexName, builder.build(), writable, words);
        try {
            index.init();
            return index;
        } catch (RuntimeException e) {
            index.close();
            throw e;
        }
    }

    private void init() {
        call("connect", () -> client.info());
        if (!writable && !call("look up the index", () -> client.indices().exists(e -> e.index(name))).value()) {
            throw new Unavailable("there is no index '" + name + "' at " + url + "; ingest documents first: ./veritas ingest "
                    + "--backend opensearch --opensearch " + url + " PATH...", null);
        }
        ensureIndex();
        ObjectNode meta = call("read the commit data", () -> client.get(g -> g.index(name).id(META_ID), ObjectNode.class)).source();
        long storedNext = 0;
        if (meta != null) {
            committedJournalSeq = meta.path("journalSeq").asLong();
            storedNext = meta.path("nextSeq").asLong();
            embeddedSeq = meta.path("embeddedSeq").asLong();
        }
        if (!writable) {
            ObjectNode vec = first(term(TYPE, "vec"), List.of("dims"), null);
            dims = vec == null ? 0 : vec.path("dims").asInt();
            return;
        }
        refresh(); // what an earlier process wrote after its last commit is durable already: make it searchable
        loadKnown();
        // Passages written after the last commit are kept by OpenSearch (unlike uncommitted Lucene documents), so
        // numbering continues after the highest number stored, not after the committed one.
        ObjectNode last = first(Query.of(q -> q.term(t -> t.field(TYPE).value(FieldValue.of("passage")))),
                List.of("seq"), sort("seq", SortOrder.Desc));
        long maxSeq = last == null ? 0 : last.path("seq").asLong();
        nextSeq = Math.max(storedNext, maxSeq) + 1;
        visibleSeq.set(nextSeq - 1);
        ObjectNode vec = first(term(TYPE, "vec"), List.of("dims"), null);
        dims = vec == null ? 0 : vec.path("dims").asInt();
    }

    /** Creates the index with its mapping, or checks that an existing one is a Veritas index of this schema. */
    private void ensureIndex() {
        boolean exists = call("look up the index", () -> client.indices().exists(e -> e.index(name))).value();
        if (exists) {
            Map<String, JsonData> meta = call("read the mapping", () -> client.indices().getMapping(m -> m.index(name)))
                    .result().values().iterator().next().mappings().meta();
            JsonData schema = meta == null ? null : meta.get("veritasSchema");
            if (schema == null) {
                throw new Unavailable("the index '" + name + "' at " + url + " was not made by Veritas; choose another "
                        + "name (--opensearch-index)", null);
            }
            if (schema.to(Integer.class) != SCHEMA_VERSION) {
                throw new Unavailable("the index '" + name + "' at " + url + " has the layout of another Veritas version ("
                        + schema.to(Integer.class) + ", this one writes " + SCHEMA_VERSION + "); re-ingest into a new "
                        + "index (--opensearch-index)", null);
            }
            return;
        }
        Property keyword = Property.of(p -> p.keyword(k -> k));
        Property longNumber = Property.of(p -> p.long_(l -> l));
        try {
            call("create the index", () -> client.indices().create(c -> c.index(name)
                    // One shard: BM25 statistics of the whole corpus, as in the embedded index.
                    .settings(s -> s.numberOfShards(1).numberOfReplicas(0))
                    .mappings(m -> m.dynamic(DynamicMapping.False)
                            .meta("veritasSchema", JsonData.of(SCHEMA_VERSION))
                            // Searched, never shown: the original passage text is kept in "body" instead.
                            .source(src -> src.excludes("tokens", Analysis.WORDS_FIELD, "vec"))
                            .properties(TYPE, keyword).properties(DOC_ID, keyword).properties(RID, keyword)
                            .properties("seq", longNumber).properties("seq0", longNumber)
                            .properties("ordinal", Property.of(p -> p.integer(i -> i)))
                            .properties("published", longNumber)
                            .properties("plang", keyword).properties("host", keyword).properties("authorKey", keyword)
                            .properties("amount", keyword)
                            .properties("tokens", Property.of(p -> p.text(t -> t.analyzer("whitespace")
                                    .indexOptions(IndexOptions.Freqs))))
                            .properties(Analysis.WORDS_FIELD, Property.of(p -> p.text(t -> t.analyzer("whitespace")
                                    .indexOptions(IndexOptions.Freqs))))
                            .properties("subject", keyword).properties("attribute", keyword).properties("qualifier", keyword)
                            .properties("vec", Property.of(p -> p.binary(b -> b.docValues(true)))))));
        } catch (IllegalStateException e) {
            String message = String.valueOf(e.getMessage());
            if (message.contains("invalid_index_name_exception")) {
                throw new Unavailable(message + "; choose another name (--opensearch-index)", e);
            }
            if (!message.contains("resource_already_exists_exception")) {
                throw e;
            }
            ensureIndex(); // another process created it meanwhile
        }
    }

    private void loadKnown() {
        Query docs = term(TYPE, "doc");
        scan(docs, List.of(DOC_ID, "hash", "path", "simhash", "cluster", "seq0", "passages", "claims", "aliases"),
                List.of(sort(RID, SortOrder.Asc)), d -> {
                    String id = d.path(DOC_ID).asText();
                    long simHash = d.path("simhash").asLong();
                    String stored = d.path("cluster").asText();
                    String cluster = stored.equals(id) ? id : stored; // most documents are their own cluster: one string
                    clusters.restore(simHash, cluster);
                    known.put(id, new Known(hash64(d.path("hash").asText()), simHash, d.path("seq0").asLong(), cluster,
                            d.path("passages").asInt(), d.path("claims").asInt(), d.path("aliases").asInt()));
                    String path = d.path("path").asText();
                    if (!path.isEmpty()) {
                        idByPath.put(path, id);
                    }
                });
    }

    // ------------------------------------------------------------------------------------------------ writing

    /**
     * Adds or replaces a document with its passages, claims and learned aliases, in one {@code _bulk} request.
     * Safe to call from several threads as long as calls for the same id (or the same file) come from one thread
     * in order: the bookkeeping is under a short lock and the requests run concurrently. When the request fails,
     * the bookkeeping is undone, so that retrying the document indexes it again instead of calling it a duplicate.
     */
    @Override
    public Outcome upsert(Document doc, List<Claim> claims, List<AliasLearner.Pair> aliases) {
        requireWritable();
        long simHash = Fingerprint.simHash(doc.text());
        long hash = hash64(doc.contentHash());
        Known previous;
        String replaced = null;
        Known replacedKnown = null;
        String pathBefore = null;
        Known now;
        Outcome outcome;
        synchronized (this) {
            previous = known.get(doc.id());
            if (previous != null && previous.hash() == hash) {
                return Outcome.DUPLICATE;
            }
            if (previous != null) {
                clusters.remove(previous.simHash());
            }
            outcome = previous != null ? Outcome.UPDATED : Outcome.ADDED;
            if (doc.path() != null && !isLineOfFile(doc)) {
                pathBefore = idByPath.put(doc.path(), doc.id());
                if (pathBefore != null && !pathBefore.equals(doc.id())) {
                    replaced = pathBefore;
                    replacedKnown = known.remove(pathBefore);
                    if (replacedKnown != null) {
                        clusters.remove(replacedKnown.simHash());
                    }
                    outcome = Outcome.UPDATED;
                }
            }
            String cluster = clusters.assign(doc.id(), simHash);
            long seq0 = nextSeq;
            nextSeq += Math.max(1, doc.passages().size()); // at least one: first numbers stay unique while in flight
            inFlight.add(seq0);
            now = new Known(hash, simHash, seq0, cluster, doc.passages().size(), claims.size(), aliases.size());
            known.put(doc.id(), now);
        }
        try {
            String shown = doc.id().length() > 200 ? doc.id().substring(0, 200) + "…" : doc.id();
            bulk(operations(doc, claims, aliases, now, previous, replaced, replacedKnown), "index " + shown);
            version.incrementAndGet();
            return outcome;
        } catch (RuntimeException e) {
            synchronized (this) {
                clusters.remove(simHash);
                // Counts that cover what the failed request may have written, so the next version deletes it too.
                restore(doc.id(), previous == null ? null : new Known(previous.hash(), previous.simHash(), previous.seq0(),
                        previous.cluster(), Math.max(previous.passages(), now.passages()),
                        Math.max(previous.claims(), now.claims()), Math.max(previous.aliases(), now.aliases())), now);
                if (replaced != null) {
                    restore(replaced, replacedKnown, null);
                }
                if (doc.path() != null && !isLineOfFile(doc)) {
                    if (pathBefore == null) {
                        idByPath.remove(doc.path(), doc.id());
                    } else {
                        idByPath.put(doc.path(), pathBefore);
                    }
                }
            }
            throw e;
        } finally {
            inFlight.remove(now.seq0());
        }
    }

    /** Puts back what was known of a document before a failed write (nothing when it was new). */
    private void restore(String id, Known before, Known failed) {
        if (failed != null && known.get(id) != failed) {
            return;
        }
        if (before == null) {
            known.remove(id);
        } else {
            known.put(id, before);
            clusters.restore(before.simHash(), before.cluster());
        }
    }

    private List<BulkOperation> operations(Document doc, List<Claim> claims, List<AliasLearner.Pair> aliases, Known now,
                                           Known previous, String replaced, Known replacedKnown) {
        String key = key(doc.id());
        Map<String, ObjectNode> records = new LinkedHashMap<>();
        List<Passage> passages = doc.passages();
        if (passages.size() == 1) {
            // A post is one passage: one record serves as both document and passage (half the records to index).
            ObjectNode both = passageRecord(key, doc, passages.get(0), now.cluster(), now.seq0());
            both.putArray(TYPE).add("doc").add("passage");
            addDocFields(both, doc, now);
            records.put(key, both);
        } else {
            ObjectNode docRecord = record(key, "doc", doc.id());
            addSource(docRecord, doc, now.cluster());
            addDocFields(docRecord, doc, now);
            records.put(key, docRecord);
            for (int i = 0; i < passages.size(); i++) {
                records.put(key + "/p" + i, passageRecord(key + "/p" + i, doc, passages.get(i), now.cluster(), now.seq0() + i));
            }
        }
        for (int i = 0; i < claims.size(); i++) {
            ObjectNode r = claimRecord(key + "/c" + i, doc, claims.get(i), now.cluster());
            r.put("seq0", now.seq0());
            records.put(key + "/c" + i, r);
        }
        for (int i = 0; i < aliases.size(); i++) {
            AliasLearner.Pair pair = aliases.get(i);
            ObjectNode r = record(key + "/a" + i, "alias", doc.id());
            r.put("a", pair.a());
            r.put("b", pair.b());
            r.put("aliasType", pair.type());
            r.put("seq0", now.seq0()); // learned aliases come back in the order they were learned
            records.put(key + "/a" + i, r);
        }
        List<BulkOperation> ops = new ArrayList<>();
        if (previous != null) {
            for (String id : recordIds(key, previous)) {
                if (!records.containsKey(id)) {
                    ops.add(BulkOperation.of(o -> o.delete(d -> d.id(id))));
                }
            }
        }
        if (replacedKnown != null) {
            for (String id : recordIds(key(replaced), replacedKnown)) {
                ops.add(BulkOperation.of(o -> o.delete(d -> d.id(id))));
            }
        }
        records.forEach((id, r) -> ops.add(BulkOperation.of(o -> o.index(i -> i.id(id).document(r)))));
        return ops;
    }

    /** The ids of every record a stored version of a document has, its passage vectors included. */
    private static List<String> recordIds(String key, Known k) {
        List<String> ids = new ArrayList<>();
        ids.add(key);
        if (k.passages() != 1) {
            for (int i = 0; i < k.passages(); i++) {
                ids.add(key + "/p" + i);
            }
        }
        for (int i = 0; i < k.passages(); i++) {
            ids.add(key + "/v" + i);
        }
        for (int i = 0; i < k.claims(); i++) {
            ids.add(key + "/c" + i);
        }
        for (int i = 0; i < k.aliases(); i++) {
            ids.add(key + "/a" + i);
        }
        return ids;
    }

    /**
     * The id stem of a document's records: its id, or a hash of it when it is too long for an OpenSearch id
     * (512 bytes; ids are often URLs).
     */
    static String key(String docId) {
        if (docId.getBytes(StandardCharsets.UTF_8).length <= 400) {
            return "d:" + docId;
        }
        try {
            byte[] digest = java.security.MessageDigest.getInstance("SHA-256").digest(docId.getBytes(StandardCharsets.UTF_8));
            return "h:" + java.util.HexFormat.of().formatHex(digest);
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is missing from this JVM", e);
        }
    }

    private static long hash64(String hex) {
        return Long.parseUnsignedLong(hex.substring(0, 16), 16);
    }

    /** Posts of one JSON Lines file share its path; only whole files replace each other by path. */
    private static boolean isLineOfFile(Document doc) {
        return doc.meta().containsKey("line");
    }

    private static ObjectNode record(String rid, String type, String docId) {
        ObjectNode r = JSON.createObjectNode();
        r.put(TYPE, type);
        r.put(DOC_ID, docId);
        r.put(RID, rid);
        return r;
    }

    private static void addDocFields(ObjectNode r, Document doc, Known k) {
        r.put("seq0", k.seq0());
        r.put("hash", doc.contentHash());
        r.put("author", nz(doc.author()));
        if (!doc.meta().isEmpty()) {
            r.set("meta", JSON.valueToTree(doc.meta()));
        }
        r.put("simhash", k.simHash());
        r.put("passages", k.passages());
        r.put("claims", k.claims());
        r.put("aliases", k.aliases());
    }

    private ObjectNode passageRecord(String rid, Document doc, Passage p, String cluster, long seq) {
        ObjectNode r = record(rid, "passage", doc.id());
        addSource(r, doc, cluster);
        r.put("seq", seq);
        r.put("ordinal", p.ordinal());
        r.put("start", p.span().start());
        r.put("end", p.span().end());
        r.put("plang", p.language());
        String body = doc.slice(p.span());
        r.put("body", body);
        r.put("tokens", String.join(" ", tokens(body, Integer.MAX_VALUE)));
        if (words != null && Analysis.hasChinese(body)) {
            r.put(Analysis.WORDS_FIELD, String.join(" ", Analysis.wordTokens(words, body, Integer.MAX_VALUE)));
        }
        String host = LuceneIndex.host(doc.url());
        if (host != null) {
            r.put("host", host);
        }
        if (doc.author() != null && !doc.author().isBlank()) {
            r.put("authorKey", LuceneIndex.filterKey(doc.author()));
        }
        List<io.veritas.extract.Quantity> quantities = io.veritas.extract.Quantities.find(io.veritas.text.Script.fold(body));
        if (!quantities.isEmpty()) {
            ArrayNode amounts = r.putArray("amount");
            for (io.veritas.extract.Quantity q : quantities) {
                amounts.add(QueryExpander.amountToken(q.currency(), q.value()));
            }
        }
        return r;
    }

    private static ObjectNode claimRecord(String rid, Document doc, Claim c, String cluster) {
        ObjectNode r = record(rid, "claim", doc.id());
        addSource(r, doc, cluster);
        r.put("subject", c.subject());
        r.put("subjectAs", c.subjectAs());
        r.put("attribute", c.attribute());
        r.put("qualifier", nz(c.qualifier()));
        r.put("value", c.value());
        r.put("currency", c.currency());
        r.put("period", nz(c.period()));
        r.put("bound", c.bound());
        r.put("asOf", c.asOf() == null ? "" : c.asOf().toString());
        r.put("dated", c.dated());
        r.put("modality", c.modality());
        r.put("qs", c.quote().start());
        r.put("qe", c.quote().end());
        r.put("fs", c.figure().start());
        r.put("fe", c.figure().end());
        r.put("quote", doc.slice(c.quote()));
        r.put("figure", doc.slice(c.figure()));
        return r;
    }

    private static void addSource(ObjectNode r, Document doc, String cluster) {
        r.put("cluster", cluster);
        r.put("path", nz(doc.path()));
        r.put("url", nz(doc.url()));
        r.put("title", nz(doc.title()));
        r.put("language", doc.language()); // passages filter on their own "plang"
        r.put("published", doc.published() == null ? Long.MIN_VALUE : doc.published().toEpochMilli());
    }

    /**
     * Sends one {@code _bulk} request. Items refused because the node was busy (429) are retried with the whole
     * request (every operation is idempotent: fixed ids); any other refusal fails with the first item's reason.
     */
    /**
     * Writes from concurrent upserts share {@code _bulk} requests (group commit): a writer queues its operations and,
     * when fewer than {@link #MAX_IN_FLIGHT} requests are out, sends everything queued so far in one request; the
     * others wait for the request that carries theirs. One request per document spent most of the time on
     * round trips and translog syncs (BENCHMARKS.md). Each writer still learns its own outcome.
     */
    private static final int MAX_IN_FLIGHT = 2;
    /** At most this many operations in one request. */
    private static final int MAX_OPERATIONS = 5_000;

    /** One writer's operations and what became of them. */
    private static final class Write {
        final List<BulkOperation> ops;
        final String what;
        boolean done;
        RuntimeException error;

        Write(List<BulkOperation> ops, String what) {
            this.ops = ops;
            this.what = what;
        }
    }

    private final Object batching = new Object();
    private final List<Write> waiting = new ArrayList<>();
    private int requestsInFlight;

    private void bulk(List<BulkOperation> ops, String what) {
        if (ops.isEmpty()) {
            return;
        }
        Write mine = new Write(ops, what);
        synchronized (batching) {
            waiting.add(mine);
        }
        while (true) {
            List<Write> batch = new ArrayList<>();
            synchronized (batching) {
                while (!mine.done && (requestsInFlight >= MAX_IN_FLIGHT || waiting.isEmpty())) {
                    try {
                        batching.wait();
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                        throw new IllegalStateException("interrupted while waiting for OpenSearch", e);
                    }
                }
                if (mine.done) {
                    break;
                }
                int size = 0;
                while (!waiting.isEmpty() && (batch.isEmpty() || size + waiting.get(0).ops.size() <= MAX_OPERATIONS)) {
                    Write w = waiting.remove(0);
                    size += w.ops.size();
                    batch.add(w);
                }
                requestsInFlight++;
            }
            try {
                send(batch);
            } finally {
                synchronized (batching) {
                    requestsInFlight--;
                    for (Write w : batch) {
                        w.done = true;
                    }
                    batching.notifyAll();
                }
            }
        }
        if (mine.error != null) {
            throw mine.error;
        }
    }

    /** Sends the writes in one request; items the node refuses as busy (429) are sent again, with back-off. */
    private void send(List<Write> writes) {
        List<Write> pending = writes;
        for (int attempt = 0; !pending.isEmpty(); attempt++) {
            List<BulkOperation> ops = new ArrayList<>();
            for (Write w : pending) {
                ops.addAll(w.ops);
            }
            BulkResponse response;
            try {
                String what = pending.size() == 1 ? pending.get(0).what : pending.get(0).what + " and " + (pending.size() - 1) + " more";
                response = call(what, () -> client.bulk(b -> b.index(name).operations(ops)));
            } catch (RuntimeException e) {
                for (Write w : pending) {
                    w.error = e;
                }
                return;
            }
            List<Write> busy = new ArrayList<>();
            int at = 0;
            for (Write w : pending) {
                BulkResponseItem failed = null;
                boolean onlyBusy = true;
                for (BulkResponseItem item : response.items().subList(at, at + w.ops.size())) {
                    if (item.error() != null) {
                        failed = failed == null ? item : failed;
                        onlyBusy &= item.status() == 429;
                    }
                }
                at += w.ops.size();
                if (failed != null && onlyBusy && attempt < 6) {
                    busy.add(w);
                } else if (failed != null) {
                    w.error = new IllegalStateException("OpenSearch at " + url + " refused to " + w.what + " (record "
                            + failed.id() + "): " + reason(failed.error()));
                }
            }
            if (!busy.isEmpty()) {
                sleep(100L << attempt);
            }
            pending = busy;
        }
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting for OpenSearch", e);
        }
    }

    private void requireWritable() {
        if (!writable) {
            throw new IllegalStateException("this index was opened read-only");
        }
    }

    /** Writes are round trips to the cluster: more of them in flight than there are cores keeps it busy. */
    @Override
    public int writers() {
        return 16;
    }

    @Override
    public long version() {
        return version.get();
    }

    /**
     * Writes the commit data (journal sequence number, passage numbering, embedder mark) into the metadata record,
     * then refreshes and flushes. Every record was durable once its {@code _bulk} returned (OpenSearch's
     * translog); the commit data is what a restart resumes from.
     */
    @Override
    public void commit(long journalSeq) {
        requireWritable();
        synchronized (commitLock) {
            long reserved;
            synchronized (this) {
                reserved = nextSeq - 1;
            }
            ObjectNode meta = JSON.createObjectNode();
            meta.put(TYPE, "meta");
            meta.put(RID, META_ID);
            meta.put("journalSeq", journalSeq);
            meta.put("nextSeq", reserved);
            meta.put("embeddedSeq", embeddedSeq);
            call("write the commit data", () -> client.index(i -> i.index(name).id(META_ID).document(meta)));
            refresh();
            call("flush the index", () -> client.indices().flush(f -> f.index(name)));
            committedJournalSeq = journalSeq;
        }
    }

    @Override
    public long committedJournalSeq() {
        return committedJournalSeq;
    }

    @Override
    public void refresh() {
        long visible;
        synchronized (this) {
            visible = inFlight.isEmpty() ? nextSeq - 1 : inFlight.first() - 1;
        }
        call("refresh the index", () -> client.indices().refresh(r -> r.index(name)));
        visibleSeq.accumulateAndGet(visible, Math::max);
    }

    // ------------------------------------------------------------------------------------------------ reading

    @Override
    public DocumentInfo documentInfo(String id) {
        ObjectNode d = call("read " + id, () -> client.get(g -> g.index(name).id(key(id)), ObjectNode.class)).source();
        if (d == null || !hasType(d, "doc")) {
            return null;
        }
        Map<String, String> meta = new LinkedHashMap<>();
        d.path("meta").properties().forEach(e -> meta.put(e.getKey(), e.getValue().asText()));
        return new DocumentInfo(source(d), zn(d.path("author").asText()), Collections.unmodifiableMap(meta));
    }

    @Override
    public int documentRecords(String id) {
        return count(bool(List.of(term(TYPE, "doc"), term(DOC_ID, id))));
    }

    @Override
    public int documentCount() {
        return count(term(TYPE, "doc"));
    }

    @Override
    public int claimCount() {
        return count(term(TYPE, "claim"));
    }

    @Override
    public int vectorCount() {
        return count(term(TYPE, "vec"));
    }

    /**
     * The query of {@link LuceneIndex#search(SearchRequest, QueryExpander.Expansion)} over the client-side tokens:
     * the query's own words, expansion terms at half weight, amounts at three times, each named entity (under
     * any of its names) at twice; at least one of them must match. Scores are BM25 as in the embedded index.
     */
    @Override
    public List<Hit> search(SearchRequest request, QueryExpander.Expansion expansion) {
        Set<String> terms = new HashSet<>();
        List<Query> should = new ArrayList<>();
        Query own = tokensQuery(request.text(), false, 256, terms);
        if (own != null) {
            should.add(own);
        }
        if (words != null) {
            List<Query> segmented = new ArrayList<>();
            for (String t : Analysis.wordTokens(words, request.text(), 256)) {
                segmented.add(term(Analysis.WORDS_FIELD, t));
            }
            if (!segmented.isEmpty()) {
                should.add(Query.of(b -> b.bool(x -> x.should(segmented).boost(Analysis.WORDS_BOOST))));
            }
        }
        for (String term : expansion.terms()) {
            Query q = tokensQuery(term, true, 16, terms);
            if (q != null) {
                should.add(Query.of(b -> b.bool(x -> x.must(q).boost(EXPANSION_BOOST))));
            }
        }
        for (String amount : expansion.amounts()) {
            should.add(Query.of(b -> b.term(t -> t.field("amount").value(FieldValue.of(amount)).boost(AMOUNT_BOOST))));
        }
        for (Set<String> names : expansion.entities()) {
            List<Query> anyName = new ArrayList<>();
            for (String name : names) {
                Query q = tokensQuery(name, true, 16, terms);
                if (q != null) {
                    anyName.add(q);
                }
            }
            // An entity none of whose names has a token matches nothing (an empty bool would match everything).
            should.add(anyName.isEmpty() ? Query.of(b -> b.matchNone(m -> m))
                    : Query.of(b -> b.bool(x -> x.should(anyName).boost(ENTITY_BOOST))));
        }
        if (should.isEmpty()) {
            return List.of();
        }
        List<Query> filters = new ArrayList<>();
        filters.add(term(TYPE, "passage"));
        addFilters(filters, request);
        Query q = Query.of(b -> b.bool(x -> x.filter(filters).should(should).minimumShouldMatch("1")));
        int fetch = Math.min(MAX_WINDOW, expansion.latest() ? Math.max(100, request.limit() * 5) : request.limit());
        SearchResponse<ObjectNode> response = call("search", () -> client.search(s -> s.index(name).query(q).size(fetch)
                .trackTotalHits(t -> t.enabled(false)).source(includes(PASSAGE_FIELDS)), ObjectNode.class));
        List<Hit> hits = new ArrayList<>();
        for (var h : response.hits().hits()) {
            ObjectNode d = h.source();
            String body = d.path("body").asText();
            hits.add(new Hit(source(d), d.path("ordinal").asInt(), d.path("start").asInt(), d.path("end").asInt(),
                    d.path("plang").asText(), body, h.score() == null ? 0f : h.score().floatValue()));
        }
        if (expansion.latest()) {
            hits = Fusion.byRecency(hits);
        }
        return hits.size() > request.limit() ? List.copyOf(hits.subList(0, request.limit())) : hits;
    }

    /** The request's filters on publication time, passage language, source host and author. */
    private static void addFilters(List<Query> filters, SearchRequest request) {
        if (request.from() != null || request.to() != null) {
            long from = request.from() == null ? Long.MIN_VALUE + 1 : request.from().toEpochMilli(); // undated never matches
            long to = request.to() == null ? Long.MAX_VALUE : request.to().toEpochMilli() - 1;
            filters.add(Query.of(q -> q.range(r -> r.field("published").gte(JsonData.of(from)).lte(JsonData.of(to)))));
        }
        if (request.language() != null) {
            filters.add(term("plang", request.language()));
        }
        if (request.source() != null) {
            filters.add(term("host", request.source().toLowerCase(Locale.ROOT).replaceFirst("^www\\.", "")));
        }
        if (request.author() != null) {
            filters.add(term("authorKey", LuceneIndex.filterKey(request.author())));
        }
    }

    /**
     * Term queries on the tokens of {@code text}: all must match (a name or expansion term) or any may (the query's
     * words); null when the text has no tokens. The tokens are added to {@code seen}, for highlighting.
     */
    private Query tokensQuery(String text, boolean all, int max, Set<String> seen) {
        List<Query> clauses = new ArrayList<>();
        for (String t : tokens(text, max)) {
            clauses.add(term("tokens", t));
            seen.add(t);
        }
        if (clauses.isEmpty()) {
            return null;
        }
        return Query.of(q -> q.bool(b -> all ? b.must(clauses) : b.should(clauses)));
    }

    /** The tokens {@link Analysis} makes of a text (at most {@code max}), the same for passages and queries. */
    private List<String> tokens(String text, int max) {
        List<String> out = new ArrayList<>();
        try (TokenStream ts = analyzer.tokenStream("body", text)) {
            CharTermAttribute term = ts.addAttribute(CharTermAttribute.class);
            ts.reset();
            while (out.size() < max && ts.incrementToken()) {
                out.add(term.toString());
            }
            ts.end();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out;
    }


    @Override
    public List<ClaimHit> claims(Collection<String> subjects, String attribute) {
        List<Query> filters = new ArrayList<>();
        filters.add(term(TYPE, "claim"));
        if (subjects != null) {
            if (subjects.isEmpty()) {
                return List.of();
            }
            filters.add(terms("subject", subjects));
        }
        if (attribute != null) {
            filters.add(term("attribute", attribute));
        }
        List<ClaimHit> out = new ArrayList<>();
        scan(bool(filters), null, List.of(sort("seq0", SortOrder.Asc), sort(RID, SortOrder.Asc)), d -> {
            Claim c = new Claim(d.path(DOC_ID).asText(), d.path("subject").asText(), d.path("subjectAs").asText(),
                    d.path("attribute").asText(), zn(d.path("qualifier").asText()), d.path("value").asDouble(),
                    d.path("currency").asText(), zn(d.path("period").asText()), d.path("bound").asText(),
                    d.path("asOf").asText().isEmpty() ? null : LocalDate.parse(d.path("asOf").asText()),
                    d.path("dated").asBoolean(), d.path("modality").asText(),
                    new Span(d.path("qs").asInt(), d.path("qe").asInt()), new Span(d.path("fs").asInt(), d.path("fe").asInt()));
            out.add(new ClaimHit(c, source(d), d.path("quote").asText(), d.path("figure").asText()));
        });
        return out;
    }

    @Override
    public boolean hasClaims(Collection<String> subjects, String attribute, String qualifier) {
        if (subjects.isEmpty()) {
            return false;
        }
        List<Query> filters = new ArrayList<>(List.of(term(TYPE, "claim"), terms("subject", subjects), term("attribute", attribute)));
        if (qualifier != null) {
            filters.add(term("qualifier", qualifier));
        }
        return first(bool(filters), List.of(DOC_ID), null) != null;
    }

    @Override
    public List<AliasLearner.Pair> learnedAliases() {
        List<AliasLearner.Pair> out = new ArrayList<>();
        scan(term(TYPE, "alias"), List.of("a", "b", "aliasType"), List.of(sort("seq0", SortOrder.Asc), sort(RID, SortOrder.Asc)),
                d -> out.add(new AliasLearner.Pair(d.path("a").asText(), d.path("b").asText(), d.path("aliasType").asText())));
        return out;
    }

    // ------------------------------------------------------------------------------------------------ vectors

    /** What a passage's vector record repeats from the passage so that filters apply to vector searches. */
    private record VectorFilters(long published, String language, String host, String authorKey) {
    }

    /** Filter fields of passages handed out by {@link #unembedded}, until their vectors come back. */
    private final Map<Long, VectorFilters> pendingFilters = new ConcurrentHashMap<>();

    @Override
    public Unembedded unembedded(int max) {
        long from = embeddedSeq;
        long through = visibleSeq.get();
        if (through <= from || max < 1) {
            return new Unembedded(List.of(), from);
        }
        int size = Math.min(max, MAX_WINDOW);
        Query q = bool(List.of(term(TYPE, "passage"),
                Query.of(b -> b.range(r -> r.field("seq").gte(JsonData.of(from + 1)).lte(JsonData.of(through))))));
        SearchResponse<ObjectNode> response = call("list passages without vectors", () -> client.search(s -> s.index(name)
                .query(q).size(size).sort(sort("seq", SortOrder.Asc)).trackTotalHits(t -> t.enabled(false))
                .source(includes(List.of(DOC_ID, "ordinal", "seq", "body", "published", "plang", "host", "authorKey"))),
                ObjectNode.class));
        List<PendingPassage> out = new ArrayList<>();
        long last = from;
        for (var h : response.hits().hits()) {
            ObjectNode d = h.source();
            long seq = d.path("seq").asLong();
            out.add(new PendingPassage(d.path(DOC_ID).asText(), d.path("ordinal").asInt(), seq, d.path("body").asText()));
            pendingFilters.put(seq, new VectorFilters(d.path("published").asLong(), d.path("plang").asText(),
                    zn(d.path("host").asText()), zn(d.path("authorKey").asText())));
            last = seq;
        }
        return new Unembedded(out, out.size() == size ? last : through);
    }

    /**
     * Stores the vectors of passages whose document is still the version they were taken from, then moves the
     * pending mark. Under the upsert lock: a document replaced after its passages were handed out has a new first
     * number and its old vectors are dropped here; one replaced after this block deletes them with its other
     * records (vector record ids follow from the document's).
     */
    @Override
    public void addVectors(List<PassageVector> vectors, long through) {
        synchronized (this) {
            List<BulkOperation> ops = new ArrayList<>();
            int dimension = dims;
            for (PassageVector v : vectors) {
                PendingPassage p = v.passage();
                if (dimension == 0) {
                    dimension = v.vector().length;
                } else if (v.vector().length != dimension) {
                    throw new IllegalStateException("the passage vectors do not fit the ones stored before ("
                            + v.vector().length + " dimensions, not " + dimension + "); an index holds the vectors of "
                            + "one embedding model: re-ingest into a new index to change it");
                }
                Known k = known.get(p.docId());
                if (k == null || k.seq0() != p.seq() - p.ordinal()) {
                    continue;
                }
                String key = key(p.docId());
                String rid = key + "/v" + p.ordinal();
                ObjectNode r = record(rid, "vec", p.docId());
                r.put("ordinal", p.ordinal());
                r.put("passage", k.passages() == 1 ? key : key + "/p" + p.ordinal());
                r.put("dims", v.vector().length);
                r.put("vec", unitVectorBytes(v.vector()));
                VectorFilters f = pendingFilters.get(p.seq());
                if (f != null) {
                    r.put("published", f.published());
                    r.put("plang", f.language());
                    if (f.host() != null) {
                        r.put("host", f.host());
                    }
                    if (f.authorKey() != null) {
                        r.put("authorKey", f.authorKey());
                    }
                }
                ops.add(BulkOperation.of(o -> o.index(i -> i.id(rid).document(r))));
            }
            bulk(ops, "store passage vectors");
            dims = dimension;
            embeddedSeq = Math.max(embeddedSeq, through);
        }
        pendingFilters.keySet().removeIf(seq -> seq <= through);
    }

    /** The vector scaled to length 1, as big-endian floats (the binary field's base64 in JSON). */
    private static byte[] unitVectorBytes(float[] v) {
        double norm = norm(v);
        ByteBuffer out = ByteBuffer.allocate(4 * v.length);
        for (float x : v) {
            out.putFloat(norm == 0 ? 0f : (float) (x / norm));
        }
        return out.array();
    }

    private static double norm(float[] v) {
        double sum = 0;
        for (float x : v) {
            sum += (double) x * x;
        }
        return Math.sqrt(sum);
    }

    /**
     * Exact nearest passages: cosine of the query and every vector record the filters leave (script score), then
     * the passages of the best ones. The score is the cosine similarity.
     */
    @Override
    public List<Hit> nearest(float[] query, SearchRequest request, int k) {
        int dimension = dims;
        if (dimension != 0 && query.length != dimension) {
            throw new IllegalArgumentException("the query vector has " + query.length + " dimensions, the stored passage "
                    + "vectors " + dimension + "; embed the query with the model the passages were embedded with");
        }
        double norm = norm(query);
        if (k < 1 || norm == 0) {
            return List.of();
        }
        List<Double> unit = new ArrayList<>(query.length);
        for (float x : query) {
            unit.add(x / norm);
        }
        List<Query> filters = new ArrayList<>();
        filters.add(term(TYPE, "vec"));
        addFilters(filters, request);
        Query candidates = bool(filters);
        Query q = Query.of(b -> b.scriptScore(s -> s.query(candidates)
                .script(sc -> sc.inline(i -> i.source(COSINE).params("q", JsonData.of(unit))))));
        SearchResponse<ObjectNode> response = call("search passage vectors", () -> client.search(s -> s.index(name).query(q)
                .size(Math.min(k, MAX_WINDOW)).trackTotalHits(t -> t.enabled(false))
                .source(includes(List.of(DOC_ID, "ordinal", "passage"))), ObjectNode.class));
        List<ObjectNode> best = new ArrayList<>();
        List<Float> scores = new ArrayList<>();
        Set<String> seen = new HashSet<>();
        for (var h : response.hits().hits()) {
            ObjectNode v = h.source();
            if (seen.add(v.path(DOC_ID).asText() + "#" + v.path("ordinal").asInt())) {
                best.add(v);
                scores.add(h.score() == null ? 0f : (float) (h.score() - 1));
            }
        }
        if (best.isEmpty()) {
            return List.of();
        }
        List<String> ids = best.stream().map(v -> v.path("passage").asText()).toList();
        Query passages = bool(List.of(term(TYPE, "passage"), Query.of(b -> b.ids(i -> i.values(ids)))));
        Map<String, ObjectNode> byId = new HashMap<>();
        call("read passages", () -> client.search(s -> s.index(name).query(passages).size(ids.size())
                .source(includes(PASSAGE_FIELDS)), ObjectNode.class)).hits().hits().forEach(h -> byId.put(h.id(), h.source()));
        List<Hit> hits = new ArrayList<>();
        for (int i = 0; i < best.size(); i++) {
            ObjectNode d = byId.get(best.get(i).path("passage").asText());
            if (d != null) { // null: the document was replaced meanwhile
                String body = d.path("body").asText();
                hits.add(new Hit(source(d), d.path("ordinal").asInt(), d.path("start").asInt(), d.path("end").asInt(),
                        d.path("plang").asText(), body, scores.get(i), body));
            }
        }
        return hits;
    }

    // ------------------------------------------------------------------------------------------------ helpers

    private static Source source(JsonNode d) {
        long published = d.path("published").asLong(Long.MIN_VALUE);
        return new Source(d.path(DOC_ID).asText(), zn(d.path("path").asText()), zn(d.path("url").asText()),
                zn(d.path("title").asText()), published == Long.MIN_VALUE ? null : Instant.ofEpochMilli(published),
                d.path("language").asText(null), d.path("cluster").asText(null));
    }

    private static boolean hasType(JsonNode d, String type) {
        JsonNode t = d.path(TYPE);
        if (t.isArray()) {
            for (JsonNode x : t) {
                if (x.asText().equals(type)) {
                    return true;
                }
            }
            return false;
        }
        return t.asText().equals(type);
    }

    private static Query term(String field, String value) {
        return Query.of(q -> q.term(t -> t.field(field).value(FieldValue.of(value))));
    }

    private static Query terms(String field, Collection<String> values) {
        List<FieldValue> v = values.stream().map(FieldValue::of).toList();
        return Query.of(q -> q.terms(t -> t.field(field).terms(f -> f.value(v))));
    }

    private static Query bool(List<Query> filters) {
        return Query.of(q -> q.bool(b -> b.filter(filters)));
    }

    private static SortOptions sort(String field, SortOrder order) {
        return SortOptions.of(s -> s.field(f -> f.field(field).order(order)));
    }

    private static SourceConfig includes(List<String> fields) {
        return SourceConfig.of(s -> s.filter(f -> f.includes(fields)));
    }

    private int count(Query q) {
        return (int) call("count records", () -> client.count(c -> c.index(name).query(q))).count();
    }

    /** The first record matching {@code q} (in {@code order}, when given), or null. */
    private ObjectNode first(Query q, List<String> fields, SortOptions order) {
        SearchResponse<ObjectNode> r = call("search", () -> client.search(s -> {
            s.index(name).query(q).size(1).trackTotalHits(t -> t.enabled(false)).source(includes(fields));
            return order == null ? s : s.sort(order);
        }, ObjectNode.class));
        return r.hits().hits().isEmpty() ? null : r.hits().hits().get(0).source();
    }

    /**
     * Every record matching {@code q}, page by page in a stable order ({@code search_after} on a unique sort key
     * last), so that any number of claims or documents can be read.
     */
    private void scan(Query q, List<String> fields, List<SortOptions> order, Consumer<ObjectNode> each) {
        List<FieldValue> after = null;
        while (true) {
            List<FieldValue> from = after;
            SearchResponse<ObjectNode> r = call("read records", () -> client.search(s -> {
                s.index(name).query(q).size(PAGE).sort(order).trackTotalHits(t -> t.enabled(false));
                if (fields != null) {
                    s.source(includes(fields));
                }
                return from == null ? s : s.searchAfter(from);
            }, ObjectNode.class));
            var hits = r.hits().hits();
            for (var h : hits) {
                each.accept(h.source());
            }
            if (hits.size() < PAGE) {
                return;
            }
            after = hits.get(hits.size() - 1).sort();
        }
    }

    private interface Call<T> {
        T run() throws IOException;
    }

    /**
     * Runs one request, turning failures into messages that say what to do: an unreachable cluster into
     * {@link Unavailable}, a refusal into the reason OpenSearch gave.
     */
    private <T> T call(String what, Call<T> call) {
        try {
            return call.run();
        } catch (OpenSearchException e) {
            throw new IllegalStateException("OpenSearch at " + url + " refused to " + what + " in index '" + name + "': "
                    + reason(e.error()), e);
        } catch (IOException e) {
            if (unreachable(e)) {
                throw new Unavailable("OpenSearch at " + url + " is not reachable (" + e.getMessage() + "); start "
                        + "OpenSearch or check --opensearch URL", e);
            }
            throw new UncheckedIOException("could not " + what + " at OpenSearch " + url + ": " + e.getMessage(), e);
        }
    }

    /** An error and what caused it ("all shards failed" says little; its root cause says why). */
    private static String reason(org.opensearch.client.opensearch._types.ErrorCause error) {
        StringBuilder out = new StringBuilder(error.type() + ": " + error.reason());
        Set<String> said = new HashSet<>(Set.of(out.toString()));
        List<org.opensearch.client.opensearch._types.ErrorCause> causes = new ArrayList<>(error.rootCause());
        for (var c = error.causedBy(); c != null; c = c.causedBy()) {
            causes.add(c);
        }
        for (var c : causes) {
            String s = c.type() + ": " + c.reason();
            if (said.add(s)) {
                out.append("; ").append(s);
            }
        }
        return out.toString();
    }

    private static boolean unreachable(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof ConnectException || t instanceof NoRouteToHostException || t instanceof UnknownHostException
                    || t instanceof org.apache.hc.core5.http.ConnectionClosedException) {
                return true;
            }
        }
        return false;
    }

    private static String nz(String s) {
        return s == null ? "" : s;
    }

    private static String zn(String s) {
        return s == null || s.isEmpty() ? null : s;
    }

    @Override
    public void close() {
        try {
            transport.close();
        } catch (IOException e) {
            throw new UncheckedIOException("could not close the OpenSearch client", e);
        }
    }
}
