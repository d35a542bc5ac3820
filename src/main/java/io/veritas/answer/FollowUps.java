package io.veritas.answer;

import io.veritas.extract.AliasTable;
import io.veritas.extract.Lexicon;
import io.veritas.index.ClaimHit;
import io.veritas.index.Index;
import io.veritas.text.Script;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Follow-up questions the corpus can really answer: built from the claims that exist (other figures about the
 * same entity, then the same figure about other entities), written in the asker's language, and each checked
 * by reading it back and finding claims for it.
 */
final class FollowUps {
    private final Index index;
    private final AliasTable aliases;
    private final QuestionReader reader;
    /** How documents write each entity, to name it in the asker's script. */
    private final Map<String, java.util.Set<String>> surfaces = new java.util.concurrent.ConcurrentHashMap<>();

    FollowUps(Index index, AliasTable aliases, QuestionReader reader) {
        this.index = index;
        this.aliases = aliases;
        this.reader = reader;
    }

    /** Topics across the whole corpus, per attribute ("" for all), for the index version they were built from. */
    private final Map<String, List<Topic>> corpusTopics = new java.util.concurrent.ConcurrentHashMap<>();
    private volatile long topicsVersion = -1;

    private List<Topic> corpusTopics(String attribute) {
        long v = index.version();
        if (v != topicsVersion) {
            corpusTopics.clear();
            topicsVersion = v;
        }
        return corpusTopics.computeIfAbsent(attribute == null ? "" : attribute, a -> topics(index.claims(null, attribute)));
    }

    private record Topic(String subject, String subjectAs, String attribute, String qualifier) {
    }

    /** Suggestions after a question about {@code q.subject()} (or, without one, about anything). */
    List<String> about(Question q, int limit) {
        if (q.subject() == null) {
            return general(q.language(), limit);
        }
        List<Topic> topics = new ArrayList<>();
        for (Topic t : topics(index.claims(aliases.equivalents(q.subject()), null))) {
            boolean same = t.attribute().equals(q.attribute()) && Objects.equals(t.qualifier(), q.qualifier());
            if (!same) {
                topics.add(new Topic(t.subject(), q.subjectAs(), t.attribute(), t.qualifier()));
            }
        }
        if (q.attribute() != null) {
            for (Topic t : corpusTopics(q.attribute())) {
                if (!aliases.equivalents(q.subject()).contains(t.subject())) {
                    topics.add(t);
                }
            }
        }
        return render(topics, q.language(), limit);
    }

    List<String> general(String language, int limit) {
        return render(corpusTopics(null), language, limit);
    }

    /** Distinct (entity, attribute, round) topics, the most claimed first. */
    private List<Topic> topics(List<ClaimHit> hits) {
        Map<Topic, Integer> counts = new LinkedHashMap<>();
        for (ClaimHit h : hits) {
            if (!h.claim().modality().equals("actual")) {
                continue;
            }
            String key = aliases.canonical(h.claim().subject());
            surfaces.computeIfAbsent(key, k -> java.util.concurrent.ConcurrentHashMap.newKeySet()).add(h.claim().subjectAs());
            counts.merge(new Topic(key, h.claim().subjectAs(), h.claim().attribute(), h.claim().qualifier()), 1, Integer::sum);
        }
        Map<Topic, Integer> merged = new LinkedHashMap<>();
        Map<String, Topic> firstOf = new LinkedHashMap<>();
        counts.forEach((t, n) -> {
            String k = t.subject() + "|" + t.attribute() + "|" + t.qualifier();
            Topic first = firstOf.computeIfAbsent(k, x -> t);
            merged.merge(first, n, Integer::sum);
        });
        List<Topic> out = new ArrayList<>(merged.keySet());
        out.sort(Comparator.comparingInt((Topic t) -> -merged.get(t)));
        return out;
    }

    private List<String> render(List<Topic> topics, String language, int limit) {
        List<String> out = new ArrayList<>();
        for (Topic t : topics) {
            if (out.size() >= limit) {
                break;
            }
            String question = question(t, language);
            if (question == null || out.contains(question)) {
                continue;
            }
            Question back = reader.read(question);
            if (back.subject() == null || back.attribute() == null || !back.attribute().equals(t.attribute())
                    || !Objects.equals(back.qualifier(), t.qualifier())) {
                continue;
            }
            if (index.hasClaims(aliases.equivalents(back.subject()), back.attribute(), back.qualifier())) {
                out.add(question);
            }
        }
        return out;
    }

    private String question(Topic t, String language) {
        String key = t.attribute().equals("funding") && t.qualifier() != null ? "funding.round" : t.attribute();
        String template = Phrases.question(key, language);
        if (template == null) {
            return null;
        }
        String name = displayName(t, language);
        String filled = template.replace("{qualifier}", t.qualifier() == null ? "" : Formats.qualifier(t.qualifier(), language).strip());
        if (Script.HANT.equals(language)) {
            filled = Script.toTraditional(filled);
        }
        return filled.replace("{subject}", name);
    }

    private String displayName(Topic t, String language) {
        Lexicon.Entity e = aliases.entity(t.subject());
        if (e != null) {
            return e.name(language);
        }
        boolean wantLatin = Script.EN.equals(language);
        for (String s : surfaces.getOrDefault(t.subject(), java.util.Set.of())) {
            boolean latin = s.chars().noneMatch(Script::isHan);
            if (latin == wantLatin) {
                return Script.HANT.equals(language) ? Script.toTraditional(s) : s;
            }
        }
        return t.subjectAs();
    }
}
