package io.veritas;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import dev.langchain4j.model.embedding.onnx.PoolingMode;
import io.veritas.embed.Embedder;
import io.veritas.embed.OnnxEmbedder;
import io.veritas.embed.OpenAiEmbedder;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;

/**
 * How a data folder is served: which index holds it (the embedded Lucene index in the folder, or an OpenSearch
 * cluster) and which model gives passages their vectors (the model in the jar, an ONNX model from disk, an
 * OpenAI-compatible server, or none). Kept in {@code DATA/settings.json} when first given, so later commands on the
 * same folder need no options; a command's options override it.
 *
 * @param backend          {@code lucene} or {@code opensearch}
 * @param opensearchUrl    the cluster, e.g. {@code http://127.0.0.1:9200} (backend opensearch)
 * @param opensearchIndex  the index name in the cluster (backend opensearch)
 * @param embedder         {@code bge-small-zh-v15-q} (the model in the jar), {@code onnx}, {@code openai} or {@code none}
 * @param onnxModel        the .onnx file (embedder onnx)
 * @param onnxTokenizer    its tokenizer.json (embedder onnx)
 * @param onnxPooling      {@code cls} or {@code mean} (embedder onnx)
 * @param embeddingsUrl    the server's OpenAI-compatible base URL (embedder openai)
 * @param embeddingsModel  the model name the server expects (embedder openai)
 * @param embeddingsKeyEnv the environment variable holding the API key, if the server wants one (embedder openai)
 * @param fusion           how hybrid search combines words and meaning: {@code convex} (scores, the default) or
 *                         {@code rrf} (reciprocal rank fusion)
 * @param analysis         how Chinese is indexed: {@code bigrams} (the default) or {@code smartcn} (dictionary
 *                         words as well, for documents ingested from then on)
 * @param translation      how queries cross languages: {@code dictionary} (the default: the domain lexicon, then
 *                         CC-CEDICT for every other word) or {@code lexicon} (the domain lexicon and known names only)
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record Settings(String backend, String opensearchUrl, String opensearchIndex, String embedder, String onnxModel,
                       String onnxTokenizer, String onnxPooling, String embeddingsUrl, String embeddingsModel,
                       String embeddingsKeyEnv, String fusion, String analysis, String translation) {
    public static final String LUCENE = "lucene";
    public static final String OPENSEARCH = "opensearch";
    public static final String NONE = "none";
    public static final String CONVEX = "convex";
    public static final String RRF = "rrf";
    public static final String BIGRAMS = "bigrams";
    public static final String SMARTCN = "smartcn";
    public static final String DICTIONARY = "dictionary";
    public static final String LEXICON = "lexicon";
    private static final String FILE = "settings.json";
    private static final ObjectMapper JSON = new ObjectMapper()
            .configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, false)
            .enable(SerializationFeature.INDENT_OUTPUT);

    public Settings {
        backend = backend == null ? LUCENE : backend.toLowerCase(Locale.ROOT);
        embedder = embedder == null ? OnnxEmbedder.DEFAULT_ID : embedder.toLowerCase(Locale.ROOT);
        fusion = fusion == null ? CONVEX : fusion.toLowerCase(Locale.ROOT);
        analysis = analysis == null ? BIGRAMS : analysis.toLowerCase(Locale.ROOT);
        translation = translation == null ? DICTIONARY : translation.toLowerCase(Locale.ROOT);
        if (!translation.equals(DICTIONARY) && !translation.equals(LEXICON)) {
            throw new IllegalArgumentException("--translation " + translation + " is not known; use dictionary (the default) or lexicon");
        }
        if (!analysis.equals(BIGRAMS) && !analysis.equals(SMARTCN)) {
            throw new IllegalArgumentException("--analysis " + analysis + " is not known; use bigrams (the default) or smartcn");
        }
        if (!fusion.equals(CONVEX) && !fusion.equals(RRF)) {
            throw new IllegalArgumentException("--fusion " + fusion + " is not known; use convex (the default) or rrf");
        }
        if (!backend.equals(LUCENE) && !backend.equals(OPENSEARCH)) {
            throw new IllegalArgumentException("--backend " + backend + " is not known; use lucene (embedded, the default) or opensearch");
        }
        if (backend.equals(OPENSEARCH) && (opensearchUrl == null || opensearchUrl.isBlank())) {
            throw new IllegalArgumentException("--backend opensearch needs --opensearch URL (e.g. http://127.0.0.1:9200)");
        }
        if (!java.util.Set.of(OnnxEmbedder.DEFAULT_ID, "onnx", "openai", NONE).contains(embedder)) {
            throw new IllegalArgumentException("--embedder " + embedder + " is not known; use " + OnnxEmbedder.DEFAULT_ID
                    + " (in the jar, the default), onnx (with --onnx-model and --onnx-tokenizer), openai (with "
                    + "--embeddings-url and --embeddings-model) or none");
        }
        if (onnxPooling != null && !onnxPooling.equalsIgnoreCase("cls") && !onnxPooling.equalsIgnoreCase("mean")) {
            throw new IllegalArgumentException("--onnx-pooling " + onnxPooling + " is not known; use cls (BGE models) or mean");
        }
    }

    public Settings(String backend, String opensearchUrl, String opensearchIndex, String embedder, String onnxModel,
                    String onnxTokenizer, String onnxPooling, String embeddingsUrl, String embeddingsModel,
                    String embeddingsKeyEnv, String fusion) {
        this(backend, opensearchUrl, opensearchIndex, embedder, onnxModel, onnxTokenizer, onnxPooling, embeddingsUrl,
                embeddingsModel, embeddingsKeyEnv, fusion, null, null);
    }

    public Settings(String backend, String opensearchUrl, String opensearchIndex, String embedder, String onnxModel,
                    String onnxTokenizer, String onnxPooling, String embeddingsUrl, String embeddingsModel,
                    String embeddingsKeyEnv, String fusion, String analysis) {
        this(backend, opensearchUrl, opensearchIndex, embedder, onnxModel, onnxTokenizer, onnxPooling, embeddingsUrl,
                embeddingsModel, embeddingsKeyEnv, fusion, analysis, null);
    }

    /** The embedded index and the model in the jar. */
    public static Settings defaults() {
        return new Settings(null, null, null, null, null, null, null, null, null, null, null, null, null);
    }

    /** The same settings with another analysis. */
    public Settings withAnalysis(String newAnalysis) {
        return new Settings(backend, opensearchUrl, opensearchIndex, embedder, onnxModel, onnxTokenizer, onnxPooling,
                embeddingsUrl, embeddingsModel, embeddingsKeyEnv, fusion, newAnalysis, translation);
    }

    /** The same settings with another embedding model ({@code none}: words only). */
    public Settings withEmbedder(String newEmbedder) {
        return new Settings(backend, opensearchUrl, opensearchIndex, newEmbedder, onnxModel, onnxTokenizer, onnxPooling,
                embeddingsUrl, embeddingsModel, embeddingsKeyEnv, fusion, analysis, translation);
    }

    /** The same settings with another way of crossing languages ({@code dictionary} or {@code lexicon}). */
    public Settings withTranslation(String newTranslation) {
        return new Settings(backend, opensearchUrl, opensearchIndex, embedder, onnxModel, onnxTokenizer, onnxPooling,
                embeddingsUrl, embeddingsModel, embeddingsKeyEnv, fusion, analysis, newTranslation);
    }

    /** Whether queries are translated word by word with the general dictionary. */
    public boolean translates() {
        return translation.equals(DICTIONARY);
    }

    /** Whether Chinese passages are also indexed as smartcn words. */
    public boolean words() {
        return analysis.equals(SMARTCN);
    }

    /** The settings saved in a data folder, or the defaults when none were saved. */
    public static Settings load(Path dataDir) {
        Path file = dataDir.resolve(FILE);
        if (!Files.exists(file)) {
            return defaults();
        }
        try {
            return JSON.readValue(file.toFile(), Settings.class);
        } catch (IOException e) {
            throw new IllegalArgumentException(file + " could not be read (" + e.getMessage() + "); fix it or delete it "
                    + "and give the options again", e);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(file + ": " + e.getMessage(), e);
        }
    }

    /** Saves these settings in the data folder (only when they differ from what is there). */
    public void save(Path dataDir) {
        try {
            Files.createDirectories(dataDir);
            Path file = dataDir.resolve(FILE);
            String text = JSON.writeValueAsString(this) + "\n";
            if (!Files.exists(file) || !Files.readString(file).equals(text)) {
                Files.writeString(file, text);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("could not save " + dataDir.resolve(FILE), e);
        }
    }

    /** What must stay the same for vectors to stay comparable: the model. */
    public String modelKey() {
        return switch (embedder) {
            case "onnx" -> "onnx:" + onnxModel + ":" + (onnxPooling == null ? "cls" : onnxPooling.toLowerCase(Locale.ROOT));
            case "openai" -> "openai:" + embeddingsUrl + ":" + embeddingsModel;
            default -> embedder;
        };
    }

    public boolean embeds() {
        return !embedder.equals(NONE);
    }

    public String indexName() {
        return opensearchIndex == null || opensearchIndex.isBlank() ? "veritas" : opensearchIndex;
    }

    /** Loads the configured model (a second or so for the ONNX ones); null for {@code none}. */
    public Embedder createEmbedder() {
        return switch (embedder) {
            case "onnx" -> OnnxEmbedder.fromFiles(onnxModel == null ? null : Path.of(onnxModel),
                    onnxTokenizer == null ? null : Path.of(onnxTokenizer),
                    onnxPooling == null || onnxPooling.equalsIgnoreCase("cls") ? PoolingMode.CLS : PoolingMode.MEAN);
            case "openai" -> new OpenAiEmbedder(embeddingsUrl, embeddingsModel,
                    System.getenv(embeddingsKeyEnv == null ? "OPENAI_API_KEY" : embeddingsKeyEnv));
            case NONE -> null;
            default -> OnnxEmbedder.inJar();
        };
    }
}
