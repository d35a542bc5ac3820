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

    public FileSource(Consumer<RawItem> items, Consumer<Failure> failures) {
        this.items = items;
        this.failures = failures;
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

    public void read(Path file) {
        String locator = file.toString();
        byte[] bytes;
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
            text = Decoding.decode(bytes);
        } catch (Decoding.NotText e) {
            failures.accept(new Failure(locator, e.getMessage()));
            return;
        }
        text = text.replace("\r\n", "\n");
        if (text.isBlank()) {
            failures.accept(new Failure(locator, "the file holds only white space; there is nothing to ingest"));
            return;
        }
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
            String locator = path + ":" + lineNo;
            try {
                items.accept(JsonPosts.parse(locator, path, line).withExtra("line", Integer.toString(lineNo)));
            } catch (JsonPosts.BadRecord e) {
                failures.accept(new Failure(locator, e.getMessage()));
            }
        }
    }
}
