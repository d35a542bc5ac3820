package io.veritas.index;

import org.apache.lucene.analysis.Analyzer;
import org.apache.lucene.analysis.TokenStream;
import org.apache.lucene.analysis.tokenattributes.CharTermAttribute;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * One passage search, decided here for every backend: the query's own tokens (any may match), Chinese word
 * tokens when the index has them, each expansion term and each entity name as a group of tokens that must all
 * match, amounts as exact tokens, the filters, and how many hits to fetch. A backend turns the plan into its
 * query language clause for clause with these boosts, and {@link #finish} ranks what it returns the same way
 * for all.
 *
 * <p>Boosts were chosen on the retrieval question set (BENCHMARKS.md): words from the other language count half;
 * naming the entity asked about counts twice as much as a query word; a matching amount three times. The entity
 * is not a hard filter: that lost passages naming it only as "the company" / "该公司" (recall@10 0.742 against
 * 0.797). At least one clause must match.
 *
 * @param own       tokens of the query's own words
 * @param words     Chinese word tokens (smartcn) of the query, empty unless the index keeps a word field
 * @param terms     expansion terms, each as the tokens that must all match
 * @param amounts   normalised amount tokens ({@code USD:20000000000})
 * @param entities  named entities, each as its names, each name as the tokens that must all match
 * @param translated dictionary translations, one list per source word, each translation as the tokens that must
 *                  all match with its weight; a passage scores by the best translation of each word (Pirkola)
 * @param filters   restrictions on time, language, source and author
 * @param fetch     how many hits to ask the backend for
 * @param limit     how many to return after {@link #finish}
 * @param latest    whether recent passages are favoured
 */
public record QueryPlan(List<String> own, List<String> words, List<List<String>> terms, List<String> amounts,
                        List<List<List<String>>> entities, List<List<Alternative>> translated, Filters filters, int fetch,
                        int limit, boolean latest) {
    static final float EXPANSION_BOOST = 0.5f;
    /** A source word's best translation counts as much as a word of the other language from the domain lexicon. */
    static final float TRANSLATION_BOOST = 0.5f;

    /** One translation of a source word: the tokens that must all match, and its weight among the word's translations. */
    public record Alternative(List<String> tokens, float weight) {
        public Alternative {
            tokens = List.copyOf(tokens);
        }
    }
    static final float ENTITY_BOOST = 2f;
    static final float AMOUNT_BOOST = 3f;
    static final float WORDS_BOOST = Analysis.WORDS_BOOST;
    /** Tokens taken from a query's own words; a name or term has at most {@link #MAX_NAME_TOKENS}. */
    static final int MAX_QUERY_TOKENS = 256;
    static final int MAX_NAME_TOKENS = 16;
    /** Never more than this many hits from one backend query (OpenSearch's default result window). */
    static final int MAX_FETCH = 10_000;
    static final int TIE_MARGIN = 10;
    /** Passages fetched from one document: all of them, for any document shorter than about 150,000 characters. */
    static final int DOCUMENT_FETCH = 500;
    /**
     * Best first; equal scores by document id and passage: the order of documents in the index (which depends on
     * the order they were ingested in and on the thread count) never decides a rank.
     */
    static final java.util.Comparator<Hit> RANKED = java.util.Comparator.comparingDouble((Hit h) -> -h.score())
            .thenComparing(h -> h.source().docId()).thenComparingInt(Hit::ordinal);

    /**
     * Restrictions of a search: publication time in {@code [fromMillis, toMillis]} (null: open; an undated passage
     * never matches a time range), passage language, source host and author key.
     */
    public record Filters(Long fromMillis, Long toMillis, String language, String host, String authorKey, String docId) {
        static Filters of(SearchRequest r) {
            Long from = r.from() == null && r.to() == null ? null : r.from() == null ? Long.MIN_VALUE + 1 : r.from().toEpochMilli();
            Long to = r.from() == null && r.to() == null ? null : r.to() == null ? Long.MAX_VALUE : r.to().toEpochMilli() - 1;
            return new Filters(from, to, r.language(), r.source() == null ? null : Records.normalHost(r.source()),
                    r.author() == null ? null : Records.filterKey(r.author()), r.document());
        }

        boolean timed() {
            return fromMillis != null;
        }
    }

    /** The plan of a request and its expansion; {@code words} analyses Chinese words, null when the index has none. */
    static QueryPlan of(SearchRequest request, QueryExpander.Expansion expansion, Analyzer analyzer, Analyzer words) {
        List<String> own = tokens(analyzer, request.text(), MAX_QUERY_TOKENS);
        List<String> segmented = words == null ? List.of() : Analysis.wordTokens(words, request.text(), MAX_QUERY_TOKENS);
        List<List<String>> terms = new ArrayList<>();
        for (String term : expansion.terms()) {
            List<String> t = tokens(analyzer, term, MAX_NAME_TOKENS);
            if (!t.isEmpty()) {
                terms.add(t);
            }
        }
        List<List<List<String>>> entities = new ArrayList<>();
        for (Set<String> names : expansion.entities()) {
            List<List<String>> any = new ArrayList<>();
            for (String name : names) {
                List<String> t = tokens(analyzer, name, MAX_NAME_TOKENS);
                if (!t.isEmpty()) {
                    any.add(t);
                }
            }
            if (!any.isEmpty()) { // an entity none of whose names has a token cannot match anything
                entities.add(List.copyOf(any));
            }
        }
        List<List<Alternative>> translated = new ArrayList<>();
        for (Translation t : expansion.translations()) {
            List<Alternative> any = new ArrayList<>();
            java.util.Set<List<String>> seen = new java.util.HashSet<>();
            t.targets().forEach((target, weight) -> {
                List<String> tokens = tokens(analyzer, target, MAX_NAME_TOKENS);
                if (!tokens.isEmpty() && seen.add(tokens)) {
                    any.add(new Alternative(tokens, weight));
                }
            });
            if (!any.isEmpty()) {
                translated.add(List.copyOf(any));
            }
        }
        // A few more than asked for, so that passages tied at the cut are ordered by id rather than by index position.
        int fetch = Math.min(MAX_FETCH, expansion.latest() ? Math.max(100, request.limit() * 5) : request.limit() + TIE_MARGIN);
        if (request.document() != null) {
            fetch = Math.max(fetch, DOCUMENT_FETCH); // every passage of the document, ranked here, whatever the backend's ties
        }
        return new QueryPlan(own, segmented, List.copyOf(terms), List.copyOf(expansion.amounts()), List.copyOf(entities),
                List.copyOf(translated), Filters.of(request), fetch, request.limit(), expansion.latest());
    }

    /** Whether no clause could match anything: the search returns nothing. */
    boolean isEmpty() {
        return own.isEmpty() && words.isEmpty() && terms.isEmpty() && amounts.isEmpty() && entities.isEmpty() && translated.isEmpty();
    }

    /** The backend's hits (best first, at most {@link #fetch}) ranked for the request: recency, then the limit. */
    List<Hit> finish(List<Hit> hits) {
        List<Hit> ranked = new ArrayList<>(latest ? Fusion.byRecency(hits) : hits);
        ranked.sort(RANKED);
        return ranked.size() > limit ? List.copyOf(ranked.subList(0, limit)) : List.copyOf(ranked);
    }

    /** The tokens {@link Analysis} makes of a text (at most {@code max}), the same for passages and queries. */
    static List<String> tokens(Analyzer analyzer, String text, int max) {
        List<String> out = new ArrayList<>();
        try (TokenStream ts = analyzer.tokenStream(Records.BODY, text)) {
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
}
