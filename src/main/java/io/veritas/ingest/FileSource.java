package io.veritas.ingest;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import java.util.stream.Stream;

/**
 * Reads files and folders (recursively) into {@link RawItem}s. A JSON Lines file gives one item per line; a bad
 * line becomes a {@link Failure} naming the file and line while the other lines go on.
 */
public final class FileSource {
    private final Consumer<RawItem> items;
    private final Consumer<Failure> failures;
    private final Consumer<Failure> warnings;
    /** Progress within the file being read: its size in bytes, and how far (as a fraction) its lines have got. */
    private volatile long currentBytes;
    private volatile double currentFraction;

    public FileSource(Consumer<RawItem> items, Consumer<Failure> failures) {
        this(items, failures, failures);
    }

    /** With {@code warnings} for inputs that were read but with something dropped or repaired. */
    public FileSource(Consumer<RawItem> items, Consumer<Failure> failures, Consumer<Failure> warnings) {
        this.items = items;
        this.failures = failures;
        this.warnings = warnings;
    }

    /** Every regular file under the given paths, in a stable order; hidden files and folders are skipped. */
    public static List<Path> expand(List<Path> paths, Consumer<Failure> failures) {
        List<Path> files = new ArrayList<>();
        for (Path p : paths) {
            if (!Files.exists(p)) {
                failures.accept(new Failure(p.toString(), "no such file or folder; check the path"));
            } else if (Files.isDirectory(p)) {
                try (Stream<Path> walk = Files.walk(p)) {
                    walk.filter(Files::isRegularFile)
                            .filter(f -> !hidden(p, f))
                            .sorted()
                            .forEach(files::add);
                } catch (IOException | java.io.UncheckedIOException e) {
                    failures.accept(new Failure(p.toString(), "could not list the folder: " + e.getMessage()));
                }
            } else {
                files.add(p);
            }
        }
        return files;
    }

    private static boolean hidden(Path root, Path file) {
        for (Path part : root.relativize(file)) {
            if (part.toString().startsWith(".")) {
                return true;
            }
        }
        return false;
    }

    /** Larger single documents are refused: no article is this long, and reading one would crowd the heap. */
    static final long MAX_DOCUMENT_BYTES = 16L << 20;

    public void read(Path file) {
        String locator = file.toString();
        byte[] bytes;
        try {
            long size = Files.size(file);
            String name = file.getFileName().toString().toLowerCase(java.util.Locale.ROOT);
            boolean lines = name.endsWith(".jsonl") || name.endsWith(".ndjson");
            if (!lines && size > MAX_DOCUMENT_BYTES) {
                failures.accept(new Failure(locator, String.format(java.util.Locale.ROOT,
                        "the file is %.1f MB; one document may be at most %d MB. Split it, or write it as JSON Lines if it holds many posts",
                        size / 1e6, MAX_DOCUMENT_BYTES >> 20)));
                return;
            }
            if (lines) {
                streamLines(file, locator, size);
                return;
            }
        } catch (IOException e) {
            failures.accept(new Failure(locator, "could not read the file: " + e.getMessage()));
            return;
        }
        try {
            bytes = Files.readAllBytes(file);
        } catch (IOException e) {
            failures.accept(new Failure(locator, "could not read the file: " + e.getMessage()));
            return;
        } catch (OutOfMemoryError e) {
            failures.accept(new Failure(locator, "the file is too large to read into memory; split it"));
            return;
        }
        String text;
        try {
            Decoding.Decoded decoded = Decoding.decodeWithCharset(bytes);
            text = decoded.text();
            if (decoded.warning() != null) {
                warnings.accept(new Failure(locator, decoded.warning()));
            }
        } catch (Decoding.NotText e) {
            failures.accept(new Failure(locator, e.getMessage()));
            return;
        }
        text = text.replace("\r\n", "\n");
        if (text.isBlank()) {
            failures.accept(new Failure(locator, "the file holds only white space; there is nothing to ingest"));
            return;
        }
        currentBytes = bytes.length;
        currentFraction = 0;
        Format format = Format.detect(file.getFileName().toString(), text);
        switch (format) {
            case JSONL -> readLines(locator, text);
            case JSON -> {
                try {
                    items.accept(JsonPosts.parse(locator, locator, text));
                } catch (JsonPosts.BadRecord e) {
                    failures.accept(new Failure(locator, e.getMessage()));
                }
            }
            default -> items.accept(RawItem.ofFile(locator, format, text));
        }
    }

    /**
     * Reads a JSON Lines file as a stream, a line at a time, so a file of any size needs little memory. JSON is
     * UTF-8 (RFC 8259); a BOM is skipped and broken byte sequences are replaced, with one warning for the file.
     */
    private void streamLines(Path file, String path, long size) throws IOException {
        currentBytes = size;
        currentFraction = 0;
        if (size == 0) {
            failures.accept(new Failure(path, "the file is empty; there is nothing to ingest"));
            return;
        }
        byte[] head = new byte[(int) Math.min(size, 8192)];
        try (java.io.InputStream in = Files.newInputStream(file)) {
            in.readNBytes(head, 0, head.length);
        }
        for (byte b : head) {
            if (b == 0) {
                failures.accept(new Failure(path, "this is a binary file (it contains NUL bytes), not JSON Lines text; "
                        + "write one UTF-8 JSON object per line"));
                return;
            }
        }
        long[] read = {0};
        java.io.InputStream counting = new java.io.FilterInputStream(Files.newInputStream(file)) {
            @Override
            public int read() throws IOException {
                int b = super.read();
                if (b >= 0) {
                    read[0]++;
                }
                return b;
            }

            @Override
            public int read(byte[] buf, int off, int len) throws IOException {
                int n = super.read(buf, off, len);
                if (n > 0) {
                    read[0] += n;
                }
                return n;
            }
        };
        java.nio.charset.CharsetDecoder decoder = java.nio.charset.StandardCharsets.UTF_8.newDecoder()
                .onMalformedInput(java.nio.charset.CodingErrorAction.REPLACE)
                .onUnmappableCharacter(java.nio.charset.CodingErrorAction.REPLACE);
        int replaced = 0;
        try (java.io.BufferedReader reader = new java.io.BufferedReader(new java.io.InputStreamReader(counting, decoder), 1 << 16)) {
            String line;
            int lineNo = 0;
            while ((line = reader.readLine()) != null) {
                lineNo++;
                if (lineNo == 1 && line.startsWith("\uFEFF")) {
                    line = line.substring(1);
                }
                currentFraction = (double) read[0] / size;
                String record = line.strip();
                if (record.isEmpty()) {
                    continue;
                }
                if (record.indexOf('\uFFFD') >= 0) {
                    replaced++;
                }
                String locator = path + ":" + lineNo;
                try {
                    items.accept(JsonPosts.parse(locator, path, record).withExtra("line", Integer.toString(lineNo)));
                } catch (JsonPosts.BadRecord e) {
                    failures.accept(new Failure(locator, e.getMessage()));
                }
            }
        }
        if (replaced > 0) {
            warnings.accept(new Failure(path, replaced + " line(s) held bytes that are not UTF-8; they were replaced with U+FFFD"));
        }
    }

    /** Approximate bytes of the current file already handed over (by the share of its lines read). */
    public long bytesReadOfCurrentFile() {
        return (long) (currentBytes * currentFraction);
    }

    private void readLines(String path, String text) {
        int lineNo = 0;
        int start = 0;
        while (start < text.length()) {
            int end = text.indexOf('\n', start);
            if (end < 0) {
                end = text.length();
            }
            lineNo++;
            String line = text.substring(start, end).strip();
            start = end + 1;
            if (line.isEmpty()) {
                continue;
            }
            currentFraction = (double) start / text.length();
            String locator = path + ":" + lineNo;
            try {
                items.accept(JsonPosts.parse(locator, path, line).withExtra("line", Integer.toString(lineNo)));
            } catch (JsonPosts.BadRecord e) {
                failures.accept(new Failure(locator, e.getMessage()));
            }
        }
    }
}
