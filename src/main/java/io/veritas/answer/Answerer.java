package io.veritas.answer;

import io.veritas.extract.AliasTable;
import io.veritas.extract.Lexicon;
import io.veritas.index.ClaimHit;
import io.veritas.index.Index;
import io.veritas.text.Script;
import io.veritas.truth.Belief;
import io.veritas.truth.Resolution;
import io.veritas.truth.Statement;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.function.Supplier;

/**
 * The extractive answer path: read the question, gather the claims about the entity and attribute asked for,
 * let the corpus's truth engine ({@link TruthKeeper}) judge the values, and write the answer in the question's language and script with a quote
 * for every figure. When the corpus holds no figure for exactly what was asked, the answer says so
 * ({@code answered: false}) and lists what it does hold instead of guessing.
 */
public final class Answerer {
    private static final int MAX_FACTS = 8;
    /**
     * Claims read for one question at most (the newest): a question costs the same however much the corpus says
     * about its subject.
     */
    static final int MAX_CLAIMS = 2_000;
    private static final String SUBJECT_MARK = "\u0001";

    private final Index index;
    private final Supplier<AliasTable> aliasTables;
    private final Lexicon lexicon;
    private final QuestionReader reader;
    private final FollowUps followUps;
    private final TruthKeeper truth;

    /**
     * {@code aliases} gives the names the corpus knows right now (the lexicon's and those its documents teach);
     * each question is read with the table current when it is asked.
     */
    private final EvidenceAnswerer evidence;

    public Answerer(Index index, Lexicon lexicon, Supplier<AliasTable> aliases,
                    java.util.function.Function<io.veritas.index.SearchRequest, List<io.veritas.index.Hit>> search,
                    java.util.function.Function<String, List<io.veritas.index.Translation>> translations,
                    TruthKeeper truth) {
        this.index = index;
        this.truth = truth;
        this.evidence = new EvidenceAnswerer(search, translations, lexicon);
        this.aliasTables = aliases;
        this.lexicon = lexicon;
        this.reader = new QuestionReader(lexicon);
        this.followUps = new FollowUps(index, reader);
    }

    public Answer ask(String text) {
        AliasTable aliases = aliasTables.get();
        Question q = reader.read(text, aliases);
        if (q.subject() == null) {
            q = subjectFromCorpus(q);
        }
        return switch (q.type()) {
            case COMPARE -> compare(q, aliases);
            case HOW_MUCH, HOW_MANY, OPEN -> q.subject() != null && q.attribute() != null ? figures(q, aliases)
                    : evidence.answer(q, q.subject() == null ? followUps.general(q.language(), 3, aliases) : followUps.about(q, 3, aliases));
            default -> evidence.answer(q, q.subject() == null ? followUps.general(q.language(), 3, aliases) : followUps.about(q, 3, aliases));
        };
    }

    /**
     * A question in which no name is recognised ("砺行目前估值是多少？": a two-character company the segmenter does
     * not know) may still hold one the corpus has figures for: the longest stretch of the question that is the
     * subject of a claim is taken as its subject.
     */
    private Question subjectFromCorpus(Question q) {
        String normal = io.veritas.text.Normalizer.nfkc(q.text());
        String folded = Script.fold(normal);
        Map<String, Integer> stretches = new LinkedHashMap<>(); // longest first, then leftmost
        for (int len = Math.min(MAX_NAME_CHARS, folded.length()); len >= 2; len--) {
            for (int start = 0; start + len <= folded.length(); start++) {
                String stretch = folded.substring(start, start + len);
                if (stretch.codePoints().allMatch(Script::isHan) && !QUESTION_CHARS.matcher(stretch).find()) {
                    stretches.putIfAbsent(stretch, start); // Latin names are found by their shape; question words are not names
                }
            }
        }
        if (stretches.isEmpty()) {
            return q;
        }
        // One lookup for every stretch: the subjects that have claims, of which the longest (then leftmost) is taken.
        Set<String> subjects = new java.util.HashSet<>();
        for (ClaimHit h : index.claims(stretches.keySet(), null, MAX_CLAIMS)) {
            subjects.add(h.claim().subject());
        }
        for (Map.Entry<String, Integer> e : stretches.entrySet()) {
            String stretch = e.getKey();
            if (subjects.contains(stretch)) {
                String as = normal.substring(e.getValue(), e.getValue() + stretch.length());
                List<String> names = new ArrayList<>(q.names());
                names.add(as);
                return new Question(q.text(), q.language(), stretch, as, q.attribute(), q.qualifier(), q.latest(),
                        q.year(), q.type(), names);
            }
        }
        return q;
    }

    private static final int MAX_NAME_CHARS = 8;
    private static final java.util.regex.Pattern QUESTION_CHARS = java.util.regex.Pattern.compile(
            "[谁哪什么几吗呢何怎多少是的了在有和与]");

    /** Each subject of a comparison answered on its own, side by side (figures when the claims hold them). */
    private Answer compare(Question q, AliasTable aliases) {
        List<String> subjects = q.names().stream().limit(3).toList();
        String folded0 = Script.fold(io.veritas.text.Normalizer.nfkc(q.text()));
        java.util.Set<String> rounds = io.veritas.extract.Rounds.all(folded0, 0, folded0.length());
        if (subjects.size() < 2 && q.subject() != null && q.attribute() != null) {
            // One subject, several rounds or dates ("A轮和B轮分别融了多少"): every value of the figure, side by side.
            java.util.regex.Matcher years = java.util.regex.Pattern.compile("(?<!\\d)(?:19|20)\\d{2}(?!\\d)").matcher(folded0);
            long yearCount = years.results().count();
            Answer all = figures(new Question(q.text(), q.language(), q.subject(), q.subjectAs(), q.attribute(),
                    rounds.size() > 1 ? null : q.qualifier(), q.latest(), yearCount > 1 ? 0 : q.year(), q.type(), q.names()), aliases);
            return all.answered() ? all : evidence.answer(q, followUps.about(q, 3, aliases));
        }
        if (subjects.size() < 2) {
            return evidence.answer(q, followUps.general(q.language(), 3, aliases));
        }
        List<Answer> parts = new ArrayList<>();
        for (String name : subjects) {
            String folded = Script.fold(io.veritas.text.Normalizer.nfkc(name));
            Question side = q.about(folded, name);
            if (rounds.size() > 1) {
                // "砺行B轮和栖云机器人A+轮": each side is asked about the round written next to it.
                int at = folded0.indexOf(folded);
                String round = at < 0 ? null : io.veritas.extract.Rounds.nearest(folded0, at, folded0.length(), at);
                side = new Question(side.text(), side.language(), side.subject(), side.subjectAs(), side.attribute(), round,
                        side.latest(), side.year(), side.type(), side.names());
            }
            if (side.attribute() != null) {
                // Each side is a figure question of its own: a count when people are counted, else an amount.
                boolean counted = "employees".equals(side.attribute()) || "users".equals(side.attribute());
                side = new Question(side.text(), side.language(), side.subject(), side.subjectAs(), side.attribute(),
                        side.qualifier(), side.latest(), side.year(), counted ? QuestionType.HOW_MANY : QuestionType.HOW_MUCH,
                        side.names());
            }
            Answer a = side.attribute() != null ? figures(side, aliases)
                    : evidence.answer(new Question(side.text(), side.language(), folded, name, null, side.qualifier(),
                    side.latest(), side.year(), QuestionType.OPEN, List.of(name)), List.of());
            parts.add(a);
        }
        StringBuilder text = new StringBuilder();
        List<FactView> facts = new ArrayList<>();
        Map<String, Citation> citations = new LinkedHashMap<>();
        boolean any = false;
        for (Answer a : parts) {
            text.append(text.isEmpty() ? "" : "\n").append(a.answer());
            facts.addAll(a.facts());
            a.citations().forEach(c -> citations.putIfAbsent(c.id() + "#" + c.quote(), c));
            any |= a.answered();
        }
        String winner = null;
        int direction = direction(folded0);
        List<FactView> heads = parts.stream().filter(Answer::answered).filter(a -> !a.facts().isEmpty())
                .map(a -> a.facts().get(0)).toList();
        if (direction != 0 && heads.size() >= 2 && heads.size() == parts.size()) {
            // "Which raised more?": the side with the larger (or smaller) figure, when the figures share a unit.
            if (heads.stream().map(FactView::unit).distinct().count() == 1) {
                FactView best = heads.get(0);
                for (FactView f : heads) {
                    if (direction * Double.compare(f.value(), best.value()) > 0) {
                        best = f;
                    }
                }
                FactView chosen = best;
                String others = String.join(Phrases.get("separator", q.language()),
                        heads.stream().filter(f -> f != chosen).map(f -> f.subject() + " " + f.text()).toList());
                text.append("\n").append(fill(Script.inScriptOf(q.language(), Phrases.get(direction > 0 ? "compare.more" : "compare.less", q.language())),
                        Map.of("winner", best.subject(), "value", best.text(), "others", others)));
                winner = best.subject();
            } else {
                text.append("\n").append(fill(Script.inScriptOf(q.language(), Phrases.get("compare.units", q.language())), Map.of("units",
                        String.join(Phrases.get("separator.list", q.language()), heads.stream().map(FactView::unit).distinct().toList()))));
            }
        }
        return new Answer(q.text(), q.language(), any, text.toString(), facts, List.copyOf(citations.values()),
                followUps.general(q.language(), 3, aliases), q.type().json(), winner);
    }

    private static final java.util.regex.Pattern MORE = java.util.regex.Pattern.compile(
            "\\b(?:more|higher|bigger|larger|greater|most|highest|biggest|largest)\\b|更多|更高|更大|最多|最高|最大|较多|较高|较大");
    private static final java.util.regex.Pattern LESS = java.util.regex.Pattern.compile(
            "\\b(?:less|fewer|lower|smaller|least|fewest|lowest|smallest)\\b|更少|更低|更小|最少|最低|最小|较少|较低|较小");

    /** +1 when a comparison asks which is larger, -1 which is smaller, 0 when it asks neither. */
    private static int direction(String folded) {
        return MORE.matcher(folded).find() ? 1 : LESS.matcher(folded).find() ? -1 : 0;
    }

    /** The claims path: figures of one subject and attribute, judged by the corpus's truth engine. */
    private Answer figures(Question q, AliasTable aliases) {
        Set<String> names = aliases.equivalents(q.subject());
        List<ClaimHit> evidence = new ArrayList<>();
        for (ClaimHit h : index.claims(names, q.attribute(), MAX_CLAIMS)) {
            if (q.year() > 0 && TimeScope.year(h) != q.year()) {
                continue;
            }
            if (!TimeScope.ofThePeriodAsked(q, h)) {
                continue;
            }
            evidence.add(h);
        }
        Lexicon.Kind kind = lexicon.kind(q.attribute());
        List<Figure> all = judge(evidence, aliases);
        List<Figure> asked = all;
        if (q.qualifier() != null) {
            // A level (a valuation) has no round of its own; the sentence that gives it may name the round.
            asked = judge(ofRounds(evidence, Set.of(q.qualifier())), aliases);
        } else {
            String foldedQuestion = Script.fold(io.veritas.text.Normalizer.nfkc(q.text()));
            Set<String> rounds = io.veritas.extract.Rounds.all(foldedQuestion, 0, foldedQuestion.length());
            if (rounds.size() > 1) {
                // "估值从B轮到C轮有什么变化": the values at those rounds, not every value the company ever had.
                List<Figure> of = judge(ofRounds(evidence, rounds), aliases);
                if (!of.isEmpty()) {
                    asked = of;
                }
            }
        }
        String wanted = askedModality(q);
        if (wanted != null && !all.isEmpty()) {
            // "What valuation is X in talks for?", "What was the Series E's target?": only figures of that modality
            // answer; an actual figure is not a plan, and the answer says when the corpus reports none.
            List<ClaimHit> base = q.qualifier() == null ? evidence : evidence.stream().filter(e -> q.qualifier().equals(e.claim().qualifier())
                    || e.claim().qualifier() == null).toList();
            List<Figure> of = judge(base.stream().filter(e -> wanted.equals(e.claim().modality())).toList(), aliases);
            return of.isEmpty() ? missing(q, asked.isEmpty() ? all : asked, aliases, "missing." + wanted)
                    : compose(q, kind, of, aliases);
        }
        if (all.isEmpty() && !aliases.knows(q.subject()) && index.claims(names, null, 1).isEmpty()) {
            // No figure of that kind for a name the table does not know: its sentences may still say it.
            return this.evidence.answer(q, followUps.about(q, 3, aliases));
        }
        if (asked.isEmpty()) {
            if (q.qualifier() == null) {
                // No claim of that attribute, but a sentence may state it in a way the extractor did not read
                // ("目前員工320人"); the evidence path quotes it, or refuses as well.
                Answer read = this.evidence.answer(q, followUps.about(q, 3, aliases));
                if (read.answered()) {
                    return read;
                }
            }
            return missing(q, all, aliases, "missing");
        }
        return compose(q, kind, asked, aliases);
    }

    /**
     * What the truth engine concludes about the values these claims state, each value with the claims of this
     * question behind it, best first: current and disputed values (newest first), superseded ones, then reported,
     * target and denied ones, outweighed ones last. The engine judges each value against everything the corpus
     * says about the item and weighs each source by the reliability it has learned from the whole corpus.
     */
    private List<Figure> judge(List<ClaimHit> hits, AliasTable aliases) {
        if (hits.isEmpty()) {
            return List.of();
        }
        TruthKeeper.Judged judged = truth.judge(hits, aliases);
        Map<Statement, List<ClaimHit>> byStatement = judged.statements();
        List<Figure> out = new ArrayList<>();
        for (Resolution r : judged.resolutions()) {
            for (Belief b : r.beliefs()) {
                Map<String, ClaimHit> perDoc = new TreeMap<>();
                Set<String> sources = new TreeSet<>();
                Set<String> units = new TreeSet<>();
                for (Statement st : b.support()) {
                    List<ClaimHit> mine = byStatement.get(st);
                    if (mine == null) {
                        continue;
                    }
                    sources.add(st.source());
                    units.add(st.independentUnit());
                    for (ClaimHit h : mine) {
                        perDoc.merge(h.claim().docId(), h, Answerer::later);
                    }
                }
                if (!perDoc.isEmpty()) {
                    out.add(figure(r.item().attribute(), b, new ArrayList<>(perDoc.values()), new ArrayList<>(sources), units));
                }
            }
        }
        List<Figure> merged = mergeUnnamedEvents(out);
        merged.sort(BEST_FIRST);
        return merged;
    }

    private static int rank(Figure f) {
        return switch (f.status()) {
            case Figure.CURRENT, Figure.DISPUTED -> 0;
            case Figure.SUPERSEDED -> 1;
            case Figure.REJECTED -> 3;
            default -> 2;
        };
    }

    private static final java.util.Comparator<Figure> BEST_FIRST = java.util.Comparator.comparingInt(Answerer::rank)
            .thenComparing(Figure::asOf, java.util.Comparator.nullsLast(java.util.Comparator.reverseOrder()))
            .thenComparing(java.util.Comparator.comparingInt(Figure::sourceCount).reversed())
            .thenComparing(java.util.Comparator.comparingDouble(Figure::confidence).reversed())
            .thenComparingDouble(Figure::value)
            .thenComparing(Figure::unit);

    /** One value with its support: the most common figure as written, the firmest bound, the date the texts give. */
    private static Figure figure(String attribute, Belief b, List<ClaimHit> support, List<String> sources, Set<String> units) {
        support.sort(java.util.Comparator.comparing((ClaimHit h) -> h.claim().asOf(), java.util.Comparator.nullsLast(java.util.Comparator.reverseOrder()))
                .thenComparing(h -> h.claim().docId()));
        // A date the text gives beats a publication date: "xAI 週二（6 日）宣布" dates the round to the 6th.
        boolean anyDated = support.stream().anyMatch(h -> h.claim().dated());
        LocalDate asOf = support.stream().filter(h -> !anyDated || h.claim().dated()).map(h -> h.claim().asOf())
                .filter(java.util.Objects::nonNull).max(LocalDate::compareTo).orElse(null);
        Map<Double, Integer> votes = new TreeMap<>();
        Map<String, Integer> bounds = new TreeMap<>();
        Map<String, Integer> modalities = new TreeMap<>();
        for (ClaimHit h : support) {
            votes.merge(h.claim().value(), 1, Integer::sum);
            bounds.merge(h.claim().bound(), h.claim().bound().equals("exact") ? 2 : 1, Integer::sum);
            modalities.merge(h.claim().modality(), 1, Integer::sum);
        }
        double value = votes.entrySet().stream().max(Map.Entry.<Double, Integer>comparingByValue()
                .thenComparing(Map.Entry.comparingByKey())).orElseThrow().getKey();
        String bound = top(bounds);
        String modality = top(modalities);
        var c = support.get(0).claim();
        String status = b.status().name().toLowerCase(java.util.Locale.ROOT);
        return new Figure(attribute, c.qualifier(), value, c.currency(), c.period(), bound, asOf, status, modality,
                b.confidence(), support, sources, units.size());
    }

    private static String top(Map<String, Integer> counts) {
        return counts.entrySet().stream().max(Map.Entry.<String, Integer>comparingByValue()
                .thenComparing(Map.Entry.comparingByKey(java.util.Comparator.reverseOrder()))).orElseThrow().getKey();
    }

    private static ClaimHit later(ClaimHit current, ClaimHit candidate) {
        if (candidate.claim().dated() != current.claim().dated()) {
            return candidate.claim().dated() ? candidate : current;
        }
        LocalDate a = candidate.claim().asOf();
        LocalDate b = current.claim().asOf();
        if (a != null && (b == null || a.isAfter(b))) {
            return candidate;
        }
        if (java.util.Objects.equals(a, b) && candidate.claim().figure().start() < current.claim().figure().start()) {
            return candidate;
        }
        return current;
    }

    /**
     * "募得 200 億美元" without the round's name is the same event as "E 輪募資 200 億美元": an event value that names no
     * round joins the round whose accepted value it is (the one with most sources when several match).
     */
    private static List<Figure> mergeUnnamedEvents(List<Figure> figures) {
        List<Figure> out = new ArrayList<>();
        List<Figure> unnamed = new ArrayList<>();
        for (Figure f : figures) {
            (f.qualifier() == null ? unnamed : out).add(f);
        }
        for (Figure f : unnamed) {
            int home = -1;
            for (int i = 0; i < out.size(); i++) {
                Figure r = out.get(i);
                if (r.accepted() && f.accepted() && sameValue(r, f) && (home < 0 || r.sourceCount() > out.get(home).sourceCount())) {
                    home = i;
                }
            }
            if (home < 0) {
                out.add(f);
                continue;
            }
            Figure r = out.get(home);
            List<ClaimHit> support = new ArrayList<>(r.support());
            Set<String> docs = new java.util.HashSet<>();
            support.forEach(h -> docs.add(h.claim().docId()));
            for (ClaimHit h : f.support()) {
                if (docs.add(h.claim().docId())) {
                    support.add(h);
                }
            }
            Set<String> sources = new TreeSet<>(r.sources());
            sources.addAll(f.sources());
            // The unnamed report may be a copy of the named one: count it as its own story only if its source is new.
            int independent = r.independent() + (r.sources().containsAll(f.sources()) ? 0 : f.independent());
            out.set(home, r.with(r.status(), support, new ArrayList<>(sources), independent));
        }
        return out;
    }

    private static boolean sameValue(Figure a, Figure b) {
        return a.unit().equals(b.unit())
                && Math.abs(a.value() - b.value()) <= ClaimStatements.SAME_VALUE * Math.max(a.value(), b.value());
    }

    /**
     * The evidence of the rounds asked: claims of one of them, and levels (a valuation has no round of its own)
     * whose sentence names one.
     */
    private static List<ClaimHit> ofRounds(List<ClaimHit> evidence, Set<String> rounds) {
        return evidence.stream().filter(e -> e.claim().qualifier() != null ? rounds.contains(e.claim().qualifier())
                : io.veritas.extract.Rounds.all(Script.fold(e.quote()), 0, e.quote().length())
                .stream().anyMatch(rounds::contains)).toList();
    }

    /** Question words that are not a modality even though documents use them as one ("Could you tell me if…"). */
    private static final Set<String> NOT_ASKED_MODALITY = Set.of("若", "如果", "倘若", "假如", "if", "would", "could", "may",
            "might", "可能");

    /** The modality a question asks for: {@code planned} (talks, plans, expectations), {@code target}, or null. */
    private String askedModality(Question q) {
        String folded = Script.fold(io.veritas.text.Normalizer.nfkc(q.text()));
        String wanted = null;
        for (io.veritas.extract.CueMatcher.Found f : io.veritas.extract.CueMatcher.findWords(folded, lexicon.modalityCues())) {
            String cue = folded.substring(f.start(), f.end());
            if (NOT_ASKED_MODALITY.contains(cue)) {
                continue;
            }
            if (f.label().equals("target")) {
                return "target";
            }
            if (f.label().equals("planned")) {
                wanted = "planned";
            }
        }
        return wanted;
    }

    private Answer compose(Question q, Lexicon.Kind kind, List<Figure> verdict, AliasTable aliases) {
        String lang = q.language();
        List<Figure> facts = verdict.subList(0, Math.min(MAX_FACTS, verdict.size()));
        Figure head = facts.get(0);
        Map<String, io.veritas.truth.SourceReliability> reliabilities = new TreeMap<>();
        for (Figure f : facts) {
            for (String s : f.sources()) {
                truth.reliability(s).ifPresent(r -> reliabilities.put(s, r));
            }
        }
        StringBuilder text = new StringBuilder();
        Map<String, String> vars = new LinkedHashMap<>();
        vars.put("subject", SUBJECT_MARK);
        vars.put("attribute", Phrases.get("attr." + q.attribute(), lang));
        vars.put("qualifier", Formats.qualifier(head.qualifier(), lang));
        vars.put("latest", q.latest() && kind != Lexicon.Kind.EVENT ? Phrases.get("latest", lang) : "");
        List<Figure> shown = new ArrayList<>();
        if (head.status().equals(Figure.DISPUTED)) {
            List<String> items = new ArrayList<>();
            List<Figure> disputed = new ArrayList<>(facts.stream().filter(f -> f.status().equals(Figure.DISPUTED)).toList());
            disputed.sort(java.util.Comparator.comparingDouble(Figure::confidence).reversed()); // the better supported first
            for (Figure f : disputed) {
                items.add(fill(Phrases.get("disputed.item", lang), Map.of("value", value(f, lang),
                        "sources", named(f, reliabilities, lang), "date", Formats.date(f.asOf(), lang))));
                shown.add(f);
            }
            vars.put("list", String.join(Phrases.get("separator", lang), items));
            text.append(fill(Phrases.get("disputed", lang), vars));
        } else {
            vars.put("value", noted(head, lang));
            vars.put("date", Formats.date(head.asOf(), lang));
            vars.put("sources", count(head, lang));
            boolean counted = head.currency().equals(head.attribute()); // a head count: "xAI has 600 million users"
            String template = kind == Lexicon.Kind.EVENT ? "event" : counted ? "count" : "level";
            text.append(fill(Phrases.get(head.asOf() == null ? template + ".undated" : template, lang), vars));
            shown.add(head);
        }
        List<String> earlier = new ArrayList<>();
        List<String> planned = new ArrayList<>();
        List<String> outweighed = new ArrayList<>();
        List<String> denied = new ArrayList<>();
        String target = null;
        for (Figure f : facts) {
            if (shown.contains(f)) {
                continue;
            }
            shown.add(f);
            String item = fill(Phrases.get("earlier.item", lang), Map.of("value", valueWithRound(f, head, lang),
                    "date", Formats.date(f.asOf(), lang)));
            switch (f.status()) {
                case Figure.TARGET -> target = target == null ? value(f, lang) : target;
                case Figure.REPORTED -> planned.add(item);
                case Figure.DENIED -> denied.add(item);
                case Figure.REJECTED -> outweighed.add(fill(Phrases.get("disputed.item", lang), Map.of("value",
                        valueWithRound(f, head, lang), "sources", named(f, reliabilities, lang), "date", Formats.date(f.asOf(), lang))));
                default -> {
                    if (f.modality().equals("past")) {
                        planned.add(fill(Phrases.get("earlier.item", lang), Map.of("value", noted(f, lang),
                                "date", Formats.date(f.asOf(), lang))));
                    } else {
                        earlier.add(item);
                    }
                }
            }
        }
        if (!earlier.isEmpty()) {
            text.append(fill(Phrases.get("earlier", lang), Map.of("list", String.join(Phrases.get("separator", lang), earlier))));
        }
        if (target != null) {
            text.append(fill(Phrases.get("target", lang), Map.of("value", target)));
        }
        if (!planned.isEmpty()) {
            text.append(fill(Phrases.get("planned", lang), Map.of("list", String.join(Phrases.get("separator", lang), planned))));
        }
        if (!denied.isEmpty()) {
            text.append(fill(Phrases.get("denied", lang), Map.of("list", String.join(Phrases.get("separator", lang), denied))));
        }
        if (!outweighed.isEmpty()) {
            text.append(fill(Phrases.get("rejected", lang), Map.of("list", String.join(Phrases.get("separator", lang), outweighed))));
        }
        List<Citation> citations = new ArrayList<>();
        List<FactView> views = new ArrayList<>();
        Map<String, Citation> byDoc = new LinkedHashMap<>();
        Map<String, List<String>> documentsOf = new TreeMap<>();
        for (Figure f : shown) {
            List<String> ids = new ArrayList<>();
            Map<String, List<String>> mine = new TreeMap<>();
            for (ClaimHit h : f.support()) {
                ids.add(h.source().docId());
                byDoc.computeIfAbsent(h.source().docId(), id -> new Citation(id, h.source().path(), h.source().url(),
                        h.source().title(), h.source().published(), h.source().language(), h.quote()));
                String who = truth.sourceOf(h);
                mine.computeIfAbsent(who, k -> new ArrayList<>()).add(h.source().docId());
                documentsOf.computeIfAbsent(who, k -> new ArrayList<>());
                if (!documentsOf.get(who).contains(h.source().docId())) {
                    documentsOf.get(who).add(h.source().docId());
                }
            }
            views.add(new FactView(q.subjectAs(), f.attribute(), f.qualifier(), f.value(), f.unit(), noted(f, lang),
                    f.asOf(), f.status(), f.modality(), ids, round(f.confidence()), sourceViews(mine)));
        }
        citations.addAll(byDoc.values());
        // Sources in the asker's language first; otherwise in the order of the facts they support.
        citations.sort(java.util.Comparator.comparing((Citation c) -> !lang.equals(c.language())));
        List<SourceView> sources = new ArrayList<>(sourceViews(documentsOf));
        sources.sort(java.util.Comparator.comparing(SourceView::reliability, java.util.Comparator.nullsLast(java.util.Comparator.reverseOrder()))
                .thenComparing(SourceView::source));
        List<TimelineView.Point> timeline = truth.timeline(q.subject(), q.attribute(), lang).points();
        return new Answer(q.text(), lang, true, script(text.toString(), q), views, citations, followUps.about(q, 3, aliases),
                q.type().json(), views.isEmpty() ? null : views.get(0).text(), sources, timeline);
    }

    private List<SourceView> sourceViews(Map<String, List<String>> documentsBySource) {
        List<SourceView> out = new ArrayList<>();
        for (Map.Entry<String, List<String>> e : documentsBySource.entrySet()) {
            var r = truth.reliability(e.getKey());
            out.add(new SourceView(e.getKey(), r.map(x -> round(x.accuracy())).orElse(null),
                    round(r.map(io.veritas.truth.SourceReliability::claims).orElse(0.0)), e.getValue()));
        }
        return out;
    }

    private static double round(double x) {
        return Double.isNaN(x) ? x : Math.round(x * 1000) / 1000.0;
    }

    /** "1 source (TechWire, reliability 0.81)": who says it, for values the sources disagree on. */
    private static String named(Figure f, Map<String, io.veritas.truth.SourceReliability> reliabilities, String lang) {
        List<String> names = new ArrayList<>();
        for (String s : f.sources()) {
            if (names.size() == 3) {
                names.add("…");
                break;
            }
            var r = reliabilities.get(s);
            names.add(r == null ? s : fill(Phrases.get("source.named", lang), Map.of("name", s,
                    "reliability", String.format(java.util.Locale.ROOT, "%.2f", r.accuracy()))));
        }
        return count(f, lang) + fill(Phrases.get("source.names", lang), Map.of("names", String.join(Phrases.get("separator", lang), names)));
    }

    /** "2 sources", or "3 outlets carrying one story" when copies of one story are among them. */
    private static String count(Figure f, String lang) {
        if (f.sources().size() > f.sourceCount()) {
            return fill(Phrases.get(f.sourceCount() == 1 ? "sources.copied.one" : "sources.copied", lang),
                    Map.of("n", Integer.toString(f.sourceCount()), "outlets", Integer.toString(f.sources().size())));
        }
        return Formats.sources(f.sourceCount(), lang);
    }

    private Answer missing(Question q, List<Figure> all, AliasTable aliases, String template) {
        String lang = q.language();
        Map<String, String> vars = new LinkedHashMap<>();
        vars.put("subject", SUBJECT_MARK);
        vars.put("attribute", Phrases.get("attr." + q.attribute(), lang));
        vars.put("qualifier", Formats.qualifier(q.qualifier(), lang));
        StringBuilder text = new StringBuilder(fill(Phrases.get(template, lang), vars));
        List<String> known = new ArrayList<>();
        for (Figure f : all) {
            if (f.accepted() && f.modality().equals("actual") && known.size() < 4) {
                known.add(fill(Phrases.get("missing.known.item", lang), Map.of("qualifier", Formats.qualifier(f.qualifier(), lang),
                        "attribute", Phrases.get("attr." + q.attribute(), lang), "value", value(f, lang),
                        "date", Formats.date(f.asOf(), lang))));
            }
        }
        if (!known.isEmpty()) {
            text.append(fill(Phrases.get("missing.known", lang), Map.of("list", String.join(Phrases.get("separator", lang), known))));
        }
        return new Answer(q.text(), lang, false, script(text.toString(), q), List.of(), List.of(), followUps.about(q, 3, aliases),
                q.type().json());
    }

    /** The amount in the answer's language (and script). */
    private static String value(Figure f, String lang) {
        String v = Formats.money(f.value(), f.currency(), f.bound(), f.period(), lang);
        return Script.HANT.equals(lang) ? Script.toTraditional(v) : v;
    }

    /** The amount with a note when it is not an actual figure: "(planned or expected)", "(target)". */
    private static String noted(Figure f, String lang) {
        if (f.modality().equals("actual")) {
            return value(f, lang);
        }
        String note = Phrases.get("modality." + f.modality(), lang);
        return value(f, lang) + (Script.HANT.equals(lang) ? Script.toTraditional(note) : note);
    }

    /** An earlier event names its own round when it differs from the headline's ("Series B US$1 billion"). */
    private static String valueWithRound(Figure f, Figure head, String lang) {
        if (f.qualifier() != null && !f.qualifier().equals(head.qualifier())) {
            return Formats.qualifier(f.qualifier(), lang) + (Script.EN.equals(lang) ? "" : " ") + value(f, lang);
        }
        return value(f, lang);
    }

    static String fill(String template, Map<String, String> vars) {
        String out = template;
        for (Map.Entry<String, String> e : vars.entrySet()) {
            out = out.replace("{" + e.getKey() + "}", e.getValue());
        }
        return out;
    }

    /** The text in the question's script, with the entity written as the question wrote it. */
    private static String script(String text, Question q) {
        String inScript = Script.HANT.equals(q.language()) ? Script.toTraditional(text) : text;
        String subject = q.subjectAs() == null ? "" : q.subjectAs();
        if (subject.endsWith("s")) {
            inScript = inScript.replace(SUBJECT_MARK + "'s", SUBJECT_MARK + "'"); // "Nimbus Labs' funding"
        }
        return inScript.replace(SUBJECT_MARK, subject).strip();
    }
}
