package io.veritas.answer;

import java.util.List;

/**
 * An answer: whether the corpus holds it ({@code answered}), the text in the question's language and script,
 * the facts with their statuses, the citations and checked follow-up questions; {@code type}: what kind of
 * question it was read as ({@code how_much}, {@code who}, {@code when}, ...); {@code shortAnswer}: the name, date or
 * figure alone when the answer is one (null for answers made of sentences); {@code sources}: who states the facts,
 * with the reliability the truth engine has learned for each from the whole corpus, most reliable first;
 * {@code timeline}: for a figure, its whole dated history over the corpus (every value, oldest first, with its status,
 * confidence and sources), empty for other answers.
 */
public record Answer(String question, String language, boolean answered, String answer, List<FactView> facts,
                     List<Citation> citations, List<String> suggestions, String type, String shortAnswer,
                     List<SourceView> sources, List<TimelineView.Point> timeline) {
    public Answer(String question, String language, boolean answered, String answer, List<FactView> facts,
                  List<Citation> citations, List<String> suggestions, String type, String shortAnswer) {
        this(question, language, answered, answer, facts, citations, suggestions, type, shortAnswer, List.of(), List.of());
    }

    public Answer(String question, String language, boolean answered, String answer, List<FactView> facts,
                  List<Citation> citations, List<String> suggestions, String type) {
        this(question, language, answered, answer, facts, citations, suggestions, type, null);
    }

    public Answer {
        facts = List.copyOf(facts);
        citations = List.copyOf(citations);
        suggestions = List.copyOf(suggestions);
        sources = sources == null ? List.of() : List.copyOf(sources);
        timeline = timeline == null ? List.of() : List.copyOf(timeline);
    }
}
