package io.veritas.answer;

import io.veritas.Veritas;

import java.nio.file.Path;
import java.util.List;

/** The answer tests' corpora: one test resource ingested into a fresh data folder, words only (no vectors). */
final class Fixtures {
    private Fixtures() {
    }

    static Veritas ingested(Path dir, String resource) throws Exception {
        Veritas veritas = Veritas.open(dir.resolve("data"), io.veritas.Settings.defaults().withEmbedder("none"));
        veritas.ingest(List.of(Path.of(Fixtures.class.getResource(resource).toURI())), p -> { });
        return veritas;
    }
}
