package io.veritas.cli;

import io.veritas.Veritas;
import io.veritas.answer.Answer;
import io.veritas.answer.Citation;
import io.veritas.answer.FactView;
import io.veritas.api.Json;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

import java.io.PrintWriter;
import java.util.List;
import java.util.concurrent.Callable;

@Command(name = "ask", description = "Answer a question from the ingested documents, with citations.")
final class AskCommand implements Callable<Integer> {
    @Mixin
    DataOption data;

    @Option(names = "--json", description = "Print one JSON object.")
    boolean json;

    @Parameters(paramLabel = "QUESTION", arity = "1..*", description = "The question (in English or Chinese).")
    List<String> words;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        Answer answer;
        try (Veritas veritas = Veritas.openReadOnly(data.data)) {
            veritas.prepareSearch(); // the dictionary loads while the rest opens
            answer = veritas.ask(String.join(" ", words));
        }
        if (json) {
            out.println(Json.pretty(answer));
        } else {
            print(answer, out);
        }
        return 0;
    }

    static void print(Answer a, PrintWriter out) {
        out.println(a.answer());
        if (!a.facts().isEmpty()) {
            out.println();
            out.println("Facts:");
            for (FactView f : a.facts()) {
                out.printf("  %-10s %s%s  %s  %s  [%s]%n", f.status(), f.qualifier() == null ? "" : f.qualifier() + " ",
                        f.attribute(), f.text(), f.asOf() == null ? "undated" : f.asOf(), String.join(", ", f.sources()));
            }
        }
        if (!a.citations().isEmpty()) {
            out.println();
            out.println("Sources:");
            int n = 1;
            for (Citation c : a.citations()) {
                out.printf("  [%d] %s%s%n", n++, c.path() != null ? c.path() : c.id(),
                        c.published() == null ? "" : " (" + c.published().toString().substring(0, 10) + ")");
                if (c.title() != null) {
                    out.println("      " + c.title());
                }
                out.println("      \u201c" + c.quote() + "\u201d");
            }
        }
        if (!a.suggestions().isEmpty()) {
            out.println();
            out.println(a.language().equals("en") ? "You could also ask:" : (a.language().equals("zh-Hant") ? "你也可以問：" : "你也可以问："));
            for (String s : a.suggestions()) {
                out.println("  - " + s);
            }
        }
    }
}
