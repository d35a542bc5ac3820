package io.veritas;

import io.veritas.extract.Alias;
import io.veritas.extract.AliasTable;
import io.veritas.extract.ClaimExtractor;
import io.veritas.extract.Extraction;
import io.veritas.extract.Lexicon;
import io.veritas.index.Index;
import io.veritas.index.Outcome;
import io.veritas.ingest.RawItem;
import io.veritas.text.Document;
import io.veritas.text.Texts;

import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

/**
 * One item through the stages: {@code text} cleans it into a document, {@code extract} reads it, the index stores
 * it. Every source ends here, so a post from Kafka and a file from disk become the same records.
 */
final class ItemPipeline {
    /**
     * What became of an item: an outcome and the document's id, or the reason it was refused; warnings about fields
     * that were dropped; how many figures were read (0 for a duplicate).
     */
    record Result(Outcome outcome, String id, String failure, List<String> warnings, int figures) {
        boolean refused() {
            return outcome == null;
        }
    }

    private final Index index;
    private final ClaimExtractor extractor;

    ItemPipeline(Index index, Lexicon lexicon) {
        this.index = index;
        this.extractor = new ClaimExtractor(lexicon);
    }

    /**
     * Takes one item through the stages, reading it with the names {@code known} holds (the corpus's table when the
     * batch began; {@link #reread} brings what it changes up to date once the batch is in).
     */
    Result process(RawItem item, AliasTable known) {
        List<String> warnings = List.of();
        try {
            Texts.Result cleaned = Texts.clean(item, Instant.now());
            warnings = cleaned.warnings();
            if (cleaned.document() == null) {
                return new Result(null, item.id(), cleaned.error(), warnings, 0);
            }
            Extraction extraction = extractor.extract(cleaned.document(), known);
            Outcome o = index.upsert(cleaned.document(), extraction);
            return new Result(o, cleaned.document().id(), null, warnings,
                    o == Outcome.DUPLICATE ? 0 : extraction.claims().size());
        } catch (RuntimeException | StackOverflowError e) {
            return new Result(null, item.id(), "could not be processed (" + e.getClass().getSimpleName()
                    + (e.getMessage() == null ? "" : ": " + e.getMessage()) + "); please report this with the file", warnings, 0);
        }
    }

    /**
     * After a batch changed the aliases the corpus teaches (from {@code before} to {@code after}): reads again, with
     * {@code after}, every stored document that states a figure and mentions a name of a class the change touched,
     * and stores its new claims. Documents that mention none of those names read the same with either table, so
     * afterwards every document is read with the table of the whole corpus, whatever order the documents came in.
     * Returns how many documents were read again and how many claims that added (less what it removed).
     */
    Reread reread(AliasTable before, AliasTable after) {
        if (before == after) {
            return Reread.NONE;
        }
        Set<Alias> was = new HashSet<>(before.learned());
        Set<Alias> now = new HashSet<>(after.learned());
        Set<String> names = new TreeSet<>();
        for (Set<Alias> changed : List.of(difference(now, was), difference(was, now))) {
            for (Alias a : changed) {
                for (String n : List.of(a.a(), a.b())) {
                    names.addAll(before.equivalents(n));
                    names.addAll(after.equivalents(n));
                }
            }
        }
        if (names.isEmpty()) {
            return Reread.NONE;
        }
        index.refresh(); // the batch's own documents are among those to find
        List<String> found = index.figuredDocumentsMentioning(names);
        java.util.concurrent.atomic.AtomicInteger n = new java.util.concurrent.atomic.AtomicInteger();
        java.util.concurrent.atomic.AtomicInteger claims = new java.util.concurrent.atomic.AtomicInteger();
        // Each document is read on its own, so they are read in parallel (one thread per core).
        found.parallelStream().forEach(id -> {
            Document doc = index.storedDocument(id);
            if (doc != null) {
                List<io.veritas.extract.Claim> claimsNow = extractor.extract(doc, after).claims();
                claims.addAndGet(claimsNow.size() - index.replaceClaims(doc, claimsNow));
                n.incrementAndGet();
            }
        });
        return new Reread(n.get(), claims.get());
    }

    /** What {@link #reread} did: documents read again, and the claims that added (net). */
    record Reread(int documents, int claims) {
        static final Reread NONE = new Reread(0, 0);
    }

    private static Set<Alias> difference(Set<Alias> a, Set<Alias> b) {
        Set<Alias> out = new HashSet<>(a);
        out.removeAll(b);
        return out;
    }
}
