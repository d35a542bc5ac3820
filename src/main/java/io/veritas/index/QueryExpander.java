package io.veritas.index;

import io.veritas.extract.AliasTable;
import io.veritas.extract.CueMatcher;
import io.veritas.extract.EntityMatcher;
import io.veritas.extract.Lexicon;
import io.veritas.extract.Mention;
import io.veritas.extract.Quantities;
import io.veritas.extract.Quantity;
import io.veritas.text.Normalizer;
import io.veritas.text.Script;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Turns a query into what to look for in any language: the entities it names with all their known names in every
 * script ("xAI", "英伟达", "輝達", "Nvidia"), the domain words it uses with their equivalents in the other language
 * (attribute cues from {@code attributes.tsv}, other words from {@code bilingual.tsv}: "valuation" brings "估值"),
 * the amounts it mentions as normalised tokens ("$20 billion" and "200億美元" are both {@code USD:20000000000}),
 * and whether it asks for the latest. The bilingual model in the jar is not cross-lingual, so this is where
 * English questions meet Chinese evidence.
 */
public final class QueryExpander {
    private final List<Lexicon.Cue> conceptCues;
    private final Map<String, Set<String>> conceptTerms;
    private final QueryTranslator translator;

    /** What a query expands to. Every string is folded (Simplified, lower case). */
    public record Expansion(List<Set<String>> entities, Set<String> terms, Set<String> amounts, boolean latest,
                            List<Translation> translations) {
        /** No expansion: the query's own words only. */
        public static final Expansion NONE = new Expansion(List.of(), Set.of(), Set.of(), false);

        public Expansion {
            translations = List.copyOf(translations);
        }

        /** An expansion without dictionary translations. */
        public Expansion(List<Set<String>> entities, Set<String> terms, Set<String> amounts, boolean latest) {
            this(entities, terms, amounts, latest, List.of());
        }
    }

    public QueryExpander(Lexicon lexicon) {
        this(lexicon, false);
    }

    /** {@code translate}: words the domain lexicon does not cover are translated with the general dictionary. */
    public QueryExpander(Lexicon lexicon, boolean translate) {
        this.translator = translate ? QueryTranslator.standard() : null;
        Map<String, Set<String>> terms = new LinkedHashMap<>();
        List<Lexicon.Cue> cues = new ArrayList<>();
        for (Lexicon.Cue cue : lexicon.attributeCues()) {
            terms.computeIfAbsent("attr:" + cue.label(), k -> new LinkedHashSet<>()).add(cue.head()); // "values ... at": values
            cues.add(new Lexicon.Cue("attr:" + cue.label(), cue.folded(), cue.latin()));
        }
        for (String[] row : Lexicon.rows("bilingual.tsv", 2)) {
            for (String t : row[1].split("\\|")) {
                String folded = Script.fold(Normalizer.nfkc(t.strip()));
                if (!folded.isEmpty()) {
                    terms.computeIfAbsent(row[0], k -> new LinkedHashSet<>()).add(folded);
                    cues.add(new Lexicon.Cue(row[0], folded, folded.chars().allMatch(ch -> ch < 0x80)));
                }
            }
        }
        cues.sort((a, b) -> b.folded().length() - a.folded().length());
        this.conceptCues = List.copyOf(cues);
        this.conceptTerms = terms;
    }

    /** Loads what expanding needs (the general dictionary) now rather than on the first query. */
    public void load() {
        if (translator != null) {
            translator.load();
        }
    }

    /** What {@code query} expands to, with the names {@code aliases} knows. */
    public Expansion expand(String query, AliasTable aliases) {
        String normal = Normalizer.nfkc(query);
        String folded = Script.fold(normal);
        List<Set<String>> named = new ArrayList<>();
        boolean[] covered = new boolean[folded.length()];
        for (Mention m : new EntityMatcher(aliases).find(normal, folded)) {
            java.util.Arrays.fill(covered, m.start(), Math.min(m.end(), covered.length), true);
            Set<String> names = new LinkedHashSet<>(aliases.equivalents(m.name()));
            names.removeIf(n -> n.length() < 2 && !n.equals(m.name()));
            named.add(names);
        }
        Set<String> terms = new LinkedHashSet<>();
        boolean latest = false;
        for (CueMatcher.Found f : CueMatcher.find(folded, conceptCues)) {
            java.util.Arrays.fill(covered, f.start(), Math.min(f.end(), covered.length), true);
            terms.addAll(conceptTerms.getOrDefault(f.label(), Set.of()));
            latest |= f.label().equals("latest");
        }
        Set<String> amounts = new LinkedHashSet<>();
        for (Quantity q : Quantities.find(folded)) {
            amounts.add(amountToken(q.currency(), q.value()));
        }
        List<Translation> translations = translator == null ? List.of() : translator.translate(normal, covered);
        return new Expansion(named, terms, amounts, latest, translations);
    }

    /** The token an amount is indexed and searched under: {@code USD:20000000000}. */
    public static String amountToken(String currency, double value) {
        return currency + ":" + BigDecimal.valueOf(value).stripTrailingZeros().toPlainString();
    }
}
