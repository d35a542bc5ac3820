package io.veritas.index;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.veritas.extract.Alias;
import org.apache.hc.client5.http.impl.nio.PoolingAsyncClientConnectionManagerBuilder;
import org.apache.hc.core5.http.HttpHost;
import org.apache.lucene.analysis.Analyzer;
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
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.BiConsumer;
import java.util.function.Consumer;

import static io.veritas.index.Records.*;

/**
 * The backend in an OpenSearch cluster, for deployments that outgrow one machine: the same {@link Records} as the
 * embedded index, kept in one OpenSearch index. Records are told apart by {@code type} ({@code doc},
 * {@code passage}, {@code claim}, {@code alias}, {@code vec}, and one {@code meta} record with the commit data); all
 * records of a document have ids derived from its id, so a new version overwrites them and deletes the ones it no
 * longer has in the same {@code _bulk} request, without waiting for a refresh (a delete-by-query would not see
 * records added since the last one).
 *
 * <p>Text analysis stays in Veritas: a passage is indexed as the tokens of {@link Analysis} joined by spaces
 * ({@code tokens}, split again by OpenSearch's {@code whitespace} analyzer) and a {@link QueryPlan}'s tokens become
 * term queries on them, so a cluster needs no Chinese analysis plugin and BM25 sees the very terms the embedded
 * index sees. With one shard the statistics are those of the whole corpus too, so scores equal the embedded index's.
 *
 * <p>Passage vectors are exact: each is a {@code vec} record holding the unit vector as big-endian floats in a
 * {@code binary} field with doc values, scored by a Painless {@code script_score} (cosine as a dot product of
 * unit vectors) over the records the filters leave. That runs on any OpenSearch, including the plugin-free
 * integration-test distribution the tests start, but it reads every candidate vector per query; with the k-NN
 * plugin an approximate {@code knn_vector} (HNSW) field would be the scalable choice for millions of passages.
 */
public final class OpenSearchIndex implements Backend {
    static final int SCHEMA_VERSION = 3; // 3: one record layout for both backends (claim keys, named offsets)

    /** Every record's own id again, as a sortable field (sorting on {@code _id} is disabled by default). */
    private static final String RID = "rid";
    /** A passage's analysed tokens, searched and never shown. */
    private static final String TOKENS = "tokens";
    /** The id of the metadata record; document record ids start with "d:" or "h:" and cannot collide. */
    private static final String META_ID = "veritas:meta";
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
    private static final List<String> PASSAGE_FIELDS = List.of(DOC_ID, PATH, URL, TITLE, PUBLISHED, LANGUAGE,
            CLUSTER, ORDINAL, START, END, PASSAGE_LANGUAGE, BODY);

    private static final ObjectMapper JSON = new ObjectMapper();

    private final String url;
    private final String name;
    private final ApacheHttpClient5Transport transport;
    private final OpenSearchClient client;
    private final Analyzer analyzer = Analysis.analyzer();
    /** Chinese word segmentation beside the bigrams (analysis smartcn), done here like the rest; null when off. */
    private final Analyzer words;
    /** Dimension of the stored vectors; 0 while there are none. */
    private volatile int dims;
    private DocumentBook.CommitData committed = new DocumentBook.CommitData(0, 0, 0);
    /** False for a process that only asks and searches. */
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
     * {@code indexName}, creating it when missing. Fails with {@link Index.Unavailable} when the cluster cannot be
     * reached or the index was not made by this version of Veritas.
     */
    public static Index open(String url, String indexName) {
        return open(url, indexName, true, false);
    }

    /** Opens for writing; {@code words}: also index Chinese passages segmented into words (smartcn). */
    public static Index open(String url, String indexName, boolean words) {
        return open(url, indexName, true, words);
    }

    /**
     * Opens the index for questions and searches only (no bookkeeping of known documents is loaded, so this is
     * quick on a large index); it must exist already.
     */
    public static Index openForReading(String url, String indexName, boolean words) {
        return open(url, indexName, false, words);
    }

    private static Index open(String url, String indexName, boolean writable, boolean words) {
        URI uri;
        try {
            uri = URI.create(url.strip());
        } catch (IllegalArgumentException e) {
            throw new Index.Unavailable("the OpenSearch URL '" + url + "' is not a URL; give one like http://127.0.0.1:9200 "
                    + "(--opensearch URL)", e);
        }
        if (uri.getHost() == null || uri.getScheme() == null
                || !(uri.getScheme().equals("http") || uri.getScheme().equals("https"))) {
            throw new Index.Unavailable("the OpenSearch URL '" + url + "' needs http:// or https://, a host and a port, like "
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
        OpenSearchIndex backend = new OpenSearchIndex(url.strip(), indexName, builder.build(), writable, words);
        try {
            backend.init();
            return DocumentIndex.open(backend, words);
        } catch (RuntimeException e) {
            backend.close();
            throw e;
        }
    }

    private void init() {
        call("connect", () -> client.info());
        if (!writable && !call("look up the index", () -> client.indices().exists(e -> e.index(name))).value()) {
            throw new Index.Unavailable("there is no index '" + name + "' at " + url + "; ingest documents first: ./veritas ingest "
                    + "--backend opensearch --opensearch " + url + " PATH...", null);
        }
        ensureIndex();
        ObjectNode meta = call("read the commit data", () -> client.get(g -> g.index(name).id(META_ID), ObjectNode.class)).source();
        if (meta != null) {
            committed = new DocumentBook.CommitData(meta.path("journalSeq").asLong(), meta.path("nextSeq").asLong(),
                    meta.path("embeddedSeq").asLong());
        }
        if (writable) {
            refresh(); // what an earlier process wrote after its last commit is durable already: make it searchable
        }
        ObjectNode vec = first(term(TYPE, VECTOR), List.of("dims"), null);
        dims = vec == null ? 0 : vec.path("dims").asInt();
    }

    @Override
    public boolean writable() {
        return writable;
    }

    /** Creates the index with its mapping, or checks that an existing one is a Veritas index of this schema. */
    private void ensureIndex() {
        boolean exists = call("look up the index", () -> client.indices().exists(e -> e.index(name))).value();
        if (exists) {
            Map<String, JsonData> meta = call("read the mapping", () -> client.indices().getMapping(m -> m.index(name)))
                    .result().values().iterator().next().mappings().meta();
            JsonData schema = meta == null ? null : meta.get("veritasSchema");
            if (schema == null) {
                throw new Index.Unavailable("the index '" + name + "' at " + url + " was not made by Veritas; choose another "
                        + "name (--opensearch-index)", null);
            }
            if (schema.to(Integer.class) != SCHEMA_VERSION) {
                throw new Index.Unavailable("the index '" + name + "' at " + url + " has the layout of another Veritas version ("
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
                            .source(src -> src.excludes(TOKENS, Analysis.WORDS_FIELD, VECTOR))
                            .properties(TYPE, keyword).properties(DOC_ID, keyword).properties(RID, keyword)
                            .properties(SEQ, longNumber).properties(SEQ0, longNumber)
                            .properties(ORDINAL, Property.of(p -> p.integer(i -> i)))
                            .properties(PUBLISHED, longNumber)
                            .properties(PASSAGE_LANGUAGE, keyword).properties(HOST, keyword).properties(AUTHOR_KEY, keyword)
                            .properties(AMOUNT, keyword).properties(CLAIM_KEY, keyword)
                            .properties(TOKENS, Property.of(p -> p.text(t -> t.analyzer("whitespace")
                                    .indexOptions(IndexOptions.Freqs))))
                            .properties(Analysis.WORDS_FIELD, Property.of(p -> p.text(t -> t.analyzer("whitespace")
                                    .indexOptions(IndexOptions.Freqs))))
                            .properties(SUBJECT, keyword).properties(ATTRIBUTE, keyword).properties(QUALIFIER, keyword)
                            .properties(VECTOR, Property.of(p -> p.binary(b -> b.docValues(true)))))));
        } catch (IllegalStateException e) {
            String message = String.valueOf(e.getMessage());
            if (message.contains("invalid_index_name_exception")) {
                throw new Index.Unavailable(message + "; choose another name (--opensearch-index)", e);
            }
            if (!message.contains("resource_already_exists_exception")) {
                throw e;
            }
            ensureIndex(); // another process created it meanwhile
        }
    }


    // ------------------------------------------------------------------------------------------------ opening

    @Override
    public void forEachDocument(Consumer<StoredDocument> each) {
        scan(term(TYPE, DOC), List.of(DOC_ID, HASH, PATH, SIMHASH, CLUSTER, SEQ0, PASSAGES, CLAIMS, ALIASES),
                List.of(sort(RID, SortOrder.Asc)), d -> {
                    Fields f = fields(d);
                    each.accept(new StoredDocument(f.text(DOC_ID), f.text(HASH), f.number(SIMHASH), f.number(SEQ0),
                            f.text(CLUSTER), (int) f.number(PASSAGES), (int) f.number(CLAIMS), (int) f.number(ALIASES),
                            f.text(PATH)));
                });
    }

    @Override
    public void forEachAlias(BiConsumer<String, Alias> each) {
        scan(term(TYPE, ALIAS), List.of(DOC_ID, ALIAS_A, ALIAS_B, ALIAS_TYPE), List.of(sort(RID, SortOrder.Asc)),
                d -> each.accept(d.path(DOC_ID).asText(), Records.alias(fields(d))));
    }

    @Override
    public DocumentBook.CommitData commitData() {
        return committed;
    }

    /** Passages written after the last commit are kept by OpenSearch (unlike uncommitted Lucene documents). */
    @Override
    public long highestPassageSeq() {
        ObjectNode last = first(term(TYPE, PASSAGE), List.of(SEQ), sort(SEQ, SortOrder.Desc));
        return last == null ? 0 : last.path(SEQ).asLong();
    }

    // ------------------------------------------------------------------------------------------------ writing

    /** One {@code _bulk} request: the new version's records, and deletes of the old ones it does not overwrite. */
    @Override
    public void write(DocumentBook.Admission admission, Version v) {
        requireWritable();
        String key = key(v.docId());
        Map<String, ObjectNode> records = new LinkedHashMap<>();
        if (v.singlePassage()) {
            ObjectNode both = passageRecord(key, v.passages().get(0));
            both.putArray(TYPE).add(DOC).add(PASSAGE);
            addDocFields(both, v.doc());
            records.put(key, both);
        } else {
            ObjectNode doc = record(key, DOC, v.docId());
            addSource(doc, v.doc().source());
            addDocFields(doc, v.doc());
            records.put(key, doc);
            for (PassageRecord p : v.passages()) {
                records.put(key + "/p" + p.ordinal(), passageRecord(key + "/p" + p.ordinal(), p));
            }
        }
        for (ClaimRecord c : v.claims()) {
            records.put(key + "/c" + c.ordinal(), claimRecord(key + "/c" + c.ordinal(), c));
        }
        for (int i = 0; i < v.aliases().size(); i++) {
            Alias a = v.aliases().get(i);
            ObjectNode r = record(key + "/a" + i, ALIAS, v.docId());
            r.put(ALIAS_A, a.a());
            r.put(ALIAS_B, a.b());
            r.put(ALIAS_TYPE, a.type());
            records.put(key + "/a" + i, r);
        }
        List<BulkOperation> ops = new ArrayList<>();
        if (admission.previous() != null) {
            for (String id : recordIds(key, admission.previous())) {
                if (!records.containsKey(id)) {
                    ops.add(BulkOperation.of(o -> o.delete(d -> d.id(id))));
                }
            }
        }
        if (admission.replacedKnown() != null) {
            for (String id : recordIds(key(admission.replaced()), admission.replacedKnown())) {
                ops.add(BulkOperation.of(o -> o.delete(d -> d.id(id))));
            }
        }
        records.forEach((id, r) -> ops.add(BulkOperation.of(o -> o.index(i -> i.id(id).document(r)))));
        String shown = v.docId().length() > 200 ? v.docId().substring(0, 200) + "…" : v.docId();
        bulk(ops, "index " + shown);
    }

    /** The ids of every record a stored version of a document has, its passage vectors included. */
    private static List<String> recordIds(String key, DocumentBook.Known k) {
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
        for (int i = 0; i < k.aliasRecords(); i++) {
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

    private static ObjectNode record(String rid, String type, String docId) {
        ObjectNode r = JSON.createObjectNode();
        r.put(TYPE, type);
        r.put(DOC_ID, docId);
        r.put(RID, rid);
        return r;
    }

    private static void addDocFields(ObjectNode r, DocRecord d) {
        r.put(SEQ0, d.seq0());
        r.put(HASH, d.hash());
        r.put(AUTHOR, nz(d.author()));
        if (!d.meta().isEmpty()) {
            r.set(META, JSON.valueToTree(d.meta()));
        }
        r.put(SIMHASH, d.simHash());
        r.put(PASSAGES, d.passages());
        r.put(CLAIMS, d.claims());
        r.put(ALIASES, d.aliases());
    }

    private ObjectNode passageRecord(String rid, PassageRecord p) {
        ObjectNode r = record(rid, PASSAGE, p.source().docId());
        addSource(r, p.source());
        r.put(SEQ, p.seq());
        r.put(ORDINAL, p.ordinal());
        r.put(START, p.start());
        r.put(END, p.end());
        r.put(PASSAGE_LANGUAGE, p.language());
        r.put(BODY, p.body());
        r.put(TOKENS, String.join(" ", QueryPlan.tokens(analyzer, p.body(), Integer.MAX_VALUE)));
        if (words != null && Analysis.hasChinese(p.body())) {
            r.put(Analysis.WORDS_FIELD, String.join(" ", Analysis.wordTokens(words, p.body(), Integer.MAX_VALUE)));
        }
        if (p.host() != null) {
            r.put(HOST, p.host());
        }
        if (p.authorKey() != null) {
            r.put(AUTHOR_KEY, p.authorKey());
        }
        if (!p.amounts().isEmpty()) {
            ArrayNode amounts = r.putArray(AMOUNT);
            p.amounts().forEach(amounts::add);
        }
        return r;
    }

    private static ObjectNode claimRecord(String rid, ClaimRecord cr) {
        var c = cr.claim();
        ObjectNode r = record(rid, CLAIM, cr.source().docId());
        addSource(r, cr.source());
        r.put(CLAIM_KEY, cr.key());
        r.put(SUBJECT, c.subject());
        r.put(SUBJECT_AS, c.subjectAs());
        r.put(ATTRIBUTE, c.attribute());
        r.put(QUALIFIER, nz(c.qualifier()));
        r.put(VALUE, c.value());
        r.put(CURRENCY, c.currency());
        r.put(PERIOD, nz(c.period()));
        r.put(BOUND, c.bound());
        r.put(AS_OF, c.asOf() == null ? "" : c.asOf().toString());
        r.put(DATED, c.dated() ? 1 : 0);
        r.put(MODALITY, c.modality());
        r.put(QUOTE_START, c.quote().start());
        r.put(QUOTE_END, c.quote().end());
        r.put(FIGURE_START, c.figure().start());
        r.put(FIGURE_END, c.figure().end());
        r.put(QUOTE, cr.quote());
        r.put(FIGURE, cr.figure());
        return r;
    }

    private static void addSource(ObjectNode r, SourceFields s) {
        r.put(CLUSTER, s.cluster());
        r.put(PATH, nz(s.path()));
        r.put(URL, nz(s.url()));
        r.put(TITLE, nz(s.title()));
        r.put(LANGUAGE, s.language()); // passages filter on their own "plang"
        r.put(PUBLISHED, s.published());
    }

    @Override
    public void writeVectors(List<VectorRecord> vectors) {
        List<BulkOperation> ops = new ArrayList<>();
        int dimension = dims;
        for (VectorRecord v : vectors) {
            if (dimension == 0) {
                dimension = v.vector().length;
            } else if (v.vector().length != dimension) {
                throw new IllegalStateException("the passage vectors do not fit the ones stored before ("
                        + v.vector().length + " dimensions, not " + dimension + "); an index holds the vectors of "
                        + "one embedding model: re-ingest into a new index to change it");
            }
            String key = key(v.docId());
            String rid = key + "/v" + v.ordinal();
            ObjectNode r = record(rid, VECTOR, v.docId());
            r.put(ORDINAL, v.ordinal());
            r.put(PASSAGE, v.singlePassage() ? key : key + "/p" + v.ordinal());
            r.put("dims", v.vector().length);
            r.put(VECTOR, unitVectorBytes(v.vector()));
            VectorFilters f = v.filters();
            if (f != null) {
                r.put(PUBLISHED, f.published());
                r.put(PASSAGE_LANGUAGE, f.language());
                if (f.host() != null) {
                    r.put(HOST, f.host());
                }
                if (f.authorKey() != null) {
                    r.put(AUTHOR_KEY, f.authorKey());
                }
            }
            ops.add(BulkOperation.of(o -> o.index(i -> i.id(rid).document(r))));
        }
        bulk(ops, "store passage vectors");
        dims = dimension;
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
     * Writes the commit data (journal sequence number, passage numbering, embedder mark) into the metadata record,
     * then refreshes and flushes. Every record was durable once its {@code _bulk} returned (OpenSearch's
     * translog); the commit data is what a restart resumes from.
     */
    @Override
    public void commit(DocumentBook.CommitData data) {
        requireWritable();
        ObjectNode meta = JSON.createObjectNode();
        meta.put(TYPE, "meta");
        meta.put(RID, META_ID);
        meta.put("journalSeq", data.journalSeq());
        meta.put("nextSeq", data.nextSeq());
        meta.put("embeddedSeq", data.embeddedSeq());
        call("write the commit data", () -> client.index(i -> i.index(name).id(META_ID).document(meta)));
        refresh();
        call("flush the index", () -> client.indices().flush(f -> f.index(name)));
        committed = data;
    }

    @Override
    public void refresh() {
        call("refresh the index", () -> client.indices().refresh(r -> r.index(name)));
    }

    @Override
    public int writers() {
        return 16; // writes are round trips to the cluster: more of them in flight than there are cores keeps it busy
    }

    // ------------------------------------------------------------------------------------------------ searching

    /** The plan over the client-side tokens, clause for clause as {@link LuceneIndex} runs it. */
    @Override
    public List<Hit> search(QueryPlan plan) {
        List<Query> should = new ArrayList<>();
        if (!plan.own().isEmpty()) {
            should.add(anyToken(TOKENS, plan.own(), 1f));
        }
        if (!plan.words().isEmpty()) {
            should.add(anyToken(Analysis.WORDS_FIELD, plan.words(), QueryPlan.WORDS_BOOST));
        }
        for (List<String> term : plan.terms()) {
            Query all = allTokens(term);
            should.add(Query.of(b -> b.bool(x -> x.must(all).boost(QueryPlan.EXPANSION_BOOST))));
        }
        for (String amount : plan.amounts()) {
            should.add(Query.of(b -> b.term(t -> t.field(AMOUNT).value(FieldValue.of(amount)).boost(QueryPlan.AMOUNT_BOOST))));
        }
        for (List<QueryPlan.Alternative> word : plan.translated()) {
            List<Query> any = new ArrayList<>();
            for (QueryPlan.Alternative a : word) {
                Query all = allTokens(a.tokens());
                any.add(Query.of(b -> b.bool(x -> x.must(all).boost(a.weight()))));
            }
            should.add(Query.of(b -> b.disMax(d -> d.queries(any).tieBreaker(0f).boost(QueryPlan.TRANSLATION_BOOST))));
        }
        for (List<List<String>> names : plan.entities()) {
            List<Query> anyName = new ArrayList<>();
            for (List<String> name : names) {
                anyName.add(allTokens(name));
            }
            should.add(Query.of(b -> b.bool(x -> x.should(anyName).boost(QueryPlan.ENTITY_BOOST))));
        }
        List<Query> filters = new ArrayList<>();
        filters.add(term(TYPE, PASSAGE));
        addFilters(filters, plan.filters());
        String mustMatch = plan.filters().docId() == null ? "1" : "0"; // within one document, every passage (as LuceneIndex)
        Query q = Query.of(b -> b.bool(x -> x.filter(filters).should(should).minimumShouldMatch(mustMatch)));
        SearchResponse<ObjectNode> response = call("search", () -> client.search(s -> s.index(name).query(q)
                .size(Math.min(MAX_WINDOW, plan.fetch())).trackTotalHits(t -> t.enabled(false)).source(includes(PASSAGE_FIELDS)),
                ObjectNode.class));
        List<Hit> hits = new ArrayList<>();
        for (var h : response.hits().hits()) {
            hits.add(Records.hit(fields(h.source()), h.score() == null ? 0f : h.score().floatValue()));
        }
        return hits;
    }

    private static Query anyToken(String field, List<String> tokens, float boost) {
        List<Query> clauses = new ArrayList<>();
        for (String t : tokens) {
            clauses.add(term(field, t));
        }
        return Query.of(q -> q.bool(b -> b.should(clauses).boost(boost)));
    }

    private static Query allTokens(List<String> tokens) {
        List<Query> clauses = new ArrayList<>();
        for (String t : tokens) {
            clauses.add(term(TOKENS, t));
        }
        return Query.of(q -> q.bool(b -> b.must(clauses)));
    }

    private static void addFilters(List<Query> filters, QueryPlan.Filters f) {
        if (f.timed()) {
            filters.add(Query.of(q -> q.range(r -> r.field(PUBLISHED).gte(JsonData.of(f.fromMillis())).lte(JsonData.of(f.toMillis())))));
        }
        if (f.language() != null) {
            filters.add(term(PASSAGE_LANGUAGE, f.language()));
        }
        if (f.host() != null) {
            filters.add(term(HOST, f.host()));
        }
        if (f.authorKey() != null) {
            filters.add(term(AUTHOR_KEY, f.authorKey()));
        }
        if (f.docId() != null) {
            filters.add(term(DOC_ID, f.docId()));
        }
    }

    /**
     * Exact nearest passages: cosine of the query and every vector record the filters leave (script score), then
     * the passages of the best ones. The score is the cosine similarity.
     */
    @Override
    public List<Hit> nearest(float[] query, QueryPlan.Filters filterFields, int k) {
        int dimension = dims;
        if (dimension != 0 && query.length != dimension) {
            throw new IllegalArgumentException("the query vector has " + query.length + " dimensions, the stored passage "
                    + "vectors " + dimension + "; embed the query with the model the passages were embedded with");
        }
        double norm = norm(query);
        if (norm == 0) {
            return List.of();
        }
        List<Double> unit = new ArrayList<>(query.length);
        for (float x : query) {
            unit.add(x / norm);
        }
        List<Query> filters = new ArrayList<>();
        filters.add(term(TYPE, VECTOR));
        addFilters(filters, filterFields);
        Query candidates = bool(filters);
        Query q = Query.of(b -> b.scriptScore(s -> s.query(candidates)
                .script(sc -> sc.inline(i -> i.source(COSINE).params("q", JsonData.of(unit))))));
        SearchResponse<ObjectNode> response = call("search passage vectors", () -> client.search(s -> s.index(name).query(q)
                .size(Math.min(k, MAX_WINDOW)).trackTotalHits(t -> t.enabled(false))
                .source(includes(List.of(DOC_ID, ORDINAL, PASSAGE))), ObjectNode.class));
        List<ObjectNode> best = new ArrayList<>();
        List<Float> scores = new ArrayList<>();
        Set<String> seen = new HashSet<>();
        for (var h : response.hits().hits()) {
            ObjectNode v = h.source();
            if (seen.add(v.path(DOC_ID).asText() + "#" + v.path(ORDINAL).asInt())) {
                best.add(v);
                scores.add(h.score() == null ? 0f : (float) (h.score() - 1));
            }
        }
        if (best.isEmpty()) {
            return List.of();
        }
        List<String> ids = best.stream().map(v -> v.path(PASSAGE).asText()).toList();
        Query passages = bool(List.of(term(TYPE, PASSAGE), Query.of(b -> b.ids(i -> i.values(ids)))));
        Map<String, ObjectNode> byId = new HashMap<>();
        call("read passages", () -> client.search(s -> s.index(name).query(passages).size(ids.size())
                .source(includes(PASSAGE_FIELDS)), ObjectNode.class)).hits().hits().forEach(h -> byId.put(h.id(), h.source()));
        List<Hit> hits = new ArrayList<>();
        for (int i = 0; i < best.size(); i++) {
            ObjectNode d = byId.get(best.get(i).path(PASSAGE).asText());
            if (d != null) { // null: the document was replaced meanwhile
                hits.add(Records.hit(fields(d), scores.get(i)));
            }
        }
        return hits;
    }

    private static Query claimQuery(ClaimQuery q) {
        List<Query> filters = new ArrayList<>(List.of(term(TYPE, CLAIM)));
        if (q.subjects() != null) {
            filters.add(terms(SUBJECT, q.subjects()));
        }
        if (q.attribute() != null) {
            filters.add(term(ATTRIBUTE, q.attribute()));
        }
        if (q.qualifier() != null) {
            filters.add(term(QUALIFIER, q.qualifier()));
        }
        return bool(filters);
    }

    @Override
    public List<ClaimHit> claims(ClaimQuery query) {
        List<ClaimHit> out = new ArrayList<>();
        scan(claimQuery(query), null, List.of(sort(PUBLISHED, SortOrder.Desc), sort(CLAIM_KEY, SortOrder.Asc)), query.max(),
                d -> out.add(Records.claim(fields(d))));
        return out;
    }

    @Override
    public long countClaims(ClaimQuery query) {
        return count(claimQuery(query));
    }

    @Override
    public List<Pending> pending(long from, long through, int max) {
        int size = Math.min(max, MAX_WINDOW);
        Query q = bool(List.of(term(TYPE, PASSAGE),
                Query.of(b -> b.range(r -> r.field(SEQ).gte(JsonData.of(from + 1)).lte(JsonData.of(through))))));
        SearchResponse<ObjectNode> response = call("list passages without vectors", () -> client.search(s -> s.index(name)
                .query(q).size(size).sort(sort(SEQ, SortOrder.Asc)).trackTotalHits(t -> t.enabled(false))
                .source(includes(List.of(DOC_ID, ORDINAL, SEQ, BODY, PUBLISHED, PASSAGE_LANGUAGE, HOST, AUTHOR_KEY))),
                ObjectNode.class));
        List<Pending> out = new ArrayList<>();
        for (var h : response.hits().hits()) {
            Fields f = fields(h.source());
            out.add(new Pending(new Index.PendingPassage(f.text(DOC_ID), (int) f.number(ORDINAL), f.number(SEQ), f.text(BODY)),
                    new VectorFilters(f.number(PUBLISHED), f.text(PASSAGE_LANGUAGE), zn(f.text(HOST)), zn(f.text(AUTHOR_KEY)))));
        }
        return out;
    }

    // ------------------------------------------------------------------------------------------------ reading

    @Override
    public Index.DocumentInfo documentInfo(String id) {
        ObjectNode d = call("read " + id, () -> client.get(g -> g.index(name).id(key(id)), ObjectNode.class)).source();
        if (d == null || !hasType(d, DOC)) {
            return null;
        }
        Map<String, String> meta = new LinkedHashMap<>();
        d.path(META).properties().forEach(e -> meta.put(e.getKey(), e.getValue().asText()));
        return new Index.DocumentInfo(Records.source(fields(d)), zn(d.path(AUTHOR).asText()), Collections.unmodifiableMap(meta));
    }

    @Override
    public int documentRecords(String id) {
        return count(bool(List.of(term(TYPE, DOC), term(DOC_ID, id))));
    }

    @Override
    public int count(String type) {
        return count(term(TYPE, type));
    }

    /** Stored fields of a record's source; a missing text reads as null, a missing number as 0. */
    private static Fields fields(JsonNode d) {
        return new Fields() {
            @Override
            public String text(String field) {
                JsonNode v = d.get(field);
                return v == null || v.isNull() ? null : v.asText();
            }

            @Override
            public long number(String field) {
                JsonNode v = d.get(field);
                return v == null ? 0 : v.isBoolean() ? (v.asBoolean() ? 1 : 0) : v.asLong();
            }

            @Override
            public double decimal(String field) {
                JsonNode v = d.get(field);
                return v == null ? 0 : v.asDouble();
            }
        };
    }

    // ------------------------------------------------------------------------------------------------ requests

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


    // ------------------------------------------------------------------------------------------------ helpers

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
        scan(q, fields, order, Integer.MAX_VALUE, each);
    }

    /** The first {@code max} records matching {@code q} in {@code order}, page by page. */
    private void scan(Query q, List<String> fields, List<SortOptions> order, int max, Consumer<ObjectNode> each) {
        List<FieldValue> after = null;
        int seen = 0;
        while (seen < max) {
            List<FieldValue> from = after;
            int page = Math.min(PAGE, max - seen);
            SearchResponse<ObjectNode> r = call("read records", () -> client.search(s -> {
                s.index(name).query(q).size(page).sort(order).trackTotalHits(t -> t.enabled(false));
                if (fields != null) {
                    s.source(includes(fields));
                }
                return from == null ? s : s.searchAfter(from);
            }, ObjectNode.class));
            var hits = r.hits().hits();
            for (var h : hits) {
                each.accept(h.source());
            }
            seen += hits.size();
            if (hits.size() < page) {
                return;
            }
            after = hits.get(hits.size() - 1).sort();
        }
    }

    private void requireWritable() {
        if (!writable) {
            throw new IllegalStateException("this index was opened read-only");
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
                throw new Index.Unavailable("OpenSearch at " + url + " is not reachable (" + e.getMessage() + "); start "
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


    @Override
    public void close() {
        try {
            transport.close();
        } catch (IOException e) {
            throw new UncheckedIOException("could not close the OpenSearch client", e);
        }
    }
}
