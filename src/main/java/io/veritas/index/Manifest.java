package io.veritas.index;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The data folder's manifest ({@code manifest.json}): the schema version the folder was written with, so that a
 * newer Veritas can refuse or migrate an older folder with a clear message instead of misreading it.
 */
final class Manifest {
    private static final Pattern VERSION = Pattern.compile("\"schemaVersion\"\\s*:\\s*(\\d+)");

    private Manifest() {
    }

    static void check(Path dataDir, boolean create) throws IOException {
        Path file = dataDir.resolve("manifest.json");
        if (!Files.exists(file)) {
            if (create) {
                Files.createDirectories(dataDir);
                Files.writeString(file, "{\"format\": \"veritas-data\", \"schemaVersion\": " + LuceneIndex.SCHEMA_VERSION + "}\n",
                        StandardCharsets.UTF_8);
            }
            return;
        }
        Matcher m = VERSION.matcher(Files.readString(file, StandardCharsets.UTF_8));
        if (!m.find()) {
            throw new Index.Unavailable(file + " is not a Veritas manifest; point --data at a Veritas data folder", null);
        }
        int version = Integer.parseInt(m.group(1));
        if (version != LuceneIndex.SCHEMA_VERSION) {
            throw new Index.Unavailable("the data folder " + dataDir + " uses schema version " + version
                    + " but this Veritas reads version " + LuceneIndex.SCHEMA_VERSION
                    + "; re-ingest into a new folder (delete it and run ./veritas ingest again)", null);
        }
    }
}
