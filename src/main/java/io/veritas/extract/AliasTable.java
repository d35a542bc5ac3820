package io.veritas.extract;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Names that refer to the same entity, across scripts and languages: seeded from the lexicon's entities and
 * grown by aliases learned from text ("深瞳智能（DeepPupil AI）"). All names are folded. Thread-safe; the engine
 * owns one and the index persists what was learned.
 */
public final class AliasTable {
    private final Lexicon lexicon;
    private final Map<String, String> parent = new HashMap<>();
    /** Members of each class, by root, so that {@link #equivalents} does not scan every name. */
    private final Map<String, Set<String>> members = new HashMap<>();
    private final Map<String, Lexicon.Entity> entityOfKey = new HashMap<>();
    private final Map<String, String> typeOfName = new HashMap<>();
    /** Names by first character, longest first, for scanning text. */
    private final Map<Character, List<String>> byFirstChar = new HashMap<>();

    public AliasTable(Lexicon lexicon) {
        this.lexicon = lexicon;
        for (Lexicon.Entity e : lexicon.entities().values()) {
            entityOfKey.put(e.key(), e);
            for (String alias : e.aliases()) {
                addName(alias, e.type());
                union(e.key(), alias);
            }
        }
    }

    public Lexicon lexicon() {
        return lexicon;
    }

    /** Records that two names refer to the same entity. */
    public synchronized void learn(String a, String b, String type) {
        addName(a, type);
        addName(b, type);
        union(a, b);
    }

    /** Adds a name seen in text so that it is recognised in later text. */
    public synchronized void addName(String name, String type) {
        if (name.isBlank() || typeOfName.containsKey(name)) {
            return;
        }
        typeOfName.put(name, type);
        find(name);
        List<String> list = byFirstChar.computeIfAbsent(name.charAt(0), c -> new ArrayList<>());
        list.add(name);
        list.sort(Comparator.comparingInt(String::length).reversed());
    }

    public synchronized boolean knows(String name) {
        return typeOfName.containsKey(name);
    }

    public synchronized String type(String name) {
        return typeOfName.getOrDefault(name, "org");
    }

    synchronized List<String> namesStartingWith(char c) {
        List<String> list = byFirstChar.get(c);
        return list == null ? List.of() : List.copyOf(list);
    }

    /** Every name in the same class as {@code name}, including itself. */
    public synchronized Set<String> equivalents(String name) {
        Set<String> out = new LinkedHashSet<>();
        out.add(name);
        out.addAll(members.getOrDefault(find(name), Set.of()));
        return out;
    }

    /** The canonical key for a name: the lexicon key when the class has one, else the class root. */
    public synchronized String canonical(String name) {
        for (String n : equivalents(name)) {
            if (entityOfKey.containsKey(n)) {
                return n;
            }
        }
        return find(name);
    }

    /** The lexicon entity for a name, when the name belongs to a known entity. */
    public synchronized Lexicon.Entity entity(String name) {
        return entityOfKey.get(canonical(name));
    }

    public synchronized Collection<String> names() {
        return List.copyOf(typeOfName.keySet());
    }

    private String find(String x) {
        if (parent.putIfAbsent(x, x) == null) {
            members.computeIfAbsent(x, k -> new LinkedHashSet<>()).add(x);
        }
        String p = parent.get(x);
        if (p.equals(x)) {
            return x;
        }
        String root = find(p);
        parent.put(x, root);
        return root;
    }

    private void union(String a, String b) {
        String ra = find(a);
        String rb = find(b);
        if (!ra.equals(rb)) {
            // Keep a lexicon key as the root so canonical() is cheap to reason about.
            String root = entityOfKey.containsKey(rb) ? rb : ra;
            String child = root.equals(rb) ? ra : rb;
            parent.put(child, root);
            Set<String> moved = members.remove(child);
            if (moved != null) {
                members.computeIfAbsent(root, k -> new LinkedHashSet<>()).addAll(moved);
            }
        }
    }
}
