package io.veritas.cli;

import io.veritas.index.Index;
import picocli.CommandLine;
import picocli.CommandLine.Command;

import java.io.PrintWriter;

/** The {@code veritas} command line. */
@Command(name = "veritas", mixinStandardHelpOptions = true, version = "Veritas 0.1.0",
        description = "A self-hostable, truth-seeking answer engine over your own news and posts.",
        subcommands = {IngestCommand.class, AskCommand.class, SearchCommand.class, ServeCommand.class,
                DemoCommand.class, BenchCommand.class, SearchBenchCommand.class, ClaimsCommand.class, TimelineCommand.class, EvalCommand.class, EvalQaCommand.class, CommandLine.HelpCommand.class})
public final class Main {
    /** Held so the logger keeps its level: Lucene's start-up notes are not for command-line users. */
    private static final java.util.logging.Logger LUCENE_LOG = java.util.logging.Logger.getLogger("org.apache.lucene");

    public static void main(String[] args) {
        LUCENE_LOG.setLevel(java.util.logging.Level.SEVERE);
        System.exit(run(args));
    }

    static int run(String... args) {
        CommandLine cli = commandLine();
        return cli.execute(args);
    }

    static CommandLine commandLine() {
        CommandLine cli = new CommandLine(new Main());
        cli.setOut(new PrintWriter(new java.io.OutputStreamWriter(System.out, java.nio.charset.StandardCharsets.UTF_8), true));
        cli.setErr(new PrintWriter(new java.io.OutputStreamWriter(System.err, java.nio.charset.StandardCharsets.UTF_8), true));
        cli.setExecutionExceptionHandler((e, commandLine, parseResult) -> {
            // Users see what went wrong and what to do, never a stack trace.
            String message = e instanceof Index.Unavailable || e instanceof IllegalArgumentException
                    || e instanceof IllegalStateException || e instanceof java.io.UncheckedIOException
                    ? e.getMessage() : e.getClass().getSimpleName() + ": " + e.getMessage();
            commandLine.getErr().println("veritas: " + message);
            if (System.getenv("VERITAS_DEBUG") != null) {
                e.printStackTrace(commandLine.getErr());
            }
            return 2;
        });
        return cli;
    }
}
