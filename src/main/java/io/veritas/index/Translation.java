package io.veritas.index;

import io.veritas.text.Script;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * The translations of one source word or phrase of a query ({@link QueryTranslator}), each with a weight (1 for the
 * most central sense), folded to Simplified and lower case like everything the search matches. A passage scores by
 * the best translation it holds, never by their sum.
 */
public record Translation(String source, Map<String, Float> targets) {
    public Translation {
        targets = Collections.unmodifiableMap(new LinkedHashMap<>(targets));
    }

    static Translation of(String source, Map<String, Float> targets) {
        Map<String, Float> folded = new LinkedHashMap<>();
        targets.forEach((t, w) -> folded.merge(Script.fold(t).toLowerCase(Locale.ROOT), w, Math::max));
        return new Translation(source, folded);
    }

    /** The most central translation. */
    String best() {
        return targets.keySet().iterator().next();
    }
}
