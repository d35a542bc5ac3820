package io.veritas.embed;

import dev.langchain4j.data.embedding.Embedding;
import dev.langchain4j.data.segment.TextSegment;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtSession;
import dev.langchain4j.model.embedding.EmbeddingModel;
import dev.langchain4j.model.embedding.onnx.AbstractInProcessEmbeddingModel;
import dev.langchain4j.model.embedding.onnx.OnnxBertBiEncoder;
import dev.langchain4j.model.embedding.onnx.PoolingMode;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * A BERT-style model run in this process by ONNX Runtime (through LangChain4j): by default the quantised
 * bge-small-zh-v1.5 that ships inside the jar (512 dimensions, works offline, no GPU), or any ONNX model with its
 * {@code tokenizer.json} from disk — a multilingual one makes English questions find Chinese passages by meaning,
 * which the default model does not do well.
 *
 * <p>One ONNX Runtime session runs the model with one thread per call. Embedding in the background
 * ({@link #embedPassages(List, boolean)}) makes one call at a time, so a server streaming documents in keeps the
 * other cores for indexing; in the foreground (a batch ingest waiting for its vectors, a query) texts are embedded
 * on every core at once.
 */
public final class OnnxEmbedder implements Embedder {
    /** The model in the jar. */
    public static final String DEFAULT_ID = "bge-small-zh-v15-q";
    /**
     * Longer texts are cut here: the model reads at most 512 tokens, and LangChain4j would otherwise embed the rest
     * in further windows and average them, several times the cost for the tail of a long paragraph.
     */
    static final int MAX_CHARS = 512;

    private final String id;
    private final OrtSession session;
    /** Texts embedded one after another on the calling thread. */
    private final EmbeddingModel background;
    /** Texts embedded on every core. */
    private final EmbeddingModel foreground;
    private final ExecutorService pool;

    private OnnxEmbedder(String id, OrtSession session, InputStream tokenizer, PoolingMode pooling) {
        this.id = id;
        this.session = session;
        OnnxBertBiEncoder encoder = new OnnxBertBiEncoder(OrtEnvironment.getEnvironment(), session, tokenizer, pooling);
        this.background = new Model(encoder, Runnable::run);
        this.pool = Executors.newFixedThreadPool(Math.max(1, Runtime.getRuntime().availableProcessors()), r -> {
            Thread t = new Thread(r, "veritas-embed");
            t.setDaemon(true);
            return t;
        });
        this.foreground = new Model(encoder, pool);
    }

    /** LangChain4j's in-process model around an encoder built here (so that its session's threads are ours). */
    private static final class Model extends AbstractInProcessEmbeddingModel {
        private final OnnxBertBiEncoder encoder;

        Model(OnnxBertBiEncoder encoder, java.util.concurrent.Executor executor) {
            super(executor);
            this.encoder = encoder;
        }

        @Override
        protected OnnxBertBiEncoder model() {
            return encoder;
        }
    }

    /** A session that computes one call on one thread: parallelism comes from concurrent calls, and is ours to limit. */
    private static OrtSession session(byte[] model) throws OrtException {
        OnnxNatives.prepare(); // before any ONNX Runtime class: their static initialisers load the native libraries
        try (OrtSession.SessionOptions options = new OrtSession.SessionOptions()) {
            options.setIntraOpNumThreads(1);
            options.setInterOpNumThreads(1);
            return OrtEnvironment.getEnvironment().createSession(model, options);
        }
    }

    /** The bge-small-zh-v1.5 model inside the jar (the files of LangChain4j's bge-small-zh-v15-q artifact). */
    public static OnnxEmbedder inJar() {
        try (InputStream model = resource("/bge-small-zh-v1.5-q.onnx");
             InputStream tokenizer = resource("/bge-small-zh-v1.5-q-tokenizer.json")) {
            return new OnnxEmbedder(DEFAULT_ID, session(model.readAllBytes()), tokenizer, PoolingMode.CLS);
        } catch (IOException e) {
            throw new UncheckedIOException("could not read the embedding model in the jar", e);
        } catch (OrtException e) {
            throw new IllegalStateException("ONNX Runtime could not load the embedding model in the jar: " + e.getMessage(), e);
        }
    }

    private static InputStream resource(String name) {
        InputStream in = OnnxEmbedder.class.getResourceAsStream(name);
        if (in == null) {
            throw new IllegalStateException(name + " is missing from the jar; rebuild it with ./veritas");
        }
        return in;
    }

    /**
     * A model from disk: its {@code model.onnx}, the {@code tokenizer.json} that goes with it, and how token vectors
     * become one vector ({@code cls} for BGE models, {@code mean} for most sentence-transformers).
     */
    public static OnnxEmbedder fromFiles(Path model, Path tokenizer, PoolingMode pooling) {
        requireFile(model, "--onnx-model", "the model's .onnx file");
        requireFile(tokenizer, "--onnx-tokenizer", "the tokenizer.json that goes with the model");
        try (InputStream tokens = Files.newInputStream(tokenizer)) {
            return new OnnxEmbedder("onnx:" + model.getFileName() + ":" + pooling.name().toLowerCase(java.util.Locale.ROOT),
                    session(Files.readAllBytes(model)), tokens, pooling);
        } catch (IOException | OrtException | RuntimeException e) {
            throw new IllegalArgumentException("could not load the ONNX model " + model + " with " + tokenizer + ": "
                    + e.getMessage() + "; check that both files belong to one BERT-style embedding model", e);
        }
    }

    private static void requireFile(Path file, String option, String what) {
        if (file == null || !Files.isRegularFile(file)) {
            throw new IllegalArgumentException(option + " " + file + " is not a file; give " + what);
        }
    }

    @Override
    public String id() {
        return id;
    }

    @Override
    public List<float[]> embedPassages(List<String> texts) {
        return embedPassages(texts, false);
    }

    @Override
    public List<float[]> embedPassages(List<String> texts, boolean inBackground) {
        List<TextSegment> segments = new ArrayList<>(texts.size());
        for (String t : texts) {
            segments.add(TextSegment.from(cut(t)));
        }
        List<float[]> out = new ArrayList<>(texts.size());
        for (Embedding e : (inBackground ? background : foreground).embedAll(segments).content()) {
            out.add(e.vector());
        }
        return out;
    }

    @Override
    public float[] embedQuery(String text) {
        return background.embed(cut(text)).content().vector(); // on the searching thread
    }

    @Override
    public void close() {
        pool.shutdown();
        try {
            session.close();
        } catch (OrtException e) {
            // closing at exit; nothing to do
        }
    }

    static String cut(String text) {
        String t = text.isBlank() ? "-" : text; // the tokenizer refuses empty input
        return t.length() <= MAX_CHARS ? t : t.substring(0, MAX_CHARS);
    }
}
