package io.veritas.index;

import io.veritas.extract.Alias;
import io.veritas.extract.Claim;
import io.veritas.extract.Extraction;
import io.veritas.extract.Quantity;
import io.veritas.text.Document;
import io.veritas.text.Passage;
import io.veritas.text.Script;
import io.veritas.text.Span;

import java.net.URI;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * What the index stores, in a form that belongs to no backend: one {@link Version} per document version, made of
 * a document record, its passages, its claims and the aliases it teaches, each with the values of its fields.
 * Field names are the constants here; {@link LuceneIndex} and {@link OpenSearchIndex} only translate records to
 * their clients, and decode what they read through {@link Fields} with the same code.
 */
final class Records {
    static final String TYPE = "type";
    static final String DOC_ID = "docId";
    static final String PATH = "path";
    static final String URL = "url";
    static final String TITLE = "title";
    static final String LANGUAGE = "language";
    static final String PUBLISHED = "published";
    static final String CLUSTER = "cluster";
    static final String SEQ = "seq";
    static final String SEQ0 = "seq0";
    static final String ORDINAL = "ordinal";
    static final String START = "start";
    static final String END = "end";
    static final String PASSAGE_LANGUAGE = "plang";
    static final String BODY = "body";
    static final String HOST = "host";
    static final String AUTHOR = "author";
    static final String AUTHOR_KEY = "authorKey";
    static final String AMOUNT = "amount";
    static final String HASH = "hash";
    static final String SIMHASH = "simhash";
    static final String META = "meta";
    static final String PASSAGES = "passages";
    static final String CLAIMS = "claims";
    static final String ALIASES = "aliases";
    static final String CLAIM_KEY = "claimKey";
    static final String SUBJECT = "subject";
    static final String SUBJECT_AS = "subjectAs";
    static final String ATTRIBUTE = "attribute";
    static final String QUALIFIER = "qualifier";
    static final String VALUE = "value";
    static final String CURRENCY = "currency";
    static final String PERIOD = "period";
    static final String BOUND = "bound";
    static final String AS_OF = "asOf";
    static final String DATED = "dated";
    static final String MODALITY = "modality";
    static final String QUOTE_START = "quoteStart";
    static final String QUOTE_END = "quoteEnd";
    static final String FIGURE_START = "figureStart";
    static final String FIGURE_END = "figureEnd";
    static final String QUOTE = "quote";
    static final String FIGURE = "figure";
    static final String ALIAS_A = "a";
    static final String ALIAS_B = "b";
    static final String ALIAS_TYPE = "aliasType";
    static final String VECTOR = "vec";

    /** Record types. */
    static final String DOC = "doc";
    static final String PASSAGE = "passage";
    static final String CLAIM = "claim";
    static final String ALIAS = "alias";

    /** A published time that means "none" (sorts before every date). */
    static final long UNDATED = Long.MIN_VALUE;

    private Records() {
    }

    /** Where a record comes from; repeated on passages and claims so a hit needs no second read. */
    record SourceFields(String docId, String path, String url, String title, String language, long published, String cluster) {
    }

    record DocRecord(SourceFields source, long seq0, String hash, String author, Map<String, String> meta, long simHash,
                     int passages, int claims, int aliases) {
    }

    record PassageRecord(SourceFields source, int ordinal, long seq, int start, int end, String language, String body,
                         String host, String authorKey, List<String> amounts) {
    }

    record ClaimRecord(SourceFields source, int ordinal, String key, Claim claim, String quote, String figure) {
    }

    /** One version of a document: everything an upsert writes, replacing what the previous version wrote. */
    record Version(DocRecord doc, List<PassageRecord> passages, List<ClaimRecord> claims, List<Alias> aliases) {
        /** A post is one passage: one record serves as both document and passage (half the records to index). */
        boolean singlePassage() {
            return passages.size() == 1;
        }

        String docId() {
            return doc.source().docId();
        }
    }

    /** The records of a document version admitted by the bookkeeping. */
    static Version version(Document doc, Extraction extraction, DocumentBook.Known known) {
        SourceFields source = source(doc, known.cluster());
        String host = host(doc.url());
        String authorKey = doc.author() == null || doc.author().isBlank() ? null : filterKey(doc.author());
        List<PassageRecord> passages = new ArrayList<>(doc.passages().size());
        for (Passage p : doc.passages()) {
            List<String> amounts = new ArrayList<>();
            for (Quantity q : extraction.amounts()) {
                if (q.start() >= p.span().start() && q.end() <= p.span().end()) {
                    amounts.add(QueryExpander.amountToken(q.currency(), q.value()));
                }
            }
            passages.add(new PassageRecord(source, p.ordinal(), known.seq0() + p.ordinal(), p.span().start(), p.span().end(),
                    p.language(), doc.slice(p.span()), host, authorKey, List.copyOf(amounts)));
        }
        List<ClaimRecord> claims = claims(doc, source, extraction.claims());
        DocRecord record = new DocRecord(source, known.seq0(), doc.contentHash(), doc.author(), doc.meta(), known.simHash(),
                doc.passages().size(), claims.size(), extraction.aliases().size());
        return new Version(record, List.copyOf(passages), List.copyOf(claims), extraction.aliases());
    }

    /** The claim records of a document's claims. */
    static List<ClaimRecord> claims(Document doc, SourceFields source, List<Claim> claims) {
        List<ClaimRecord> out = new ArrayList<>(claims.size());
        for (int i = 0; i < claims.size(); i++) {
            Claim c = claims.get(i);
            out.add(new ClaimRecord(source, i, claimKey(doc.id(), i), c, doc.slice(c.quote()), doc.slice(c.figure())));
        }
        return List.copyOf(out);
    }

    static SourceFields source(Document doc, String cluster) {
        return new SourceFields(doc.id(), doc.path(), doc.url(), doc.title(), doc.language(),
                doc.published() == null ? UNDATED : doc.published().toEpochMilli(), cluster);
    }

    /** Claims sort by document and position within it: a total order that ingest order cannot change. */
    static String claimKey(String docId, int ordinal) {
        return docId + "\u0000" + String.format(Locale.ROOT, "%06d", ordinal);
    }

    /** The host of a URL without "www.", lower case ("news.example.com"), or null. */
    static String host(String url) {
        if (url == null) {
            return null;
        }
        try {
            String h = URI.create(url.strip()).getHost();
            return h == null ? null : normalHost(h);
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    private static final java.util.regex.Pattern SPACES = java.util.regex.Pattern.compile("\\s+");

    /** A host as filters compare it: lower case, without "www.". */
    static String normalHost(String host) {
        String h = host.toLowerCase(Locale.ROOT);
        return h.startsWith("www.") ? h.substring(4) : h;
    }

    /** How author names are compared: folded, spaces and a leading @ ignored. */
    static String filterKey(String author) {
        String k = Script.fold(author.strip());
        return SPACES.matcher(k.startsWith("@") ? k.substring(1) : k).replaceAll(" ");
    }

    static long hash64(String hex) {
        return Long.parseUnsignedLong(hex.substring(0, 16), 16);
    }

    static String nz(String s) {
        return s == null ? "" : s;
    }

    static String zn(String s) {
        return s == null || s.isEmpty() ? null : s;
    }

    // ------------------------------------------------------------------------------------------------ reading

    /** Stored fields of one record, however a backend holds them. */
    interface Fields {
        /** The field's text; null when the record has none. */
        String text(String name);

        long number(String name);

        double decimal(String name);
    }

    static Source source(Fields f) {
        long published = f.number(PUBLISHED);
        return new Source(f.text(DOC_ID), zn(f.text(PATH)), zn(f.text(URL)), zn(f.text(TITLE)),
                published == UNDATED ? null : Instant.ofEpochMilli(published), f.text(LANGUAGE), f.text(CLUSTER));
    }

    static Hit hit(Fields f, float score) {
        return new Hit(source(f), (int) f.number(ORDINAL), (int) f.number(START), (int) f.number(END),
                f.text(PASSAGE_LANGUAGE), f.text(BODY), score);
    }

    static ClaimHit claim(Fields f) {
        String asOf = f.text(AS_OF);
        Claim c = new Claim(f.text(DOC_ID), f.text(SUBJECT), f.text(SUBJECT_AS), f.text(ATTRIBUTE), zn(f.text(QUALIFIER)),
                f.decimal(VALUE), f.text(CURRENCY), zn(f.text(PERIOD)), f.text(BOUND),
                asOf == null || asOf.isEmpty() ? null : LocalDate.parse(asOf), f.number(DATED) == 1, f.text(MODALITY),
                new Span((int) f.number(QUOTE_START), (int) f.number(QUOTE_END)),
                new Span((int) f.number(FIGURE_START), (int) f.number(FIGURE_END)));
        return new ClaimHit(c, source(f), f.text(QUOTE), f.text(FIGURE));
    }

    static Alias alias(Fields f) {
        return new Alias(f.text(ALIAS_A), f.text(ALIAS_B), f.text(ALIAS_TYPE));
    }
}
