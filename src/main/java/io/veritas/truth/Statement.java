package io.veritas.truth;

import java.time.LocalDate;
import java.util.Comparator;

/**
 * One claim: a source states a value for a data item, in one document, as of a date, with a modality.
 *
 * @param asOf        the date the value refers to (or the document's date); null when unknown
 * @param documentId  the document the claim is read from
 * @param source      who states it: an outlet, an author, a web site, an editor
 * @param copyCluster documents that are near-copies of one another share one id and count once; null when the
 *                    document has no known copies
 */
public record Statement(DataItem item, Value value, LocalDate asOf, Modality modality, String documentId, String source,
                        String copyCluster) {
    public Statement {
        if (item == null || value == null || modality == null) {
            throw new IllegalArgumentException("a statement needs an item, a value and a modality");
        }
        if (source == null || source.isBlank()) {
            throw new IllegalArgumentException("a statement needs a source (for " + item + " = " + value.key() + ")");
        }
        documentId = documentId == null ? source + ":" + item : documentId;
    }

    /** An actual, undated claim with no document or copies: the shape of the benchmark data sets. */
    public static Statement of(DataItem item, Value value, String source) {
        return new Statement(item, value, null, Modality.ACTUAL, null, source, null);
    }

    /** The unit that counts once: the copy cluster when known, else the document. */
    public String independentUnit() {
        return copyCluster != null ? "c:" + copyCluster : "d:" + documentId;
    }

    /** A total order on statements built only from their content, so any input order sorts the same way. */
    static final Comparator<Statement> CANONICAL = Comparator.comparing(Statement::item)
            .thenComparing(Statement::source)
            .thenComparing(s -> s.value().key())
            .thenComparing(Statement::asOf, Comparator.nullsFirst(Comparator.naturalOrder()))
            .thenComparing(Statement::modality)
            .thenComparing(Statement::documentId)
            .thenComparing(Statement::copyCluster, Comparator.nullsFirst(Comparator.naturalOrder()));
}
