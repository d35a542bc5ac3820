package io.veritas.embed;

import ai.onnxruntime.OrtEnvironment;

import java.io.IOException;
import java.io.InputStream;
import java.lang.reflect.Field;
import java.net.URL;
import java.net.URLConnection;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * ONNX Runtime's native libraries, extracted from the jar once per user rather than once per run.
 *
 * <p>Why: ONNX Runtime's Java loader ({@code ai.onnxruntime.OnnxRuntime.init}, 1.20) creates a fresh
 * {@code onnxruntime-java*} folder in {@code java.io.tmpdir} on every start, copies {@code libonnxruntime} and
 * {@code libonnxruntime4j_jni} into it and only marks the files and then the folder {@code deleteOnExit}. Those run in
 * reverse order of registration, so the folder is deleted first, while it still holds the libraries, and stays
 * behind; a JVM that is killed keeps the libraries too. When the system property {@code onnxruntime.native.path}
 * names a folder, the loader loads both libraries from there and copies nothing (it still creates its temporary
 * folder, empty, which is removed here once the libraries are loaded).
 *
 * <p>So the libraries of this platform are copied to {@code <cache>/onnxruntime-<version>-<os>-<arch>/}, where
 * {@code <cache>} is the {@value #CACHE_PROPERTY} system property, else {@code $VERITAS_CACHE}, else
 * {@code $XDG_CACHE_HOME/veritas}, else {@code ~/.cache/veritas}. Each file is written under a temporary name in that
 * folder and then renamed, so processes starting at once never load a half-written library; a file already there
 * with the jar's size is used as it is. When the cache cannot be written, the libraries go to a temporary folder of
 * this run, deleted as soon as they are loaded (or at exit where the system keeps loaded libraries locked).
 */
final class OnnxNatives {
    /** System property naming the cache folder (tests point it at a temporary folder). */
    static final String CACHE_PROPERTY = "veritas.cache";
    static final String NATIVE_PATH = "onnxruntime.native.path";
    /** Libraries the loader looks for in {@link #NATIVE_PATH}; the first two are needed, the providers optional. */
    private static final List<String> LIBRARIES = List.of("onnxruntime", "onnxruntime4j_jni", "onnxruntime_providers_shared",
            "onnxruntime_providers_cuda", "onnxruntime_providers_rocm", "onnxruntime_providers_dnnl",
            "onnxruntime_providers_openvino", "onnxruntime_providers_tensorrt");
    private static final Pattern VERSION = Pattern.compile("<artifactId>onnxruntime(?:_gpu)?</artifactId>\\s*<version>([^<]+)</version>");
    private static final Duration STALE = Duration.ofHours(1);

    private static boolean prepared;

    private OnnxNatives() {
    }

    /**
     * Points ONNX Runtime at the cached libraries and loads it. Call before the first use of any ONNX Runtime class:
     * the loader runs once, from the static initialiser of whichever class comes first. A path the user set
     * ({@code -Donnxruntime.native.path}) is left alone.
     */
    static synchronized void prepare() {
        if (prepared) {
            return;
        }
        prepared = true;
        Path scratch = null;
        if (System.getProperty(NATIVE_PATH) == null && System.getProperty("onnxruntime.native.onnxruntime.path") == null) {
            List<Library> libraries = libraries();
            if (!libraries.isEmpty()) {
                Path folder = cacheRoot().resolve("onnxruntime-" + version() + "-" + platform());
                try {
                    install(folder, libraries);
                    System.setProperty(NATIVE_PATH, folder.toString());
                } catch (IOException | RuntimeException e) {
                    scratch = scratch(libraries, folder, e);
                }
            }
        }
        OrtEnvironment.getEnvironment();
        removeLoaderFolder();
        if (scratch != null) {
            deleteFolder(scratch);
        }
    }

    /** The folder the cache lives in. */
    static Path cacheRoot() {
        String property = System.getProperty(CACHE_PROPERTY);
        if (property != null && !property.isBlank()) {
            return Path.of(property);
        }
        String env = System.getenv("VERITAS_CACHE");
        if (env != null && !env.isBlank()) {
            return Path.of(env);
        }
        String xdg = System.getenv("XDG_CACHE_HOME");
        if (xdg != null && !xdg.isBlank() && Path.of(xdg).isAbsolute()) {
            return Path.of(xdg, "veritas");
        }
        return Path.of(System.getProperty("user.home"), ".cache", "veritas");
    }

    /** The platform as ONNX Runtime names its folders in the jar ({@code linux-x64}, {@code osx-aarch64}, ...), or null. */
    static String platform() {
        String os = System.getProperty("os.name", "").toLowerCase(Locale.ENGLISH);
        String arch = System.getProperty("os.arch", "").toLowerCase(Locale.ENGLISH);
        String o = os.contains("mac") || os.contains("darwin") ? "osx" : os.contains("win") ? "win" : os.contains("nux") ? "linux" : null;
        String a = arch.startsWith("amd64") || arch.startsWith("x86_64") ? "x64" : arch.startsWith("x86") ? "x86"
                : arch.startsWith("aarch64") ? "aarch64" : arch.startsWith("ppc64") ? "ppc64" : null;
        return o == null || a == null ? null : o + "-" + a;
    }

    /** The version of the ONNX Runtime jar, from its Maven metadata; "unknown" if it has none (sizes are checked too). */
    static String version() {
        for (String artifact : List.of("onnxruntime", "onnxruntime_gpu")) {
            try (InputStream in = OrtEnvironment.class.getResourceAsStream("/META-INF/maven/com.microsoft.onnxruntime/" + artifact + "/pom.xml")) {
                if (in != null) {
                    Matcher m = VERSION.matcher(new String(in.readAllBytes(), StandardCharsets.UTF_8));
                    if (m.find()) {
                        return m.group(1).strip().replaceAll("[^A-Za-z0-9._-]", "_");
                    }
                }
            } catch (IOException e) {
                // no version to read: the folder is named "unknown" and the sizes still tell a stale copy
            }
        }
        return "unknown";
    }

    /** One library in the jar: its file name, where it is and how many bytes it has (-1 when the jar does not say). */
    private record Library(String fileName, URL resource, long size) {
    }

    /** The libraries this platform has in the jar; empty when the two the loader needs are not there. */
    private static List<Library> libraries() {
        String platform = platform();
        if (platform == null) {
            return List.of();
        }
        List<Library> out = new ArrayList<>();
        for (String name : LIBRARIES) {
            String fileName = System.mapLibraryName(name).replace("jnilib", "dylib");
            URL url = OrtEnvironment.class.getResource("/ai/onnxruntime/native/" + platform + "/" + fileName);
            if (url == null) {
                if (out.size() < 2) {
                    return List.of(); // not in the jar: ONNX Runtime looks on java.library.path itself
                }
                continue;
            }
            long size = -1;
            try {
                URLConnection c = url.openConnection();
                c.setUseCaches(false);
                size = c.getContentLengthLong();
            } catch (IOException e) {
                // size unknown: the copy is compared with the jar's bytes instead
            }
            out.add(new Library(fileName, url, size));
        }
        return out;
    }

    private static void install(Path folder, List<Library> libraries) throws IOException {
        Files.createDirectories(folder);
        boolean swept = false;
        for (Library lib : libraries) {
            Path target = folder.resolve(lib.fileName());
            if (current(target, lib)) {
                continue;
            }
            if (!swept) {
                sweepStaleParts(folder);
                swept = true;
            }
            Path part = Files.createTempFile(folder, lib.fileName() + ".", ".part");
            try {
                copy(lib, part);
                try {
                    Files.move(part, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
                } catch (AtomicMoveNotSupportedException e) {
                    Files.move(part, target, StandardCopyOption.REPLACE_EXISTING);
                } catch (IOException e) {
                    if (!current(target, lib)) { // another process put it there first (and has it open): fine
                        throw e;
                    }
                }
            } finally {
                Files.deleteIfExists(part);
            }
        }
    }

    /** Whether the file there is this library: the same size as in the jar (or, the jar not saying, the same bytes). */
    private static boolean current(Path target, Library lib) throws IOException {
        if (!Files.isRegularFile(target)) {
            return false;
        }
        if (lib.size() >= 0) {
            return Files.size(target) == lib.size();
        }
        try (InputStream in = lib.resource().openStream()) {
            return java.util.Arrays.equals(in.readAllBytes(), Files.readAllBytes(target));
        }
    }

    private static void copy(Library lib, Path to) throws IOException {
        try (InputStream in = lib.resource().openStream()) {
            Files.copy(in, to, StandardCopyOption.REPLACE_EXISTING);
        }
        try (FileChannel channel = FileChannel.open(to, StandardOpenOption.WRITE)) {
            channel.force(true); // on disk before the rename makes it visible
        }
    }

    /** Half-written copies left by a process killed while extracting. */
    private static void sweepStaleParts(Path folder) {
        Instant before = Instant.now().minus(STALE);
        try (DirectoryStream<Path> parts = Files.newDirectoryStream(folder, "*.part")) {
            for (Path p : parts) {
                if (Files.getLastModifiedTime(p).toInstant().isBefore(before)) {
                    Files.deleteIfExists(p);
                }
            }
        } catch (IOException e) {
            // they only take space
        }
    }

    /** The cache could not be written: the libraries go to a folder of this run's own, deleted once loaded. */
    private static Path scratch(List<Library> libraries, Path cache, Exception why) {
        System.err.println("veritas: cannot keep ONNX Runtime's libraries in " + cache + " (" + why.getClass().getSimpleName()
                + ": " + why.getMessage() + "); using a temporary copy for this run (set VERITAS_CACHE or -D" + CACHE_PROPERTY
                + " to a writable folder)");
        Path folder = null;
        try {
            folder = Files.createTempDirectory("veritas-onnxruntime-");
            folder.toFile().deleteOnExit(); // registered before its files, so deleted after them
            for (Library lib : libraries) {
                Path target = folder.resolve(lib.fileName());
                target.toFile().deleteOnExit();
                copy(lib, target);
            }
            System.setProperty(NATIVE_PATH, folder.toString());
            return folder;
        } catch (IOException | RuntimeException e) {
            if (folder != null) {
                deleteFolder(folder);
            }
            return null; // ONNX Runtime extracts the libraries itself, as it always did
        }
    }

    /**
     * Removes the temporary folder ONNX Runtime's loader created, now that the libraries are loaded: it is empty when
     * they came from {@link #NATIVE_PATH}, holds the libraries when even a temporary copy failed, and would outlive a
     * JVM that is killed. The loader keeps it in a private field; a later version without that field just leaves it to
     * its own {@code deleteOnExit}.
     */
    private static void removeLoaderFolder() {
        try {
            Field field = Class.forName("ai.onnxruntime.OnnxRuntime", false, OrtEnvironment.class.getClassLoader())
                    .getDeclaredField("tempDirectory");
            field.setAccessible(true);
            if (field.get(null) instanceof Path folder && Files.isDirectory(folder)) {
                deleteFolder(folder);
            }
        } catch (ReflectiveOperationException | RuntimeException e) {
            // left to ONNX Runtime's deleteOnExit
        }
    }

    /** Deletes a folder of loaded libraries where the system allows it (not on Windows, which locks them). */
    private static void deleteFolder(Path folder) {
        try (DirectoryStream<Path> files = Files.newDirectoryStream(folder)) {
            for (Path f : files) {
                Files.deleteIfExists(f);
            }
            Files.deleteIfExists(folder);
        } catch (IOException e) {
            // registered with deleteOnExit when it was made
        }
    }
}
