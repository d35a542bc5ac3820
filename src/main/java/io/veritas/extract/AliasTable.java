package io.veritas.extract;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * Names that refer to the same entity, across scripts and languages: the lexicon's entities plus aliases learned
 * from text ("深瞳智能（DeepPupil AI）"). All names are folded.
 *
 * <p>Immutable, so any number of threads read it without locks: {@link #with} makes a new table with more
 * aliases. A table depends only on the set of aliases it was given, never on their order: a class is named by
 * its lexicon key, else by its alphabetically first name, and a name's type is the one of the first alias (in
 * alias order) that names it.
 */
public final class AliasTable {
    private final Lexicon lexicon;
    /** Every known name's class name. */
    private final Map<String, String> classOf;
    /** Members of each class, by class name, sorted. */
    private final Map<String, Set<String>> members;
    private final Map<String, String> typeOfName;
    /** Names by first character, longest first, for scanning text. */
    private final Map<Character, List<String>> byFirstChar;
    private final List<Alias> learned;
    /** For a table made by {@link #with} over a large one: the table below, whose maps this one's override. */
    private final AliasTable parent;

    /**
     * {@code more} over {@code parent}, without copying it: only the classes the new aliases touch and the names
     * they add are kept here (one document's aliases over the whole corpus's table).
     */
    private AliasTable(AliasTable parent, List<Alias> more) {
        this.lexicon = parent.lexicon;
        this.parent = parent;
        this.learned = List.copyOf(more);
        Map<String, String> link = new HashMap<>();
        Map<String, String> types = new HashMap<>();
        for (Alias p : this.learned) {
            for (String n : List.of(p.a(), p.b())) {
                if (!parent.knows(n)) {
                    types.putIfAbsent(n, p.type());
                }
                for (String m : parent.equivalents(n)) {
                    union(link, n, m); // the parent's class comes along whole
                }
            }
            union(link, p.a(), p.b());
        }
        Map<String, Set<String>> byRoot = new HashMap<>();
        for (String name : link.keySet()) {
            byRoot.computeIfAbsent(root(link, name), r -> new TreeSet<>()).add(name);
        }
        this.classOf = new HashMap<>();
        this.members = new HashMap<>();
        for (Set<String> names : byRoot.values()) {
            String key = names.stream().filter(n -> lexicon.entities().containsKey(n)).findFirst().orElse(names.iterator().next());
            members.put(key, Collections.unmodifiableSet(names));
            for (String n : names) {
                classOf.put(n, key);
            }
        }
        this.typeOfName = types;
        Map<Character, List<String>> first = new HashMap<>();
        for (String name : types.keySet()) {
            first.computeIfAbsent(name.charAt(0), c -> new ArrayList<>(parent.namesStartingWith(c))).add(name);
        }
        first.replaceAll((c, list) -> {
            list.sort(LONGEST_FIRST);
            return List.copyOf(list);
        });
        this.byFirstChar = first;
    }

    private static final Comparator<String> LONGEST_FIRST = Comparator.comparingInt(String::length).reversed()
            .thenComparing(Comparator.naturalOrder());
    /** Above this many names {@link #with} lays the new aliases over the table instead of building a new one. */
    private static final int OVERLAY_ABOVE = 2_000;

    private AliasTable(Lexicon lexicon, List<Alias> learned) {
        this.lexicon = lexicon;
        this.parent = null;
        this.learned = List.copyOf(learned);
        Map<String, String> parent = new HashMap<>();
        Map<String, String> types = new HashMap<>();
        for (Lexicon.Entity e : lexicon.entities().values()) {
            for (String alias : e.aliases()) {
                types.putIfAbsent(alias, e.type());
                union(parent, e.key(), alias);
            }
        }
        for (Alias p : this.learned) {
            if (p.a().isBlank() || p.b().isBlank()) {
                continue;
            }
            types.putIfAbsent(p.a(), p.type());
            types.putIfAbsent(p.b(), p.type());
            union(parent, p.a(), p.b());
        }
        Map<String, Set<String>> byRoot = new HashMap<>();
        for (String name : parent.keySet()) {
            byRoot.computeIfAbsent(root(parent, name), r -> new TreeSet<>()).add(name);
        }
        Map<String, String> classes = new HashMap<>();
        Map<String, Set<String>> memberSets = new HashMap<>();
        for (Set<String> names : byRoot.values()) {
            String key = names.stream().filter(n -> lexicon.entities().containsKey(n)).findFirst().orElse(names.iterator().next());
            Set<String> frozen = Collections.unmodifiableSet(names);
            memberSets.put(key, frozen);
            for (String n : names) {
                classes.put(n, key);
            }
        }
        Map<Character, List<String>> first = new HashMap<>();
        for (String name : types.keySet()) {
            first.computeIfAbsent(name.charAt(0), c -> new ArrayList<>()).add(name);
        }
        first.replaceAll((c, list) -> {
            list.sort(LONGEST_FIRST);
            return List.copyOf(list);
        });
        this.classOf = classes;
        this.members = memberSets;
        this.typeOfName = types;
        this.byFirstChar = first;
    }

    /** The lexicon's names only. */
    public static AliasTable of(Lexicon lexicon) {
        return new AliasTable(lexicon, List.of());
    }

    /** The lexicon's names and these learned aliases (in any order: the table is the same). */
    public static AliasTable of(Lexicon lexicon, Collection<Alias> learned) {
        List<Alias> sorted = new ArrayList<>(new TreeSet<>(learned));
        return new AliasTable(lexicon, sorted);
    }

    /** This table with more learned aliases; this one when there are none. */
    public AliasTable with(Collection<Alias> more) {
        if (more.isEmpty()) {
            return this;
        }
        if (parent == null && typeOfName.size() > OVERLAY_ABOVE) {
            return new AliasTable(this, new ArrayList<>(new TreeSet<>(more)));
        }
        if (parent != null) {
            List<Alias> all = new ArrayList<>(learned);
            all.addAll(more);
            return parent.with(all);
        }
        List<Alias> all = new ArrayList<>(learned);
        all.addAll(more);
        return of(lexicon, all);
    }

    public Lexicon lexicon() {
        return lexicon;
    }

    public boolean knows(String name) {
        return typeOfName.containsKey(name) || (parent != null && parent.knows(name));
    }

    /** The type of a known name; {@code org} for a name the table does not know. */
    public String type(String name) {
        String t = typeOfName.get(name);
        return t != null ? t : parent != null ? parent.type(name) : "org";
    }

    /** Known names starting with {@code c}, longest first (an immutable list, shared). */
    List<String> namesStartingWith(char c) {
        List<String> own = byFirstChar.get(c);
        return own != null ? own : parent != null ? parent.namesStartingWith(c) : List.of();
    }

    /** Every name in the same class as {@code name}, including itself, sorted. */
    public Set<String> equivalents(String name) {
        Set<String> m = members.get(classOf.get(name));
        return m != null ? m : parent != null ? parent.equivalents(name) : Set.of(name);
    }

    /** The class name of {@code name}: the lexicon key when the class has one, else its alphabetically first name. */
    public String canonical(String name) {
        String c = classOf.get(name);
        return c != null ? c : parent != null ? parent.canonical(name) : name;
    }

    /** The aliases this table was built from beyond the lexicon, sorted. */
    public List<Alias> learned() {
        if (parent == null) {
            return learned;
        }
        TreeSet<Alias> all = new TreeSet<>(parent.learned());
        all.addAll(learned);
        return List.copyOf(all);
    }

    /** The lexicon entity for a name, when the name belongs to a known entity. */
    public Lexicon.Entity entity(String name) {
        return lexicon.entities().get(canonical(name));
    }

    /** Every known name. */
    public Collection<String> names() {
        if (parent == null) {
            return Collections.unmodifiableSet(typeOfName.keySet());
        }
        Set<String> all = new java.util.HashSet<>(parent.names());
        all.addAll(typeOfName.keySet());
        return Collections.unmodifiableSet(all);
    }

    private static String root(Map<String, String> parent, String x) {
        String r = x;
        while (!parent.get(r).equals(r)) {
            r = parent.get(r);
        }
        for (String n = x; !n.equals(r); ) { // path compression while building
            String next = parent.get(n);
            parent.put(n, r);
            n = next;
        }
        return r;
    }

    private static void union(Map<String, String> parent, String a, String b) {
        parent.putIfAbsent(a, a);
        parent.putIfAbsent(b, b);
        String ra = root(parent, a);
        String rb = root(parent, b);
        if (!ra.equals(rb)) {
            parent.put(rb, ra);
        }
    }
}
