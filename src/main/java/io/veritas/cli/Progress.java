package io.veritas.cli;

import io.veritas.Veritas;
import me.tongfei.progressbar.ProgressBar;
import me.tongfei.progressbar.ProgressBarBuilder;
import me.tongfei.progressbar.ProgressBarStyle;

import java.io.PrintWriter;
import java.util.Locale;

/**
 * Shows the progress of a long ingest: a live bar with rate and ETA on a terminal (progressbar), plain lines
 * every few seconds otherwise (logs, CI). Small ingests that finish within the first interval print nothing.
 */
abstract class Progress implements AutoCloseable {
    abstract void update(Veritas.Progress p);

    @Override
    public void close() {
    }

    static Progress create(PrintWriter err) {
        return isTerminal() ? new Bar() : new Lines(err);
    }

    private static boolean isTerminal() {
        java.io.Console console = System.console();
        if (console == null) {
            return false;
        }
        try {
            // Console.isTerminal() exists from Java 22; on 21 a non-null console means a terminal.
            return (Boolean) java.io.Console.class.getMethod("isTerminal").invoke(console);
        } catch (ReflectiveOperationException e) {
            return true;
        }
    }

    static String line(Veritas.Progress p) {
        double seconds = Math.max(1e-3, p.elapsed().toNanos() / 1e9);
        double rate = p.documents() / seconds;
        double fraction = p.bytesTotal() == 0 ? 1 : (double) p.bytes() / p.bytesTotal();
        long eta = fraction <= 0 ? 0 : Math.round(seconds / fraction - seconds);
        return String.format(Locale.ROOT, "ingest: %,d documents, %.1f of %.1f MB (%.0f%%), %,.0f documents/s, ETA %d:%02d",
                p.documents(), p.bytes() / 1e6, p.bytesTotal() / 1e6, fraction * 100, rate, eta / 60, eta % 60);
    }

    private static final class Lines extends Progress {
        private final PrintWriter err;
        private long last = System.nanoTime();

        Lines(PrintWriter err) {
            this.err = err;
        }

        @Override
        void update(Veritas.Progress p) {
            long now = System.nanoTime();
            if (now - last >= 5_000_000_000L) {
                last = now;
                err.println(line(p));
                err.flush();
            }
        }
    }

    private static final class Bar extends Progress {
        private ProgressBar bar;

        @Override
        void update(Veritas.Progress p) {
            if (bar == null) {
                if (p.elapsed().toMillis() < 1000) {
                    return; // quick ingests need no bar
                }
                bar = new ProgressBarBuilder().setTaskName("Ingesting").setInitialMax(Math.max(1, p.bytesTotal() / 1000))
                        .setUnit(" MB", 1000).setStyle(ProgressBarStyle.COLORFUL_UNICODE_BLOCK).showSpeed().build();
            }
            bar.stepTo(p.bytes() / 1000);
            double seconds = Math.max(1e-3, p.elapsed().toNanos() / 1e9);
            bar.setExtraMessage(String.format(Locale.ROOT, " %,d docs, %,.0f docs/s", p.documents(), p.documents() / seconds));
        }

        @Override
        public void close() {
            if (bar != null) {
                bar.close();
            }
        }
    }
}
