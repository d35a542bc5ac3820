package io.veritas.embed;

import dev.langchain4j.data.embedding.Embedding;
import dev.langchain4j.data.segment.TextSegment;
import dev.langchain4j.model.embedding.EmbeddingModel;
import dev.langchain4j.model.embedding.onnx.OnnxEmbeddingModel;
import dev.langchain4j.model.embedding.onnx.PoolingMode;
import dev.langchain4j.model.embedding.onnx.bgesmallzhv15q.BgeSmallZhV15QuantizedEmbeddingModel;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * A BERT-style model run in this process by ONNX Runtime (through LangChain4j): by default the quantised
 * bge-small-zh-v1.5 that ships inside the jar (512 dimensions, works offline, no GPU), or any ONNX model with its
 * {@code tokenizer.json} from disk — a multilingual one makes English questions find Chinese passages by meaning,
 * which the default model does not do well.
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
    private final EmbeddingModel model;

    private OnnxEmbedder(String id, EmbeddingModel model) {
        this.id = id;
        this.model = model;
    }

    /** The bge-small-zh-v1.5 model inside the jar. */
    public static OnnxEmbedder inJar() {
        return new OnnxEmbedder(DEFAULT_ID, new BgeSmallZhV15QuantizedEmbeddingModel());
    }

    /**
     * A model from disk: its {@code model.onnx}, the {@code tokenizer.json} that goes with it, and how token vectors
     * become one vector ({@code cls} for BGE models, {@code mean} for most sentence-transformers).
     */
    public static OnnxEmbedder fromFiles(Path model, Path tokenizer, PoolingMode pooling) {
        requireFile(model, "--onnx-model", "the model's .onnx file");
        requireFile(tokenizer, "--onnx-tokenizer", "the tokenizer.json that goes with the model");
        try {
            return new OnnxEmbedder("onnx:" + model.getFileName() + ":" + pooling.name().toLowerCase(java.util.Locale.ROOT),
                    new OnnxEmbeddingModel(model, tokenizer, pooling));
        } catch (RuntimeException e) {
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
        List<TextSegment> segments = new ArrayList<>(texts.size());
        for (String t : texts) {
            segments.add(TextSegment.from(cut(t)));
        }
        List<float[]> out = new ArrayList<>(texts.size());
        for (Embedding e : model.embedAll(segments).content()) {
            out.add(e.vector());
        }
        return out;
    }

    @Override
    public float[] embedQuery(String text) {
        return model.embed(cut(text)).content().vector();
    }

    static String cut(String text) {
        String t = text.isBlank() ? "-" : text; // the tokenizer refuses empty input
        return t.length() <= MAX_CHARS ? t : t.substring(0, MAX_CHARS);
    }
}
