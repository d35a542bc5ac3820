package io.veritas.cli;

import picocli.CommandLine.Option;

import java.nio.file.Path;

/** The {@code --data DIR} option every command shares. */
final class DataOption {
    @Option(names = "--data", paramLabel = "DIR", defaultValue = "data",
            description = "Data folder (index, claims, manifest). Default: ${DEFAULT-VALUE}")
    Path data;
}
