package io.veritas.answer;

import io.veritas.extract.AliasTable;
import io.veritas.extract.Lexicon;
import io.veritas.index.ClaimHit;
import io.veritas.index.Index;
import io.veritas.truth.DataItem;
import io.veritas.truth.Resolution;
import io.veritas.truth.SourceReliability;
import io.veritas.truth.Statement;
import io.veritas.truth.TruthEngine;

import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Supplier;

/**
 * One {@link TruthEngine} over every figure in the corpus, so that what a source is worth is learned from all it
 * says, not from the few claims one question gathers.
 *
 * <p>The engine follows the index: when the index has changed (at most every {@link #RESCAN_NANOS}), the corpus's
 * claims are read again and the new ones are added incrementally; a question's own claims that the engine has not
 * seen yet are added before it is answered, so a figure posted a moment ago is judged at once. When claims
 * disappear (a document replaced) or the alias table changes what an entity is called, the engine is rebuilt from
 * all claims. Built in one go, as when a data folder is opened, the result depends only on the claims, never on the
 * order they arrived in; after incremental updates the first question once the index has been quiet for
 * {@link #RESCAN_NANOS} re-estimates everything, so a paused stream settles on that same result. Thread-safe: every
 * use of the engine holds this object's lock.
 */
public final class TruthKeeper {
    /** Claims of the corpus the engine reads at most: the newest, as {@link Index#claims} orders them. */
    static final int MAX_CORPUS_CLAIMS = 200_000;
    /** A changed index is re-read at most this often; questions in between add their own claims. */
    public static final long RESCAN_NANOS = 2_000_000_000L;

    private final Index index;
    private final Supplier<AliasTable> aliasTables;
    private final ClaimStatements statements;
    private final io.veritas.truth.TruthOptions options;

    private TruthEngine engine;
    private Set<Statement> known = new HashSet<>();
    /** Each claim's statement as read → as the engine holds it (a relayed figure joins the story it repeats). */
    private Map<Statement, Statement> resolved = new HashMap<>();
    /** Statements that report a value first-hand, per item: the stories a relay may repeat. */
    private Map<DataItem, List<Statement>> originals = new HashMap<>();
    /** The earliest statement of each sentence that states a value (see {@link #sentenceKey}). */
    private Map<String, Statement> sentenceOrigins = new HashMap<>();
    private AliasTable builtWith;
    private long indexVersion = Long.MIN_VALUE;
    private long scannedAt;
    /** Statements were added incrementally since the last full estimation, the last of them at {@code changedAt}. */
    private boolean unsettled;
    private long changedAt;

    public TruthKeeper(Index index, Lexicon lexicon, Supplier<AliasTable> aliases) {
        this.index = index;
        this.aliasTables = aliases;
        this.statements = new ClaimStatements(index, lexicon);
        this.options = ClaimStatements.options(lexicon);
    }

    /** The statements a question's claims make (as the engine holds them) and what the engine concludes about their items. */
    record Judged(Map<Statement, List<ClaimHit>> statements, List<Resolution> resolutions) {
    }

    /**
     * Judges the values these claims state against everything the corpus says about the same items. Claims that
     * state the same thing share a statement; the engine first catches up with the index, then takes in any of these
     * claims it has not seen yet.
     */
    synchronized Judged judge(Collection<ClaimHit> hits, AliasTable aliases) {
        current(aliases, List.of());
        Map<Statement, List<ClaimHit>> mine = new LinkedHashMap<>();
        for (ClaimHit h : hits) {
            Statement base = statements.of(h, aliases);
            Statement held = resolved.get(base);
            if (held == null) {
                held = sameStory(base, h, sentenceOrigins);
                if (held == base && ClaimStatements.relayed(h)) {
                    held = joinStory(base, originals);
                }
            }
            mine.computeIfAbsent(held, k -> new ArrayList<>()).add(h);
        }
        TruthEngine e = current(aliases, mine.keySet());
        Set<DataItem> items = new TreeSet<>();
        mine.keySet().forEach(s -> items.add(s.item()));
        List<Resolution> out = new ArrayList<>();
        for (DataItem item : items) {
            e.resolve(item).ifPresent(out::add);
        }
        return new Judged(mine, out);
    }

    /** A source's learned reliability; empty for a source that states no figure. */
    public synchronized Optional<SourceReliability> reliability(String source) {
        return current(aliasTables.get(), List.of()).reliability(source);
    }

    /** Every source's learned reliability, most accurate first. */
    public synchronized List<SourceReliability> reliabilities() {
        return current(aliasTables.get(), List.of()).reliabilities();
    }

    /**
     * The dated values of one attribute of an entity (any of its names, written as a question would), oldest first,
     * with the values written out in {@code language}.
     */
    public synchronized TimelineView timeline(String name, String attribute, String language) {
        AliasTable aliases = aliasTables.get();
        TruthEngine e = current(aliases, List.of());
        String folded = io.veritas.text.Script.fold(io.veritas.text.Normalizer.nfkc(name.strip()));
        String canonical = aliases.canonical(folded);
        return TimelineView.of(name.strip(), e.timeline(canonical, attribute), e::reliability, language);
    }

    /** Who states what this claim's document says. */
    public String sourceOf(ClaimHit hit) {
        return statements.source(hit);
    }

    /** Statements the engine holds (for tests and health). */
    public synchronized int statementCount() {
        return engine == null ? 0 : engine.statementCount();
    }

    private TruthEngine current(AliasTable aliases, Collection<Statement> asked) {
        long now = System.nanoTime();
        if (engine == null) {
            rebuild(aliases, corpus(aliases), index.version(), now);
        } else if (aliases != builtWith || (index.version() != indexVersion && now - scannedAt > RESCAN_NANOS)) {
            long version = index.version();
            if (version != indexVersion) {
                statements.forget(); // a replaced document may name another author
            }
            Set<Statement> corpus = corpus(aliases);
            if (!corpus.containsAll(known)) {
                rebuild(aliases, corpus, version, now); // a document replaced, or an entity now called otherwise
            } else {
                List<Statement> added = new ArrayList<>();
                for (Statement s : corpus) {
                    if (!known.contains(s)) {
                        added.add(s);
                    }
                }
                engine.add(added);
                if (!added.isEmpty()) {
                    unsettled = true;
                    changedAt = now;
                }
                known = corpus;
                builtWith = aliases;
                indexVersion = version;
                scannedAt = now;
            }
        }
        List<Statement> fresh = new ArrayList<>();
        for (Statement s : asked) {
            if (known.add(s)) {
                fresh.add(s);
            }
        }
        engine.add(fresh);
        if (!fresh.isEmpty()) {
            unsettled = true;
            changedAt = now;
        } else if (unsettled && index.version() == indexVersion && now - changedAt > RESCAN_NANOS) {
            // The stream has paused: estimate everything again from the start, so that the result no longer depends
            // on the order the claims arrived in (incremental updates start from the estimates of the moment).
            engine.refresh();
            unsettled = false;
        }
        return engine;
    }

    private void rebuild(AliasTable aliases, Set<Statement> corpus, long version, long now) {
        TruthEngine fresh = new TruthEngine(options);
        fresh.add(corpus);
        engine = fresh;
        unsettled = false;
        known = corpus;
        builtWith = aliases;
        indexVersion = version;
        scannedAt = now;
    }

    /**
     * Every claim of the corpus as a statement, with copies counted once beyond the story clusters of ingestion:
     * <ul>
     *   <li>the same sentence stating the same value in several documents (a wire story that outlets run with their
     *       own headline and tagline) is one story, that of its earliest statement;</li>
     *   <li>a relayed figure ("according to media reports, … $6 billion", "據…報導") joins the story of the earliest
     *       first-hand statement of the same value, so the story and its retellings in another language count once;
     *       a relay with no such story keeps its own.</li>
     * </ul>
     */
    private Set<Statement> corpus(AliasTable aliases) {
        List<ClaimHit> hits = index.claims(null, null, MAX_CORPUS_CLAIMS);
        Map<Statement, ClaimHit> base = new HashMap<>();
        Map<String, Statement> origins = new HashMap<>();
        for (ClaimHit h : hits) {
            Statement s = statements.of(h, aliases);
            if (base.putIfAbsent(s, h) == null) {
                String key = sentenceKey(s, h);
                if (key != null) {
                    origins.merge(key, s, (a, b) -> EARLIEST.compare(a, b) <= 0 ? a : b);
                }
            }
        }
        Map<Statement, Statement> read = new HashMap<>();
        Map<DataItem, List<Statement>> firstHand = new HashMap<>();
        List<Statement> relays = new ArrayList<>();
        for (Map.Entry<Statement, ClaimHit> e : base.entrySet()) {
            Statement s = sameStory(e.getKey(), e.getValue(), origins);
            if (ClaimStatements.relayed(e.getValue())) {
                relays.add(e.getKey());
                read.put(e.getKey(), s);
            } else {
                read.put(e.getKey(), s);
                if (s.modality() == io.veritas.truth.Modality.ACTUAL) {
                    firstHand.computeIfAbsent(s.item(), k -> new ArrayList<>()).add(s);
                }
            }
        }
        for (Statement r : relays) {
            if (read.get(r) == r) {
                read.put(r, joinStory(r, firstHand));
            }
        }
        resolved = read;
        originals = firstHand;
        sentenceOrigins = origins;
        return new HashSet<>(read.values());
    }

    /** Shorter sentences than this (letters and digits) say too little to tell a copy from a coincidence. */
    private static final int MIN_COPIED_SENTENCE = 40;

    /** Item, value and the sentence reduced to its letters and digits; null for a short sentence. */
    private static String sentenceKey(Statement s, ClaimHit h) {
        String folded = io.veritas.text.Script.fold(io.veritas.text.Normalizer.nfkc(h.quote()));
        StringBuilder letters = new StringBuilder(folded.length());
        folded.codePoints().filter(Character::isLetterOrDigit).forEach(letters::appendCodePoint);
        if (letters.length() < MIN_COPIED_SENTENCE) {
            return null;
        }
        return s.item() + "\u0001" + s.value().key() + "\u0001" + s.modality() + "\u0001" + letters;
    }

    /** The statement counted with the earliest statement of the same sentence, when another document has it first. */
    private static Statement sameStory(Statement s, ClaimHit h, Map<String, Statement> origins) {
        String key = sentenceKey(s, h);
        Statement origin = key == null ? null : origins.get(key);
        if (origin == null || origin.equals(s) || origin.copyCluster() == null || origin.copyCluster().equals(s.copyCluster())) {
            return s;
        }
        return new Statement(s.item(), s.value(), s.asOf(), s.modality(), s.documentId(), s.source(), origin.copyCluster());
    }

    /** The relayed statement counted with the earliest first-hand statement of the same value, when there is one. */
    private static Statement joinStory(Statement relay, Map<DataItem, List<Statement>> firstHand) {
        if (relay.modality() != io.veritas.truth.Modality.ACTUAL || !(relay.value() instanceof io.veritas.truth.Value.Quantity q)) {
            return relay;
        }
        Statement best = null;
        for (Statement o : firstHand.getOrDefault(relay.item(), List.of())) {
            if (o.copyCluster() == null || o.documentId().equals(relay.documentId())
                    || !(o.value() instanceof io.veritas.truth.Value.Quantity v) || !v.unit().equals(q.unit())
                    || Math.abs(v.amount() - q.amount()) > ClaimStatements.SAME_VALUE * Math.max(Math.abs(v.amount()), Math.abs(q.amount()))
                    || (o.asOf() != null && relay.asOf() != null && o.asOf().isAfter(relay.asOf()))) {
                continue;
            }
            if (best == null || EARLIEST.compare(o, best) < 0) {
                best = o;
            }
        }
        return best == null ? relay : new Statement(relay.item(), relay.value(), relay.asOf(), relay.modality(),
                relay.documentId(), relay.source(), best.copyCluster());
    }

    private static final java.util.Comparator<Statement> EARLIEST = java.util.Comparator
            .comparing(Statement::asOf, java.util.Comparator.nullsLast(java.util.Comparator.naturalOrder()))
            .thenComparing(Statement::copyCluster, java.util.Comparator.nullsLast(java.util.Comparator.naturalOrder()))
            .thenComparing(Statement::documentId);
}
