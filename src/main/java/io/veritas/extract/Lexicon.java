package io.veritas.extract;

import io.veritas.text.Normalizer;
import io.veritas.text.Script;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The language data extraction and answering run on: known entities, attribute cue words and modality cue
 * words, read from the tab-separated resource files in {@code io/veritas/lexicon/}. All cues are stored folded
 * (see {@link Script#fold}) so matching works the same for Simplified, Traditional and English text.
 */
public final class Lexicon {
    /** A known entity with its display names per script. */
    public record Entity(String key, String type, String english, String simplified, String traditional, List<String> aliases) {
        public Entity {
            aliases = List.copyOf(aliases);
        }

        public String name(String language) {
            return switch (language) {
                case Script.HANS -> simplified;
                case Script.HANT -> traditional;
                default -> english;
            };
        }
    }

    /**
     * A cue word of an attribute or modality, folded. A cue written with a gap, {@code "values ... at"}, matches its
     * two parts with a few words between them ("the round values Velmora at"): {@link #head()} and {@link #tail()}.
     */
    public record Cue(String label, String folded, boolean latin) {
        /** How a gap is written in a cue. */
        public static final String GAP = " ... ";

        public boolean gapped() {
            return folded.contains(GAP);
        }

        /** The cue, or the part before its gap: what a search for the cue's words looks for. */
        public String head() {
            int gap = folded.indexOf(GAP);
            return gap < 0 ? folded : folded.substring(0, gap);
        }

        /** The part after the gap, or "" for a cue without one. */
        public String tail() {
            int gap = folded.indexOf(GAP);
            return gap < 0 ? "" : folded.substring(gap + GAP.length());
        }
    }

    /** How an attribute's values relate over time. */
    public enum Kind { STATE, EVENT, RATE }

    private static final Lexicon DEFAULT = load();

    private final Map<String, Entity> entities;
    private final Map<String, Kind> attributeKinds;
    private final List<Cue> attributeCues;
    private final List<Cue> modalityCues;
    private final java.util.Set<String> notEntities;
    private final java.util.regex.Pattern objectMarker;

    private Lexicon(Map<String, Entity> entities, Map<String, Kind> attributeKinds, List<Cue> attributeCues,
                    List<Cue> modalityCues, java.util.Set<String> notEntities, List<String> objectMarkers) {
        this.entities = Map.copyOf(entities);
        this.attributeKinds = Map.copyOf(attributeKinds);
        this.attributeCues = List.copyOf(attributeCues);
        this.modalityCues = List.copyOf(modalityCues);
        this.notEntities = java.util.Set.copyOf(notEntities);
        StringBuilder alternatives = new StringBuilder();
        for (String m : objectMarkers) {
            boolean latin = m.chars().allMatch(ch -> ch < 0x80);
            // "in" is a word, not the end of "within"; up to two lower-case words may describe the name after it
            // ("founded by engineer Odile Farrant", "a stake in chipmaker Velt").
            alternatives.append(alternatives.isEmpty() ? "" : "|").append(latin ? "(?<![a-z])" : "")
                    .append(java.util.regex.Pattern.quote(m)).append(latin ? "(?:\\s+[a-z][a-z-]*){0,2}" : "");
        }
        this.objectMarker = java.util.regex.Pattern.compile("(?:" + alternatives + ")\\s*$");
    }

    public static Lexicon defaults() {
        return DEFAULT;
    }

    public Map<String, Entity> entities() {
        return entities;
    }

    public Kind kind(String attribute) {
        return attributeKinds.getOrDefault(attribute, Kind.STATE);
    }

    public List<String> attributes() {
        return List.copyOf(attributeKinds.keySet());
    }

    /** Attribute cues, longest first so that a longer cue wins where two overlap. */
    public List<Cue> attributeCues() {
        return attributeCues;
    }

    public List<Cue> modalityCues() {
        return modalityCues;
    }

    /** Folded words shaped like names that are not entities (products, sites): {@code not-entities.tsv}. */
    public java.util.Set<String> notEntities() {
        return notEntities;
    }

    /**
     * Whether the folded text just before a name ends with a word that makes the name an object ("向", "from",
     * "invested in"): {@code object-markers.tsv}.
     */
    public boolean endsWithObjectMarker(CharSequence folded) {
        return objectMarker.matcher(folded).find();
    }

    private static Lexicon load() {
        Map<String, Entity> entities = new LinkedHashMap<>();
        for (String[] row : rows("entities.tsv", 5)) {
            List<String> aliases = new ArrayList<>();
            for (int i = 2; i < row.length; i++) {
                for (String a : row[i].split("\\|")) {
                    String folded = fold(a);
                    if (!folded.isBlank() && !aliases.contains(folded)) {
                        aliases.add(folded);
                    }
                }
            }
            if (!aliases.contains(row[0])) {
                aliases.add(row[0]);
            }
            entities.put(row[0], new Entity(row[0], row[1], row[2], row[3], row[4], aliases));
        }
        Map<String, Kind> kinds = new LinkedHashMap<>();
        List<Cue> attributeCues = new ArrayList<>();
        for (String[] row : rows("attributes.tsv", 3)) {
            kinds.put(row[0], Kind.valueOf(row[1].toUpperCase(java.util.Locale.ROOT)));
            cues(row[0], row[2], attributeCues);
        }
        List<Cue> modalityCues = new ArrayList<>();
        for (String[] row : rows("modality.tsv", 2)) {
            cues(row[0], row[1], modalityCues);
        }
        Comparator<Cue> longestFirst = Comparator.comparingInt((Cue c) -> -c.folded().length());
        attributeCues.sort(longestFirst);
        modalityCues.sort(longestFirst);
        java.util.Set<String> notEntities = new java.util.HashSet<>();
        for (String[] row : rows("not-entities.tsv", 1)) {
            notEntities.add(fold(row[0].strip()));
        }
        List<String> markers = new ArrayList<>();
        for (String[] row : rows("object-markers.tsv", 1)) {
            markers.add(fold(row[0].strip()));
        }
        markers.sort(Comparator.comparingInt(String::length).reversed()); // "into" before "in"
        return new Lexicon(entities, kinds, attributeCues, modalityCues, notEntities, markers);
    }

    private static void cues(String label, String list, List<Cue> out) {
        for (String cue : list.split("\\|")) {
            String folded = fold(cue.strip());
            if (!folded.isEmpty()) {
                out.add(new Cue(label, folded, folded.chars().allMatch(ch -> ch < 0x80)));
            }
        }
    }

    static String fold(String s) {
        return Script.fold(Normalizer.nfkc(s));
    }

    /**
     * Rows of a tab-separated file in {@code io/veritas/lexicon/}: blank lines and {@code #} comments skipped,
     * each row checked to have at least {@code minColumns} columns (empty trailing columns kept).
     */
    public static List<String[]> rows(String name, int minColumns) {
        String resource = "/io/veritas/lexicon/" + name;
        try (InputStream in = Lexicon.class.getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException("missing resource " + resource + "; the jar is incomplete, rebuild it");
            }
            List<String[]> rows = new ArrayList<>();
            BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
            String line;
            int lineNo = 0;
            while ((line = reader.readLine()) != null) {
                lineNo++;
                if (line.isBlank() || line.startsWith("#")) {
                    continue;
                }
                String[] cols = line.split("\t", -1);
                if (cols.length < minColumns) {
                    throw new IllegalStateException(resource + ":" + lineNo + ": expected " + minColumns
                            + " tab-separated columns, found " + cols.length);
                }
                rows.add(cols);
            }
            return rows;
        } catch (IOException e) {
            throw new UncheckedIOException("could not read " + resource, e);
        }
    }
}
