package io.veritas.answer;

import io.veritas.extract.AliasTable;
import io.veritas.extract.Claim;
import io.veritas.extract.Lexicon;
import io.veritas.index.ClaimHit;
import io.veritas.index.Index;
import io.veritas.truth.AttributeRule;
import io.veritas.truth.DataItem;
import io.veritas.truth.Modality;
import io.veritas.truth.Statement;
import io.veritas.truth.TruthOptions;
import io.veritas.truth.Value;

import java.net.URI;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * How a figure read from the news becomes a {@link Statement} for the truth engine: which data item it is about,
 * who states it, and how.
 *
 * <ul>
 *   <li>The item is (the entity under its canonical name, the attribute, the round, the unit): figures in different
 *       currencies are kept apart rather than set against each other, since Veritas does not convert between them.
 *       A funding figure that names no round is its own item per value: "raised $6 billion" and "raised $10
 *       billion" without rounds are two events, not two claims about one.</li>
 *   <li>The source is who says it: the outlet a post names ({@code source}, {@code outlet}, {@code publisher},
 *       {@code site} fields), else its author, else the web site it was fetched from, else the file it was read
 *       from, else the document itself.
 *       Near-copies of one story share the story cluster and count once.</li>
 *   <li>The modality: talks, plans, expectations and "up to" figures are reported, goals are targets, figures told
 *       in passing as earlier ones are past.</li>
 * </ul>
 */
final class ClaimStatements {
    /** Figures within 2% are one value written differently ("约10亿" and "10 億"). */
    static final double SAME_VALUE = 0.02;
    private static final List<String> OUTLET_FIELDS = List.of("source", "outlet", "publisher", "site", "site_name");
    private static final java.util.regex.Pattern RELAYED = attribution();

    private final Index index;
    private final Lexicon lexicon;
    private final Map<String, String> sourceOfDocument = new HashMap<>();

    ClaimStatements(Index index, Lexicon lexicon) {
        this.index = index;
        this.lexicon = lexicon;
    }

    /** The engine's settings for news figures: AccuCopy's defaults, amounts within 2%, levels that change over time. */
    static TruthOptions options(Lexicon lexicon) {
        Map<String, AttributeRule> rules = new HashMap<>();
        for (String attribute : lexicon.attributes()) {
            AttributeRule rule = AttributeRule.relative(SAME_VALUE);
            rules.put(attribute, lexicon.kind(attribute) == Lexicon.Kind.EVENT ? rule : rule.changingOverTime());
        }
        return new TruthOptions(0.8, 2.0, 0, 0.5, true, false, 5.0, true, 0.2, 0.8, 30, 1e-4,
                3, 0.5, 0.5, 0.2, 1, rules, AttributeRule.relative(SAME_VALUE));
    }

    /** The statement a stored claim makes, with the entity named as {@code aliases} knows it. */
    Statement of(ClaimHit hit, AliasTable aliases) {
        Claim c = hit.claim();
        String subject = aliases.canonical(c.subject());
        Value.Quantity value = new Value.Quantity(c.value(), c.unit());
        boolean event = lexicon.kind(c.attribute()) == Lexicon.Kind.EVENT;
        String scope = c.qualifier() == null && event ? c.unit() + " " + value.key() : c.unit();
        DataItem item = new DataItem(subject, c.attribute(), c.qualifier(), scope);
        LocalDate asOf = c.asOf() != null ? c.asOf()
                : hit.source().published() == null ? null : hit.source().published().atOffset(ZoneOffset.UTC).toLocalDate();
        return new Statement(item, value, asOf, modality(c), c.docId(), source(hit), hit.source().cluster());
    }

    /**
     * Whether the claim's sentence passes on another outlet's report ("according to", "據…報導"): such a statement
     * counts with the story it repeats when the corpus holds that story.
     */
    static boolean relayed(ClaimHit hit) {
        return RELAYED.matcher(io.veritas.text.Script.fold(io.veritas.text.Normalizer.nfkc(hit.quote()))).find();
    }

    private static java.util.regex.Pattern attribution() {
        List<String> patterns = new java.util.ArrayList<>();
        for (String[] row : Lexicon.rows("attribution.tsv", 1)) {
            patterns.add("(?:" + row[0].strip() + ")");
        }
        return java.util.regex.Pattern.compile(String.join("|", patterns));
    }

    static Modality modality(Claim c) {
        return switch (c.modality()) {
            case "planned" -> Modality.REPORTED;
            case "target" -> Modality.TARGET;
            case "past" -> Modality.PAST;
            case "denied" -> Modality.DENIED;
            default -> "upTo".equals(c.bound()) ? Modality.REPORTED : Modality.ACTUAL;
        };
    }

    /** Who states what a document says (cached per document: the engine asks for every claim of the corpus). */
    synchronized String source(ClaimHit hit) {
        return sourceOfDocument.computeIfAbsent(hit.claim().docId(), id -> sourceName(id, index.documentInfo(id), hit));
    }

    synchronized void forget() {
        sourceOfDocument.clear();
    }

    static String sourceName(String docId, Index.DocumentInfo info, ClaimHit hit) {
        if (info != null) {
            for (String field : OUTLET_FIELDS) {
                String v = info.meta().get(field);
                if (v != null && !v.isBlank() && v.length() <= 120) {
                    return v.strip();
                }
            }
            if (info.author() != null && !info.author().isBlank()) {
                return info.author().strip();
            }
        }
        String host = host(hit.source().url());
        if (host != null) {
            return host;
        }
        String path = hit.source().path();
        if (path != null && !path.isBlank()) {
            String file = path.replace('\\', '/');
            return file.substring(file.lastIndexOf('/') + 1);
        }
        return "document " + docId;
    }

    private static String host(String url) {
        if (url == null || url.isBlank()) {
            return null;
        }
        try {
            String h = URI.create(url.strip()).getHost();
            if (h == null || h.isBlank()) {
                return null;
            }
            h = h.toLowerCase(Locale.ROOT);
            return h.startsWith("www.") ? h.substring(4) : h;
        } catch (IllegalArgumentException e) {
            return null;
        }
    }
}
