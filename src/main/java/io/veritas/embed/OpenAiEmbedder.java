package io.veritas.embed;

import dev.langchain4j.data.embedding.Embedding;
import dev.langchain4j.data.segment.TextSegment;
import dev.langchain4j.model.openai.OpenAiEmbeddingModel;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * Any server that speaks the OpenAI embeddings API ({@code POST {base}/embeddings}): vLLM, llama.cpp, Ollama,
 * text-embeddings-inference, or a hosted service. The key, if the server wants one, comes from an environment
 * variable, never from the command line or the data folder.
 */
public final class OpenAiEmbedder implements Embedder {
    private final String id;
    private final OpenAiEmbeddingModel model;

    public OpenAiEmbedder(String baseUrl, String modelName, String apiKey) {
        if (baseUrl == null || !baseUrl.matches("https?://.+")) {
            throw new IllegalArgumentException("--embeddings-url " + baseUrl + " is not an http(s) URL; give the server's "
                    + "OpenAI-compatible base URL, e.g. http://127.0.0.1:8000/v1");
        }
        if (modelName == null || modelName.isBlank()) {
            throw new IllegalArgumentException("--embeddings-model is missing; give the model name the server expects");
        }
        this.id = "openai:" + modelName;
        this.model = OpenAiEmbeddingModel.builder()
                .baseUrl(baseUrl)
                .apiKey(apiKey == null || apiKey.isBlank() ? "none" : apiKey)
                .modelName(modelName)
                .timeout(Duration.ofSeconds(60))
                .maxRetries(2)
                .build();
    }

    @Override
    public String id() {
        return id;
    }

    @Override
    public List<float[]> embedPassages(List<String> texts) {
        List<TextSegment> segments = new ArrayList<>(texts.size());
        for (String t : texts) {
            segments.add(TextSegment.from(OnnxEmbedder.cut(t)));
        }
        List<Embedding> embeddings = model.embedAll(segments).content();
        if (embeddings.size() != texts.size()) {
            throw new IllegalStateException("the embeddings server returned " + embeddings.size() + " vectors for "
                    + texts.size() + " texts");
        }
        List<float[]> out = new ArrayList<>(texts.size());
        for (Embedding e : embeddings) {
            out.add(e.vector());
        }
        return out;
    }

    @Override
    public float[] embedQuery(String text) {
        return model.embed(OnnxEmbedder.cut(text)).content().vector();
    }
}
