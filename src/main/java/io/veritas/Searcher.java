package io.veritas;

import io.veritas.embed.Embedder;
import io.veritas.embed.OnnxEmbedder;
import io.veritas.extract.AliasTable;
import io.veritas.extract.Lexicon;
import io.veritas.index.Fusion;
import io.veritas.index.Highlighter;
import io.veritas.index.Hit;
import io.veritas.index.Index;
import io.veritas.index.QueryExpander;
import io.veritas.index.SearchRequest;

import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

/**
 * Passages for a query in any language: expanded across languages and scripts, ranked by words (BM25), by
 * meaning (passage vectors) or both fused, then highlighted.
 */
final class Searcher implements AutoCloseable {
    /** Passages fused from each ranker's top this many. */
    private static final int FUSION_DEPTH = 50;

    private final Index index;
    private final Settings settings;
    private final Supplier<Embedder> embedder;
    private final Supplier<AliasTable> aliases;
    private final QueryExpander expander;
    /**
     * Ranks by meaning while the searching thread ranks by words: one thread per core, a bounded queue, and a full
     * queue runs the work on the caller's thread (more concurrent searches than that gain nothing from a thread).
     */
    private final ThreadPoolExecutor pool;
    private volatile boolean vectorsSeen;

    Searcher(Index index, Settings settings, Lexicon lexicon, Supplier<Embedder> embedder, Supplier<AliasTable> aliases) {
        this.index = index;
        this.settings = settings;
        this.embedder = embedder;
        this.aliases = aliases;
        this.expander = new QueryExpander(lexicon, settings.translates());
        int threads = Math.max(1, Runtime.getRuntime().availableProcessors());
        this.pool = new ThreadPoolExecutor(threads, threads, 60, TimeUnit.SECONDS, new ArrayBlockingQueue<>(64), r -> {
            Thread t = new Thread(r, "veritas-search");
            t.setDaemon(true);
            return t;
        }, new ThreadPoolExecutor.CallerRunsPolicy());
    }

    /** Loads the query side's dictionary on a background thread (a server calls this as it starts). */
    void loadInBackground() {
        Thread t = new Thread(expander::load, "veritas-dictionary");
        t.setDaemon(true);
        t.start();
    }

    /** The dictionary translations of a question's words, as the search uses them (none with {@code --translation lexicon}). */
    List<io.veritas.index.Translation> translations(String text) {
        return expander.expand(text, aliases.get()).translations();
    }

    List<Hit> search(SearchRequest request) {
        QueryExpander.Expansion expansion = expander.expand(request.text(), aliases.get());
        return Highlighter.apply(rank(request, expansion), request.text(), expansion);
    }

    private List<Hit> rank(SearchRequest request, QueryExpander.Expansion expansion) {
        if (request.mode() == SearchRequest.Mode.DENSE) {
            return hasVectors() ? byMeaning(request, expansion, request.limit()) : List.of();
        }
        if (request.mode() == SearchRequest.Mode.LEXICAL || !hasVectors() || !denseReads(request.text(), expansion)) {
            return index.search(request, expansion);
        }
        // Each ranker proposes more than asked for, so a passage both like but neither puts first still makes it.
        int depth = Math.max(FUSION_DEPTH, request.limit());
        // Meaning on another thread while words are ranked here: the query's vector costs as much as the BM25 search.
        Future<List<Hit>> meaning = pool.submit(() -> byMeaning(request, expansion, depth));
        List<Hit> lexical = index.search(request.withLimit(depth), expansion);
        List<Hit> dense;
        try {
            dense = meaning.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while searching", e);
        } catch (ExecutionException e) {
            throw e.getCause() instanceof RuntimeException r ? r : new IllegalStateException(e.getCause());
        }
        if (settings.fusion().equals(Settings.RRF)) {
            return Fusion.reciprocalRank(List.of(lexical, dense), request.limit());
        }
        return Fusion.convex(lexical, dense, Fusion.DENSE_WEIGHT, request.limit()); // both already favour recent ones for "latest"
    }

    private boolean hasVectors() {
        if (!vectorsSeen && settings.embeds()) {
            vectorsSeen = index.vectorCount() > 0; // once there are vectors there stay some: no count per search after that
        }
        return vectorsSeen;
    }

    /**
     * Whether hybrid search ranks by meaning too: when the model reads the query's language. The in-jar model is a
     * Chinese one (measured: English questions ranked by it find almost nothing), so English questions are ranked
     * by words, which the bilingual lexicon already carries across languages; other models are taken to be
     * multilingual.
     */
    private boolean denseReads(String query, QueryExpander.Expansion expansion) {
        return chinese(query) || !settings.embedder().equals(OnnxEmbedder.DEFAULT_ID) || !rendering(expansion).isEmpty();
    }

    private static boolean chinese(String text) {
        return text.codePoints().anyMatch(c -> Character.UnicodeScript.of(c) == Character.UnicodeScript.HAN);
    }

    /**
     * An English query as the Chinese model in the jar can read it: the most central translation of each translated
     * word or phrase, with the Chinese names of its entities and the Chinese domain words of its expansion; empty
     * when neither the dictionary nor the lexicon gave any Chinese.
     */
    private static String rendering(QueryExpander.Expansion expansion) {
        StringBuilder text = new StringBuilder();
        for (io.veritas.index.Translation t : expansion.translations()) {
            String best = t.targets().keySet().iterator().next();
            if (chinese(best)) {
                text.append(text.isEmpty() ? "" : " ").append(best);
            }
        }
        expansion.entities().forEach(names -> names.stream().filter(Searcher::chinese).findFirst().ifPresent(n -> text.append(' ').append(n)));
        expansion.terms().stream().filter(Searcher::chinese).forEach(t -> text.append(' ').append(t));
        if (text.isEmpty()) {
            return "";
        }
        for (java.util.Set<String> names : expansion.entities()) { // a name with no Chinese form stays as written ("xAI")
            if (names.stream().noneMatch(Searcher::chinese) && !names.isEmpty()) {
                text.append(' ').append(names.iterator().next());
            }
        }
        return text.toString().strip();
    }

    /**
     * Passages nearest to the query by meaning. The query is embedded together with its expansion (the entities'
     * other names, the domain words of the other language), so a model that reads one language best still meets
     * passages written in the other.
     */
    private List<Hit> byMeaning(SearchRequest request, QueryExpander.Expansion expansion, int k) {
        StringBuilder text = new StringBuilder(request.text());
        if (!chinese(request.text()) && settings.embedder().equals(OnnxEmbedder.DEFAULT_ID)) {
            // Measured on the English-over-Chinese set: the Chinese alone ranks a little better than with the English.
            text.setLength(0);
            text.append(rendering(expansion));
        } else {
            expansion.entities().forEach(names -> names.forEach(n -> text.append(' ').append(n)));
            expansion.terms().forEach(t -> text.append(' ').append(t));
        }
        List<Hit> hits = index.nearest(embedder.get().embedQuery(text.toString()), request, k);
        return expansion.latest() ? Fusion.byRecency(hits) : hits;
    }

    @Override
    public void close() {
        pool.shutdown();
    }
}
