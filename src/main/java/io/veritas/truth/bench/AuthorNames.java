package io.veritas.truth.bench;

import java.text.Normalizer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Reads a bookstore's free-text author list into names in the order-preserving "first last" form of Dong et al.
 * (PVLDB 2009): middle names and titles dropped, letters only, lower case. It reads "Last, First M.", "First M.
 * Last", lists split by ';', '/', '&amp;', "and" or "By (author)", comma lists of either form, and upper-case
 * runs that leave out the separators ("BEYER, HUGH HOLTZBLATT, KAREN").
 */
final class AuthorNames {
    private static final Pattern SPLIT = Pattern.compile("\\s*(?:;|/|&|\\band\\b|\\bby\\b)\\s*", Pattern.CASE_INSENSITIVE);
    private static final Pattern PARENS = Pattern.compile("\\([^)]*\\)?|\\[[^]]*]?");
    private static final Set<String> DROP = Set.of("jr", "sr", "ii", "iii", "iv", "phd", "md", "dr", "prof", "mr", "mrs", "ms",
            "ed", "eds", "edt", "editor", "editors", "author", "authors", "et", "al", "etc", "translator", "foreword", "intro",
            "introduction", "illustrator", "compiler", "contributor", "edited", "with");
    private static final Set<String> NOT_AVAILABLE = Set.of("not available", "n a", "na", "unknown", "various", "0");

    private AuthorNames() {
    }

    /** The authors in order, each as "first last" (or just "last" when no first name is given); empty when none. */
    static List<String> parse(String raw) {
        // Entities first: "Marcad&eacute;" must not be split at its ';'.
        String s = org.jsoup.parser.Parser.unescapeEntities(raw, false).replace('\u00a0', ' ');
        s = PARENS.matcher(s).replaceAll(" ").strip();
        if (NOT_AVAILABLE.contains(letters(s))) {
            return List.of();
        }
        List<String> out = new ArrayList<>();
        for (String piece : SPLIT.split(s)) {
            if (!piece.isBlank()) {
                out.addAll(commaList(piece));
            }
        }
        return out;
    }

    /** One piece between list separators: a single name, "Last, First", or a comma list of names. */
    private static List<String> commaList(String piece) {
        List<String> parts = new ArrayList<>();
        for (String p : piece.split(",")) {
            List<String> t = tokens(p);
            if (!t.isEmpty()) {
                parts.add(String.join(" ", t));
            }
        }
        List<String> out = new ArrayList<>();
        if (parts.isEmpty()) {
            return out;
        }
        if (parts.size() == 1) {
            person(parts.get(0)).ifPresent(out::add);
            return out;
        }
        int[] sizes = parts.stream().mapToInt(p -> p.split(" ").length).toArray();
        boolean firstIsSurname = sizes[0] == 1;
        if (!firstIsSurname && Arrays.stream(sizes).allMatch(n -> n >= 2)) {
            // "Alfred V. Aho, Jeffrey D. Ullman, Ravi Sethi"
            parts.forEach(p -> person(p).ifPresent(out::add));
            return out;
        }
        if (parts.size() >= 3 && runTogether(parts)) {
            // "BEYER, HUGH HOLTZBLATT, KAREN": each middle part is the first name of one author and the surname of the next.
            String last = parts.get(0);
            for (int i = 1; i < parts.size(); i++) {
                String[] t = parts.get(i).split(" ");
                if (i == parts.size() - 1) {
                    out.add(name(t[0], last));
                } else {
                    out.add(name(t[0], last));
                    last = t[t.length - 1];
                }
            }
            return out;
        }
        // "Hopcroft, John E., Motwani, Rajeev": surname, given names, in pairs.
        for (int i = 0; i < parts.size(); i += 2) {
            if (i + 1 < parts.size()) {
                out.add(name(parts.get(i + 1).split(" ")[0], parts.get(i)));
            } else {
                person(parts.get(i)).ifPresent(out::add);
            }
        }
        return out;
    }

    private static boolean runTogether(List<String> parts) {
        for (int i = 1; i < parts.size() - 1; i++) {
            String[] t = parts.get(i).split(" ");
            if (t.length < 2 || t[t.length - 1].length() <= 1) {
                return false;
            }
        }
        return true;
    }

    /** One person written "Last, First Middle" or "First Middle Last". */
    static Optional<String> person(String raw) {
        int comma = raw.indexOf(',');
        if (comma >= 0) {
            List<String> last = tokens(raw.substring(0, comma));
            List<String> first = tokens(raw.substring(comma + 1));
            if (last.isEmpty()) {
                return first.isEmpty() ? Optional.empty() : person(String.join(" ", first));
            }
            return Optional.of(name(first.isEmpty() ? "" : first.get(0), String.join("", last)));
        }
        List<String> t = tokens(raw);
        if (t.isEmpty()) {
            return Optional.empty();
        }
        if (t.size() == 1) {
            return Optional.of(t.get(0));
        }
        return Optional.of(name(t.get(0), t.get(t.size() - 1)));
    }

    private static String name(String first, String last) {
        String f = letters(first);
        String l = letters(last).replace(" ", "");
        return f.isEmpty() ? l : f + " " + l;
    }

    /** Words of a name: split at spaces and dots ("C.J." is C and J), titles and roles dropped, letters only. */
    private static List<String> tokens(String s) {
        List<String> out = new ArrayList<>();
        for (String t : s.split("[\\s.]+")) {
            String l = letters(t);
            if (!l.isEmpty() && !DROP.contains(l)) {
                out.add(l);
            }
        }
        return out;
    }

    private static String letters(String s) {
        String n = Normalizer.normalize(s, Normalizer.Form.NFKD).replaceAll("\\p{M}+", "");
        return n.toLowerCase(Locale.ROOT).replaceAll("[^\\p{L}\\p{N} ]", "").strip();
    }
}
