package io.veritas.embed;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The in-jar model run in child JVMs, each with its own {@code java.io.tmpdir}: ONNX Runtime's libraries are
 * extracted once into the cache folder, even by two processes starting at once, and no run leaves a folder in the
 * temporary directory, not even one that ends like {@code kill -9}.
 */
class OnnxNativesTest {
    @TempDir
    Path dir;

    /** Embeds one query with the in-jar model; {@code halt} ends the JVM without shutdown hooks or deleteOnExit. */
    public static final class Child {
        public static void main(String[] args) {
            OnnxEmbedder embedder = OnnxEmbedder.inJar();
            System.out.println("dimensions " + embedder.embedQuery("Halvard Optics raised a seed round").length);
            System.out.flush();
            if (args.length > 0 && args[0].equals("halt")) {
                Runtime.getRuntime().halt(0);
            }
            embedder.close();
        }
    }

    private Process start(Path tmp, Path cache, String name, String... args) throws IOException {
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx512m", "--enable-native-access=ALL-UNNAMED", "-Djava.io.tmpdir=" + tmp,
                "-D" + OnnxNatives.CACHE_PROPERTY + "=" + cache, "-cp", System.getProperty("java.class.path"), Child.class.getName()));
        command.addAll(List.of(args));
        return new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(dir.resolve(name + ".log").toFile()).start();
    }

    private String finish(Process p, String name) throws Exception {
        assertTrue(p.waitFor(120, TimeUnit.SECONDS), name + " did not finish");
        String log = Files.readString(dir.resolve(name + ".log"));
        assertEquals(0, p.exitValue(), name + ":\n" + log);
        assertTrue(log.contains("dimensions 512"), name + ":\n" + log);
        return log;
    }

    private static List<String> names(Path folder) throws IOException {
        try (Stream<Path> s = Files.list(folder)) {
            return s.map(p -> p.getFileName().toString()).sorted().toList();
        }
    }

    @Test
    void theLibrariesAreExtractedOnceAndNothingIsLeftInTheTemporaryFolder() throws Exception {
        Path tmp = Files.createDirectories(dir.resolve("tmp"));
        Path cache = dir.resolve("cache");
        Process first = start(tmp, cache, "first");
        Process second = start(tmp, cache, "second");
        finish(first, "first");
        finish(second, "second");

        String folderName = "onnxruntime-" + OnnxNatives.version() + "-" + OnnxNatives.platform();
        assertTrue(folderName.matches("onnxruntime-\\d+\\.\\d+\\.\\d+-\\w+-\\w+"), folderName);
        assertEquals(List.of(folderName), names(cache));
        Path library = cache.resolve(folderName).resolve(System.mapLibraryName("onnxruntime"));
        assertEquals(List.of(System.mapLibraryName("onnxruntime"), System.mapLibraryName("onnxruntime4j_jni")).stream().sorted().toList(),
                names(cache.resolve(folderName)), "both libraries, and no half-written copy");
        assertTrue(Files.size(library) > 1_000_000);
        assertEquals(List.of(), names(tmp), "nothing left in java.io.tmpdir");

        BasicFileAttributes before = Files.readAttributes(library, BasicFileAttributes.class);
        finish(start(tmp, cache, "killed", "halt"), "killed");
        BasicFileAttributes after = Files.readAttributes(library, BasicFileAttributes.class);
        assertEquals(before.fileKey(), after.fileKey(), "the cached library is used, not extracted again");
        assertEquals(before.lastModifiedTime(), after.lastModifiedTime());
        assertEquals(List.of(), names(tmp), "a JVM that ends without exit hooks leaves nothing either");
    }

    @Test
    void aCacheThatCannotBeWrittenFallsBackToATemporaryCopyThatIsRemoved() throws Exception {
        Path tmp = Files.createDirectories(dir.resolve("tmp"));
        Path notAFolder = Files.writeString(dir.resolve("cache-is-a-file"), "not a folder");
        String log = finish(start(tmp, notAFolder, "fallback", "halt"), "fallback");
        assertTrue(log.contains("cannot keep ONNX Runtime's libraries in " + notAFolder + File.separator), log);
        assertEquals(List.of(), names(tmp), "the temporary copy is deleted once loaded");
    }
}
