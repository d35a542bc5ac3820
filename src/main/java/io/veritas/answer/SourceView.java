package io.veritas.answer;

import java.util.List;

/**
 * Who states a fact, as an answer shows it: the source (an outlet, an author, a web site); {@code reliability}, the
 * probability the truth engine has learned that a figure this source states is right (from every figure of the
 * corpus, without labels; null for a source the engine has not seen); how many figures that estimate rests on; and
 * the documents of this answer it wrote.
 */
public record SourceView(String source, Double reliability, double claims, List<String> documents) {
    public SourceView {
        documents = List.copyOf(documents);
    }
}
