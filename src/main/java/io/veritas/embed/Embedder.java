package io.veritas.embed;

import java.util.List;

/**
 * Turns text into vectors whose cosine similarity says how close two texts are in meaning. Passages are embedded
 * once, off the ingest path ({@link EmbeddingWorker}); queries at search time.
 */
public interface Embedder extends AutoCloseable {

    /**
     * Names the model: vectors of different models are not comparable, so an index keeps the vectors of one
     * model and refuses another's.
     */
    String id();

    /** One vector per text, in order. */
    List<float[]> embedPassages(List<String> texts);

    /**
     * One vector per text; {@code inBackground} asks to leave most of the machine to other work (indexing,
     * queries) at the cost of speed. Models that cannot tell the difference ignore it.
     */
    default List<float[]> embedPassages(List<String> texts, boolean inBackground) {
        return embedPassages(texts);
    }

    /** The vector of a search query. */
    float[] embedQuery(String text);

    @Override
    default void close() {
    }
}
