package io.veritas;

import io.veritas.embed.Embedder;

import java.util.function.Supplier;

/** The embedding model, loaded on first use (a second or so) under its own lock: searches never wait on ingest. */
final class ModelLoader implements Supplier<Embedder>, AutoCloseable {
    private final Settings settings;
    private volatile Embedder embedder;

    ModelLoader(Settings settings) {
        this.settings = settings;
    }

    @Override
    public Embedder get() {
        Embedder e = embedder;
        if (e == null) {
            synchronized (this) {
                if (embedder == null) {
                    embedder = settings.createEmbedder();
                }
                e = embedder;
            }
        }
        return e;
    }

    @Override
    public synchronized void close() {
        if (embedder != null) {
            embedder.close();
        }
    }
}
