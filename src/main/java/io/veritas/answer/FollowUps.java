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
    /** Claims read to find what the corpus holds about an attribute (the newest): bounded work per question. */
    static final int MAX_TOPIC_CLAIMS = 5_000;
    /** Corpus-wide topics are recomputed at most this often while documents stream in. */
    private static final long TOPICS_TTL_NANOS = 10_000_000_000L;
    /** How documents write each entity, to name it in the asker's script; emptied when it grows past this. */
    private static final int MAX_SURFACES = 10_000;

    private final Index index;
    private final QuestionReader reader;
    private final Map<String, java.util.Set<String>> surfaces = new java.util.concurrent.ConcurrentHashMap<>();

    FollowUps(Index index, QuestionReader reader) {
        this.index = index;
        this.reader = reader;
    }

    /** Topics across the whole corpus, per attribute ("" for all), with the index version and time they were built at. */
    private record Cached(List<Topic> topics, long version, long builtAt) {
    }

    private final Map<String, Cached> corpusTopics = new java.util.concurrent.ConcurrentHashMap<>();

    private List<Topic> corpusTopics(String attribute, AliasTable aliases) {
        String key = attribute == null ? "" : attribute;
        long v = index.version();
        long now = System.nanoTime();
        Cached c = corpusTopics.get(key);
        if (c == null || (c.version() != v && now - c.builtAt() > TOPICS_TTL_NANOS)) {
            c = new Cached(topics(index.claims(null, attribute, MAX_TOPIC_CLAIMS), aliases), v, now);
            corpusTopics.put(key, c);
        }
        return c.topics();
    }

    private record Topic(String subject, String subjectAs, String attribute, String qualifier) {
    }

    /** Suggestions after a question about {@code q.subject()} (or, without one, about anything). */
    List<String> about(Question q, int limit, AliasTable aliases) {
        if (q.subject() == null) {
            return general(q.language(), limit, aliases);
        }
        List<Topic> topics = new ArrayList<>();
        for (Topic t : topics(index.claims(aliases.equivalents(q.subject()), null, MAX_TOPIC_CLAIMS), aliases)) {
            boolean same = t.attribute().equals(q.attribute()) && Objects.equals(t.qualifier(), q.qualifier());
            if (!same) {
                topics.add(new Topic(t.subject(), q.subjectAs(), t.attribute(), t.qualifier()));
            }
        }
        if (q.attribute() != null) {
            for (Topic t : corpusTopics(q.attribute(), aliases)) {
                if (!aliases.equivalents(q.subject()).contains(t.subject())) {
                    topics.add(t);
                }
            }
        }
        return render(topics, q.language(), limit, aliases);
    }

    List<String> general(String language, int limit, AliasTable aliases) {
        return render(corpusTopics(null, aliases), language, limit, aliases);
    }

    /** Distinct (entity, attribute, round) topics, the most claimed first. */
    private List<Topic> topics(List<ClaimHit> hits, AliasTable aliases) {
        if (surfaces.size() > MAX_SURFACES) {
            surfaces.clear();
        }
        Map<Topic, Integer> counts = new LinkedHashMap<>();
        for (ClaimHit h : hits) {
            if (!h.claim().modality().equals("actual")) {
                continue;
            }
            String key = aliases.canonical(h.claim().subject());
            surfaces.computeIfAbsent(key, k -> new java.util.concurrent.ConcurrentSkipListSet<>()).add(h.claim().subjectAs());
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

    private List<String> render(List<Topic> topics, String language, int limit, AliasTable aliases) {
        List<String> out = new ArrayList<>();
        for (Topic t : topics) {
            if (out.size() >= limit) {
                break;
            }
            String question = question(t, language, aliases);
            if (question == null || out.contains(question)) {
                continue;
            }
            Question back = reader.read(question, aliases);
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

    private String question(Topic t, String language, AliasTable aliases) {
        String key = t.attribute().equals("funding") && t.qualifier() != null ? "funding.round" : t.attribute();
        String template = Phrases.question(key, language);
        if (template == null) {
            return null;
        }
        String name = displayName(t, language, aliases);
        String filled = template.replace("{qualifier}", t.qualifier() == null ? "" : Formats.qualifier(t.qualifier(), language).strip());
        if (Script.HANT.equals(language)) {
            filled = Script.toTraditional(filled);
        }
        return filled.replace("{subject}", name);
    }

    private String displayName(Topic t, String language, AliasTable aliases) {
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
