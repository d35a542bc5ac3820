package io.veritas;

import io.veritas.extract.ClaimExtractor;
import io.veritas.extract.Extraction;
import io.veritas.extract.Lexicon;
import io.veritas.index.Index;
import io.veritas.index.Outcome;
import io.veritas.ingest.RawItem;
import io.veritas.text.Texts;

import java.time.Instant;
import java.util.List;

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
     * Takes one item through the stages. The item is read with the lexicon and the aliases it teaches itself, never
     * with what other documents taught: names are found by their shape ({@code Names}) and matched across their
     * aliases when a question is asked, so the claims of a document depend on that document alone, in any order.
     */
    Result process(RawItem item) {
        List<String> warnings = List.of();
        try {
            Texts.Result cleaned = Texts.clean(item, Instant.now());
            warnings = cleaned.warnings();
            if (cleaned.document() == null) {
                return new Result(null, item.id(), cleaned.error(), warnings, 0);
            }
            Extraction extraction = extractor.extract(cleaned.document());
            Outcome o = index.upsert(cleaned.document(), extraction);
            return new Result(o, cleaned.document().id(), null, warnings,
                    o == Outcome.DUPLICATE ? 0 : extraction.claims().size());
        } catch (RuntimeException | StackOverflowError e) {
            return new Result(null, item.id(), "could not be processed (" + e.getClass().getSimpleName()
                    + (e.getMessage() == null ? "" : ": " + e.getMessage()) + "); please report this with the file", warnings, 0);
        }
    }
}
