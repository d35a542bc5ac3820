package io.veritas;

import io.veritas.index.Index;
import io.veritas.index.LuceneIndex;
import io.veritas.index.OpenSearchIndex;

import java.nio.file.Path;

/** Opens the index the settings name: the embedded Lucene index in the data folder, or an OpenSearch index. */
final class IndexOpener {
    private IndexOpener() {
    }

    static Index open(Path dataDir, Settings settings, boolean writable) {
        if (settings.backend().equals(Settings.OPENSEARCH)) {
            return writable ? OpenSearchIndex.open(settings.opensearchUrl(), settings.indexName(), settings.words())
                    : OpenSearchIndex.openForReading(settings.opensearchUrl(), settings.indexName(), settings.words());
        }
        return writable ? LuceneIndex.openForWriting(dataDir, settings.words()) : LuceneIndex.openForReading(dataDir, settings.words());
    }

    /** Opens for writing and refuses a folder whose passage vectors were made by another model than the settings name. */
    static Index openForWriting(Path dataDir, Settings settings) {
        Index index = open(dataDir, settings, true);
        try {
            String before = Settings.load(dataDir).modelKey();
            if (!before.equals(settings.modelKey()) && index.vectorCount() > 0) {
                throw new IllegalArgumentException("the passages in " + dataDir + " have vectors of the model " + before
                        + ", not " + settings.modelKey() + "; keep the folder's model (leave out the embedder options) or "
                        + "ingest into a new data folder");
            }
            settings.save(dataDir);
            return index;
        } catch (RuntimeException e) {
            index.close();
            throw e;
        }
    }
}
