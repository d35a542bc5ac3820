package io.veritas.answer;

/**
 * What a question asks, as far as Veritas understood it.
 *
 * @param language  {@code en}, {@code zh-Hans} or {@code zh-Hant}: the answer is written in it
 * @param subject   the entity asked about, folded, or null when none was recognised
 * @param subjectAs the entity as the question wrote it ("xAI", "深瞳智能")
 * @param attribute the figure asked for ({@code valuation}, {@code funding}, ...), or null
 * @param qualifier the round asked about ("Series E"), or null
 * @param latest    whether the question asks for the latest or current value
 * @param year      a year the question restricts the answer to, or 0
 * @param type      what kind of answer it wants (how much, who, when, ...)
 * @param names     every name the question holds, as written, found without a lexicon ({@link io.veritas.extract.Names})
 *                  and by the alias table: an answer must be about them
 */
public record Question(String text, String language, String subject, String subjectAs, String attribute,
                       String qualifier, boolean latest, int year, QuestionType type, java.util.List<String> names) {
    public Question {
        names = java.util.List.copyOf(names);
    }

    /** The same question about another subject (each side of a comparison). */
    Question about(String newSubject, String newSubjectAs) {
        return new Question(text, language, newSubject, newSubjectAs, attribute, qualifier, latest, year, type, java.util.List.of(newSubjectAs));
    }
}
