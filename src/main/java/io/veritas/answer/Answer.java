package io.veritas.answer;

import java.util.List;

/**
 * An answer: whether the corpus holds it ({@code answered}), the text in the question's language and script,
 * the facts with their statuses, the citations and checked follow-up questions.
 */
public record Answer(String question, String language, boolean answered, String answer, List<FactView> facts,
                     List<Citation> citations, List<String> suggestions) {
    public Answer {
        facts = List.copyOf(facts);
        citations = List.copyOf(citations);
        suggestions = List.copyOf(suggestions);
    }
}
