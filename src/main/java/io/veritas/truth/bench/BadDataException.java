package io.veritas.truth.bench;

import java.nio.file.Path;

/** A data file that does not have the format its adapter reads: names the file, the line and what to do. */
public final class BadDataException extends IllegalArgumentException {
    public BadDataException(Path file, long line, String problem, String remedy) {
        super(file + ":" + line + ": " + problem + ". " + remedy);
    }

    public BadDataException(Path file, String problem, String remedy) {
        super(file + ": " + problem + ". " + remedy);
    }
}
