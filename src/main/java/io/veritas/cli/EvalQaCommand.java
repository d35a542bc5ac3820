package io.veritas.cli;

import io.veritas.Veritas;
import io.veritas.answer.Answer;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;

/** Answer quality over a question set ({@link QaSet}): accuracy per language and type, citations, refusals. */
@Command(name = "eval-qa", description = "Measure answer quality on a question set (JSON Lines: question, lang, type, answers, require, answerable).")
final class EvalQaCommand implements Callable<Integer> {
    @Mixin
    DataOption data;

    @Option(names = "--misses", description = "List the questions answered wrongly, with what the engine said.")
    boolean misses;

    @Parameters(paramLabel = "QUESTIONS", description = "The question set, e.g. src/test/resources/qa/questions.jsonl")
    Path questions;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws IOException {
        PrintWriter out = spec.commandLine().getOut();
        List<QaSet.Item> items = QaSet.read(questions);
        QaSet.Report r;
        try (Veritas veritas = Veritas.openReadOnly(data.data)) {
            if (veritas.documentCount() == 0) {
                throw new IllegalArgumentException(data.data + " holds no documents; ingest the set's documents first "
                        + "(./veritas ingest --data " + data.data + " PATH...)");
            }
            r = QaSet.evaluate(items, veritas::ask);
        }
        print(r, out);
        if (misses) {
            for (QaSet.Outcome o : r.misses()) {
                Answer a = o.answer();
                out.printf(Locale.ROOT, "  missed %s [%s %s%s] %s%n      answered=%s short=%s: %s%n", o.item().id(), o.item().lang(),
                        o.item().type(), o.item().answerable() ? "" : ", false premise", o.item().question(), a.answered(),
                        a.shortAnswer(), a.answer().replace('\n', ' '));
            }
        }
        return 0;
    }

    static void print(QaSet.Report r, PrintWriter out) {
        out.printf(Locale.ROOT, "%-16s %4d questions  accuracy %.3f%n", "all", r.all().questions(), r.all().accuracy());
        for (Map.Entry<String, QaSet.Tally> e : r.byLanguage().entrySet()) {
            out.printf(Locale.ROOT, "%-16s %4d questions  accuracy %.3f%n", e.getKey(), e.getValue().questions(), e.getValue().accuracy());
        }
        for (Map.Entry<String, QaSet.Tally> e : r.byType().entrySet()) {
            out.printf(Locale.ROOT, "  %-14s %4d questions  accuracy %.3f%n", e.getKey(), e.getValue().questions(), e.getValue().accuracy());
        }
        out.printf(Locale.ROOT, "citation precision %.3f (%d of %d right answers quote the answer in their first citation)%n",
                r.citationPrecision(), r.firstQuoteHolds(), r.answeredRight());
        out.printf(Locale.ROOT, "no-answer precision %.3f (%d of %d refusals), recall %.3f (%d of %d unanswerable questions refused)%n",
                r.noAnswerPrecision(), r.rightRefusals(), r.refusals(), r.noAnswerRecall(), r.rightRefusals(), r.unanswerable());
    }
}
