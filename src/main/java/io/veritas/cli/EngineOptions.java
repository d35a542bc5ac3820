package io.veritas.cli;

import io.veritas.Settings;
import picocli.CommandLine.Option;

import java.nio.file.Path;

/**
 * Options choosing the index backend and the embedding model. What is given is saved in the data folder
 * ({@code settings.json}), so later commands on that folder need none of them.
 */
final class EngineOptions {
    @Option(names = "--backend", paramLabel = "NAME", description = "Where the index lives: lucene (in the data folder, the default) or opensearch.")
    String backend;

    @Option(names = "--opensearch", paramLabel = "URL", description = "The OpenSearch cluster for --backend opensearch, e.g. http://127.0.0.1:9200.")
    String opensearchUrl;

    @Option(names = "--opensearch-index", paramLabel = "NAME", description = "The index name in the cluster. Default: veritas")
    String opensearchIndex;

    @Option(names = "--embedder", paramLabel = "NAME",
            description = "Passage vectors from: bge-small-zh-v15-q (in the jar, the default), onnx, openai, or none.")
    String embedder;

    @Option(names = "--onnx-model", paramLabel = "FILE", description = "The .onnx file of an embedding model (--embedder onnx).")
    Path onnxModel;

    @Option(names = "--onnx-tokenizer", paramLabel = "FILE", description = "Its tokenizer.json (--embedder onnx).")
    Path onnxTokenizer;

    @Option(names = "--onnx-pooling", paramLabel = "cls|mean", description = "How the model's token vectors are pooled: cls (BGE) or mean. Default: cls")
    String onnxPooling;

    @Option(names = "--embeddings-url", paramLabel = "URL", description = "An OpenAI-compatible server's base URL, e.g. http://127.0.0.1:8000/v1 (--embedder openai).")
    String embeddingsUrl;

    @Option(names = "--embeddings-model", paramLabel = "NAME", description = "The model name that server expects (--embedder openai).")
    String embeddingsModel;

    @Option(names = "--embeddings-key-env", paramLabel = "VAR", description = "Environment variable holding the server's API key. Default: OPENAI_API_KEY")
    String embeddingsKeyEnv;

    @Option(names = "--fusion", paramLabel = "HOW", description = "How hybrid search combines words and meaning: convex (scores, the default) or rrf (reciprocal rank fusion).")
    String fusion;

    @Option(names = "--analysis", paramLabel = "HOW", description = "How Chinese is indexed: bigrams (the default) or smartcn (dictionary words as well; slower ingest).")
    String analysis;

    @Option(names = "--translation", paramLabel = "HOW", description = "How queries cross languages: dictionary (the domain lexicon, then CC-CEDICT for every other word; the default) or lexicon (the domain lexicon and known names only).")
    String translation;

    /** The folder's saved settings with the options given here on top. */
    Settings resolve(Path dataDir) {
        Settings saved = Settings.load(dataDir);
        boolean newEmbedder = embedder != null && !embedder.equalsIgnoreCase(saved.embedder());
        return new Settings(
                or(backend, saved.backend()),
                or(opensearchUrl, saved.opensearchUrl()),
                or(opensearchIndex, saved.opensearchIndex()),
                or(embedder, saved.embedder()),
                onnxModel != null ? onnxModel.toAbsolutePath().toString() : newEmbedder ? null : saved.onnxModel(),
                onnxTokenizer != null ? onnxTokenizer.toAbsolutePath().toString() : newEmbedder ? null : saved.onnxTokenizer(),
                or(onnxPooling, newEmbedder ? null : saved.onnxPooling()),
                or(embeddingsUrl, newEmbedder ? null : saved.embeddingsUrl()),
                or(embeddingsModel, newEmbedder ? null : saved.embeddingsModel()),
                or(embeddingsKeyEnv, newEmbedder ? null : saved.embeddingsKeyEnv()),
                or(fusion, saved.fusion()),
                or(analysis, saved.analysis()),
                or(translation, saved.translation()));
    }

    private static String or(String given, String saved) {
        return given != null ? given : saved;
    }
}
