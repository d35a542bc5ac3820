package io.veritas.extract;

import io.veritas.text.Document;
import io.veritas.text.Script;
import io.veritas.text.Span;

import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads the figures a document states. For each amount of money in a sentence it finds
 * <ul>
 *   <li>the attribute: the nearest attribute cue in the amount's own stretch of the clause (the clause is cut
 *       between neighbouring amounts, so "完成E轮200亿美元融资,整体估值达到2300亿美元" gives funding and
 *       valuation); failing that, the attribute of the amount before it in the clause, then the nearest cue in
 *       the previous clause ("…支出上，就高達 10 億美元");</li>
 *   <li>the subject: the nearest organisation named before the amount in the sentence, skipping names that
 *       follow a preposition ("向xAI投资", "from Microsoft"), then a person; with none, the subject of the
 *       previous sentence, then the organisation the document names most;</li>
 *   <li>the date: a date in the amount's stretch, else the nearest date before it in the sentence, else the
 *       publication date; a date after publication makes the figure a forecast;</li>
 *   <li>the modality (actual, planned, target), the period of a rate, and the round of a funding event.</li>
 * </ul>
 */
public final class ClaimExtractor {
    private static final Pattern PER_MONTH = Pattern.compile("每月|每个月|一个月|月均|单月|a month(?! ago| earlier| before| later)|per month|monthly|each month|every month|/month|/mo\\b");
    private static final Pattern PER_YEAR = Pattern.compile("每年|年均|一年下来|a year(?! ago| earlier| before| later)|per year|annually|each year|/year|/yr\\b");
    /** Attributes whose values are counts of people, not money; their unit is the attribute itself. */
    private static final java.util.Set<String> COUNTED = java.util.Set.of("users", "employees");
    /** A clause comparing its figure with the one before: "较去年的250亿元", "up from $400 million". */
    private static final Pattern COMPARED = Pattern.compile("^[\\s,，;；]*(?:较|比|相比|相较|up from|down from|compared with|compared to)");
    private static final Pattern IN_PARENTHESES = Pattern.compile("^\\s*[（(][^）)]{0,40}$");
    private static final Pattern OWNER_OF = Pattern.compile("^\\s*(的|旗下|'s|’s)");

    /** The lexicon's names: what every document is read with, beside the aliases it teaches itself and Names. */
    private final AliasTable base;
    private final Lexicon lexicon;

    public ClaimExtractor(Lexicon lexicon) {
        this.lexicon = lexicon;
        this.base = AliasTable.of(lexicon);
    }

    /**
     * Reads a document with the lexicon's names, the aliases it teaches itself and the names only their shape tells
     * ({@link Names}). The result depends on the document alone, never on what was read before, so the same
     * documents give the same claims in any order; a claim names its subject as the document writes it, and the
     * names other documents teach join it to its aliases when a question is asked.
     */
    public Extraction extract(Document doc) {
        String text = doc.text();
        List<Alias> learned = AliasLearner.learn(text);
        String folded = Script.fold(text);
        List<Quantity> money = Quantities.find(folded);
        List<Quantity> amounts = new ArrayList<>(money);
        amounts.addAll(Quantities.findCounts(folded, amounts));
        amounts.sort(java.util.Comparator.comparingInt(Quantity::start));
        if (amounts.isEmpty()) {
            return new Extraction(List.of(), learned, money);
        }
        List<CueMatcher.Found> attributeCues = CueMatcher.find(folded, lexicon.attributeCues());
        if (!anyAttributed(doc.sentences(), amounts, attributeCues)) {
            return new Extraction(List.of(), learned, money); // no figure can name what it measures: no claim
        }
        AliasTable aliases = base.with(learned);
        EntityMatcher entities = new EntityMatcher(aliases);
        LocalDate published = doc.published() == null ? null : LocalDate.ofInstant(doc.published(), ZoneOffset.UTC);
        List<Mention> mentions = withNames(text, entities.find(text, folded), figuredSentences(doc.sentences(), amounts),
                lexicon.notEntities());
        mentions = withHeadlineName(doc, folded, mentions);
        List<CueMatcher.Found> modalityCues = CueMatcher.findWords(folded, lexicon.modalityCues());
        List<TimeExpressions.Mention> dates = TimeExpressions.find(folded, published);
        Mention focus = focus(mentions, aliases);

        List<Claim> claims = new ArrayList<>();
        Mention previousSubject = null;
        boolean longDocument = doc.sentences().size() > 3;
        for (Span sentence : doc.sentences()) {
            List<Quantity> inSentence = within(amounts, sentence);
            if (longDocument && isHeadline(text, sentence)) {
                // A headline condenses the body (often loosely); the body's own sentences carry the figures.
                inSentence = List.of();
            }
            Mention sentenceSubject = firstOrg(folded, mentions, sentence, lexicon);
            Mention figuresOwner = null; // who the sentence's figures belong to
            if (!inSentence.isEmpty()) {
                List<Span> clauses = clauses(folded, sentence);
                String previousAttribute = null;
                int previousClause = -1;
                Claim sentenceClaim = null; // the sentence's last figure: what a comparison after it compares with
                for (int qi = 0; qi < inSentence.size(); qi++) {
                    Quantity q = inSentence.get(qi);
                    if (DENIED.matcher(folded.substring(Math.max(sentence.start(), q.start() - 16), q.start())).find()) {
                        continue; // "约为7.5亿元，而非9亿元", "$45 million, not the $40 million": the value the source denies
                    }
                    if (qi > 0 && isConversion(folded, inSentence.get(qi - 1), q)) {
                        continue; // "3億美元（約新台幣 95 億元）" restates the figure before it
                    }
                    int ci = clauseIndex(clauses, q.start());
                    Span clause = clauses.get(ci);
                    if (ci != previousClause) {
                        previousAttribute = null;
                    }
                    int windowStart = qi > 0 && inSentence.get(qi - 1).end() > clause.start() ? inSentence.get(qi - 1).end() : clause.start();
                    int windowEnd = qi + 1 < inSentence.size() && inSentence.get(qi + 1).start() < clause.end()
                            ? inSentence.get(qi + 1).start() : clause.end();
                    // "估值升至新台幣520億元，較去年C輪時的250億元翻倍": the figure compared with is the same attribute
                    boolean compared = sentenceClaim != null && COMPARED.matcher(folded.substring(clause.start(), q.start())).find();
                    String attribute = compared ? sentenceClaim.attribute() : nearest(attributeCues, windowStart, windowEnd, q,
                            windowStart != clause.start(), windowEnd != clause.end());
                    String currency = compared && q.currency().equals("CNY") && !folded.startsWith("人民", q.end())
                            && !folded.substring(q.start(), q.end()).contains("人民") && !COUNTED.contains(sentenceClaim.attribute())
                            ? sentenceClaim.currency() : q.currency(); // a bare 元 compared with 新台幣 is 新台幣
                    Span context = clause;
                    if (attribute == null) {
                        attribute = previousAttribute;
                    }
                    if (attribute == null && ci > 0) {
                        Span prev = clauses.get(ci - 1);
                        attribute = lastIn(attributeCues, prev.start(), prev.end());
                        context = new Span(prev.start(), clause.end());
                    }
                    previousClause = ci;
                    if (attribute == null) {
                        continue;
                    }
                    previousAttribute = attribute;
                    boolean counts = COUNTED.contains(attribute);
                    if (counts != q.currency().equals(Quantities.COUNT)) {
                        continue; // money is not a head count, a head count is not money
                    }
                    Mention subject = subject(folded, mentions, sentence, q, lexicon, attribute);
                    boolean personForCompany = subject != null && "person".equals(subject.type())
                            && refersToCompany(folded, sentence.start(), subject.start());
                    if (focus != null && (personForCompany
                            || refersToCompany(folded, subject != null ? subject.end() : sentence.start(), q.start()))) {
                        // "The company was founded by Odile Farrant and now employs 210 people": the company's figure
                        subject = focus; // "港峰資本領投，公司估值達 12 億美元": "公司" is the article's company
                    }
                    if (subject == null) {
                        subject = previousSubject != null ? previousSubject : focus;
                    }
                    if (subject == null) {
                        continue;
                    }
                    boolean alone = windowStart == clause.start() && windowEnd == clause.end();
                    String modality = alone ? modality(modalityCues, ownPredicate(folded, clause, q), ci > 0 ? clauses.get(ci - 1) : null)
                            : inherited(modalityCues, new Span(clause.start(), windowStart),
                            modality(modalityCues, new Span(windowStart, q.start()), new Span(windowStart, windowEnd)),
                            new Span(windowStart, q.start()));
                    LocalDate asOf = date(dates, sentence, windowStart, windowEnd, q);
                    boolean dated = asOf != null;
                    if (asOf == null) {
                        asOf = published;
                    } else if (published != null && asOf.isAfter(published.plusDays(1))) {
                        asOf = published;
                        dated = false;
                        modality = "planned";
                    }
                    String period = period(folded, q);
                    if (period == null && inSentence.size() == 1) {
                        period = period(folded, context);
                    }
                    String qualifier = lexicon.kind(attribute) == Lexicon.Kind.EVENT ? round(folded, sentence, q) : null;
                    if (compared && modality.equals("actual")) {
                        modality = "past"; // "较去年的250亿元", "up from $400 million": the earlier value compared with
                    }
                    Claim claim = new Claim(doc.id(), subject.name(), text.substring(subject.start(), subject.end()), attribute,
                            qualifier, q.value(), counts ? attribute : currency, counts ? null : period,
                            q.bound(), asOf, dated, modality, sentence, new Span(q.start(), q.end()));
                    claims.add(claim);
                    sentenceClaim = claim;
                    figuresOwner = subject;
                }
            }
            if (sentenceSubject != null) {
                previousSubject = sentenceSubject;
            } else if (figuresOwner != null) {
                // "大模型企业曜川宣布完成…B轮融资，由远澜资本领投…。本轮投前估值为60亿元": a coined name read as a person
                // is still the one the next sentence's figures belong to, not the fund that led its round.
                previousSubject = figuresOwner;
            }
        }
        return new Extraction(claims, learned, money);
    }

    /**
     * Whether some sentence holds an amount and an attribute cue that can go with it (money with an attribute that is
     * not a head count, a head count with one that is). A figure takes its attribute only from cues in its own
     * sentence (its stretch of the clause, an earlier figure of the clause, the clause before), so without such a
     * sentence no figure becomes a claim, and the names, dates and modality need not be read at all (most texts
     * with a number in them, a price or "3 people", name no attribute that fits beside it).
     */
    private static boolean anyAttributed(List<Span> sentences, List<Quantity> amounts, List<CueMatcher.Found> cues) {
        if (cues.isEmpty()) {
            return false;
        }
        for (Span s : sentences) {
            boolean moneyCue = false; // money takes an attribute that is not a head count, a head count one that is
            boolean countCue = false;
            for (CueMatcher.Found f : cues) {
                if (f.start() >= s.start() && f.end() <= s.end()) {
                    if (COUNTED.contains(f.label())) {
                        countCue = true;
                    } else {
                        moneyCue = true;
                    }
                }
            }
            if (!moneyCue && !countCue) {
                continue;
            }
            for (Quantity q : within(amounts, s)) {
                if (q.currency().equals(Quantities.COUNT) ? countCue : moneyCue) {
                    return true;
                }
            }
        }
        return false;
    }

    /**
     * The sentences whose names can be the subject of a figure: those stating one and the sentence before each
     * (its subject carries over). Names are looked for only there: segmenting every sentence of every document
     * would cost more than all the rest of reading it.
     */
    private static List<Span> figuredSentences(List<Span> sentences, List<Quantity> amounts) {
        List<Span> out = new ArrayList<>();
        for (int i = 0; i < sentences.size(); i++) {
            Span s = sentences.get(i);
            boolean figured = !within(amounts, s).isEmpty();
            boolean beforeFigured = i + 1 < sentences.size() && !within(amounts, sentences.get(i + 1)).isEmpty();
            if (figured || beforeFigured) {
                out.add(s);
            }
        }
        return out;
    }

    /**
     * The table's mentions and the names only their shape tells ({@link Names}: any new company or person), the
     * table's first where both cover a stretch; places are never the subject of a figure.
     */
    static List<Mention> withNames(String text, List<Mention> known, List<Span> where, java.util.Set<String> notEntities) {
        List<Mention> out = new ArrayList<>(known);
        List<Names.Name> names = new ArrayList<>();
        for (Span s : where) {
            for (Names.Name n : Names.find(text.substring(s.start(), s.end()))) {
                names.add(new Names.Name(n.start() + s.start(), n.end() + s.start(), n.text(), n.kind()));
            }
        }
        List<Mention> found = new ArrayList<>();
        for (Names.Name n : names) {
            if (n.kind() == Names.Kind.PLACE || known.stream().anyMatch(m -> n.start() < m.end() && n.end() > m.start())) {
                continue;
            }
            String type = n.kind() == Names.Kind.PERSON ? "person" : "org";
            String name = Script.fold(n.text());
            if (notEntities.contains(name)) {
                continue; // "GPU", "iPhone": shaped like a name, never the company a figure belongs to
            }
            if (type.equals("org")) {
                int at = n.start();
                name = shortFormOf(name, java.util.stream.Stream.concat(known.stream(), found.stream())
                        .filter(m -> m.end() <= at).toList());
            }
            found.add(new Mention(n.start(), n.end(), name, type));
        }
        out.addAll(found);
        out.sort(java.util.Comparator.comparingInt(Mention::start).thenComparingInt(Mention::end));
        return out;
    }

    /**
     * A company named in full and then by its first words ("Velmora Robotics said … The round values Velmora at"),
     * "澜芯微电子 … 澜芯"): the short form is the name given in full earlier in the document. Names the lexicon knows
     * keep their own entity.
     */
    private static String shortFormOf(String name, List<Mention> earlier) {
        boolean latin = name.chars().allMatch(ch -> ch < 0x80);
        for (Mention m : earlier) {
            if (m.type().equals("org") && m.name().length() > name.length() && m.name().startsWith(name)
                    && (latin ? m.name().charAt(name.length()) == ' ' : name.length() >= 2 && name.codePoints().allMatch(Script::isHan))) {
                return m.name();
            }
        }
        return name;
    }

    private static final Pattern CONVERSION = Pattern.compile("^\\s*[（(]\\s*(约|约合|合|折合|相当于|about|approx\\.?|approximately|roughly|≈|~)?\\s*$");

    private static final Pattern COMPANY_REFERENCE = Pattern.compile(
            "(?:^|[，,；;]\\s*)(?:该|这家|本|其)?公司|the company|the start-up|the startup|the firm");

    private static boolean refersToCompany(String folded, int from, int to) {
        return from < to && COMPANY_REFERENCE.matcher(folded.substring(from, to)).find();
    }

    private static boolean isConversion(String folded, Quantity previous, Quantity q) {
        return q.start() >= previous.end() && q.start() - previous.end() <= 8
                && CONVERSION.matcher(folded.substring(previous.end(), q.start())).matches();
    }

    private static boolean isHeadline(String text, Span s) {
        if (s.length() > 48) {
            return false;
        }
        char last = text.charAt(s.end() - 1);
        boolean ownLine = (s.start() == 0 || text.charAt(s.start() - 1) == '\n')
                && (s.end() == text.length() || text.charAt(s.end()) == '\n');
        return ownLine && "。！？.!?”」』)）".indexOf(last) < 0;
    }


    private static List<Quantity> within(List<Quantity> amounts, Span s) {
        List<Quantity> out = new ArrayList<>();
        for (Quantity q : amounts) {
            if (q.start() >= s.start() && q.end() <= s.end()) {
                out.add(q);
            }
        }
        return out;
    }

    /** Clauses of a sentence: cut at Chinese commas and semicolons, and at ASCII ones not inside a number. */
    private static List<Span> clauses(String folded, Span sentence) {
        List<Span> out = new ArrayList<>();
        int start = sentence.start();
        for (int i = sentence.start(); i < sentence.end(); i++) {
            char c = folded.charAt(i);
            boolean cut = c == '，' || c == '；' || c == '：' || c == ';'
                    || (c == ',' && !(i > 0 && Character.isDigit(folded.charAt(i - 1)) && i + 1 < folded.length()
                    && Character.isDigit(folded.charAt(i + 1))));
            if (cut) {
                out.add(new Span(start, i));
                start = i + 1;
            }
        }
        out.add(new Span(start, sentence.end()));
        return out;
    }

    private static int clauseIndex(List<Span> clauses, int offset) {
        for (int i = 0; i < clauses.size(); i++) {
            if (offset < clauses.get(i).end()) {
                return i;
            }
        }
        return clauses.size() - 1;
    }

    /**
     * The attribute of the cue nearest the amount within its window. {@code amountBefore}/{@code amountAfter}: the
     * window is cut at another amount on that side; a cue between the two amounts that is nearer the other one is
     * the other's ("raise up to $300 million at a valuation of $2 billion": the valuation is the $2 billion).
     */
    private static String nearest(List<CueMatcher.Found> cues, int from, int to, Quantity q, boolean amountBefore, boolean amountAfter) {
        String best = null;
        int bestDistance = Integer.MAX_VALUE;
        for (CueMatcher.Found f : cues) {
            boolean inside = f.start() < q.end() && f.end() > q.start();
            if (f.start() < from || f.end() > to || (inside && !q.currency().equals(Quantities.COUNT))) {
                continue; // a count's own noun ("420 employees") names its attribute; money's digits never do
            }
            int distance = f.end() <= q.start() ? q.start() - f.end() : f.start() - q.end();
            if (!inside && (f.end() <= q.start() ? amountBefore && f.start() - from < distance
                    : amountAfter && to - f.end() < distance)) {
                continue;
            }
            if (distance < bestDistance) {
                bestDistance = distance;
                best = f.label();
            }
        }
        return best;
    }

    private static String lastIn(List<CueMatcher.Found> cues, int from, int to) {
        String last = null;
        for (CueMatcher.Found f : cues) {
            if (f.start() >= from && f.end() <= to) {
                last = f.label();
            }
        }
        return last;
    }

    private static Mention subject(String folded, List<Mention> mentions, Span sentence, Quantity q, Lexicon lexicon, String attribute) {
        boolean invested = "investment".equals(attribute); // the investor is the subject of its investment
        Mention org = null;
        Mention person = null;
        for (Mention m : mentions) {
            if (m.start() >= sentence.start() && m.end() <= q.start()
                    && IN_PARENTHESES.matcher(folded.substring(m.end(), q.start())).matches()) {
                return m; // "X (valued at $33 billion)": the bracket belongs to the name before it
            }
        }
        for (Mention m : mentions) {
            if (m.start() >= sentence.start() && m.end() <= q.start() && !"person".equals(m.type())
                    && RELATIVE.matcher(folded.substring(m.end(), q.start())).matches()) {
                return m; // "... into Tessaline Bio, which is now valued at $300 million": the clause is about the name
            }
        }
        for (Mention m : mentions) {
            if (m.start() < sentence.start() || m.end() > q.start()) {
                continue;
            }
            if ("person".equals(m.type())) {
                if (!isObject(folded, m, sentence, lexicon)) {
                    person = m; // not "founded by engineer Odile Farrant": the founder does not employ the staff
                }
            } else {
                org = m;
            }
        }
        // Skip names that are the object of a preposition ("向xAI投资": xAI receives, it does not invest).
        if (org != null) {
            Mention candidate = null;
            for (Mention m : mentions) {
                if (m.start() < sentence.start() || m.end() > q.start() || "person".equals(m.type())) {
                    continue;
                }
                if (!isObject(folded, m, sentence, lexicon) && (invested || !isInvestor(folded, m, sentence))
                        && !isModifier(folded, m, sentence) && !inAppositive(folded, m, mentions, sentence, q)) {
                    candidate = m;
                }
            }
            org = candidate;
        }
        if (org != null) {
            return org;
        }
        if (person != null && !ownsCompany(folded, person)) {
            return person;
        }
        if (person == null) {
            // Nothing named before the amount: "每月10亿美元的烈火仍在燃烧，xAI的融资…" names it after.
            for (Mention m : mentions) {
                if (m.start() >= q.end() && m.end() <= sentence.end() && !"person".equals(m.type())
                        && (invested || !isInvestor(folded, m, sentence))) {
                    return m; // not "…B輪募資，由霧峰創投領投": the investor after the figure did not raise it
                }
            }
        }
        return null;
    }

    /**
     * Whether a name is the object of a preposition: right after "from/to/in/by..." or, in Chinese, after
     * 向/从/对/给 earlier in the same clause ("将向其CEO马斯克的人工智能公司xAI投资": xAI receives).
     */
    /** The second of two names after "by", "from" or "with": "founded by Ines Valkenburgh and Otto Brammeier". */
    private static final Pattern OBJECT_PAIR = Pattern.compile("\\b(?:by|from|with)\\s+[^,;.]{1,40}?\\s(?:and|&)\\s*$");

    private static boolean isObject(String folded, Mention m, Span sentence, Lexicon lexicon) {
        String before = folded.substring(Math.max(sentence.start(), m.start() - 30), m.start());
        if (lexicon.endsWithObjectMarker(before)
                || OBJECT_PAIR.matcher(folded.substring(Math.max(sentence.start(), m.start() - 60), m.start())).find()) {
            return true;
        }
        for (int i = m.start() - 1; i >= Math.max(sentence.start(), m.start() - 24); i--) {
            char c = folded.charAt(i);
            if (c == '，' || c == ',' || c == '；' || c == '。') {
                return false;
            }
            if (c == '向' || c == '对' || c == '给') {
                return true;
            }
        }
        return false;
    }

    private static final Pattern APPOSITIVE = Pattern.compile(
            "^\\s*,\\s*(?:a|an|the|which|that|who|whose|once|formerly|one\\s+of|based|headquartered|founded)\\b[^;:]*$");

    /**
     * Whether a name stands inside the description of an earlier one: "Zephraim, a Denver company that rents out GPU
     * capacity, has raised…", "Brisantel Robotics, a startup in Fresno, California, that…, has raised": the figure is
     * the company's, not the place's or the product's. The description must close (a comma) before the amount.
     */
    private static boolean inAppositive(String folded, Mention m, List<Mention> mentions, Span sentence, Quantity q) {
        if (folded.substring(m.end(), q.start()).indexOf(',') < 0) {
            return false;
        }
        for (Mention e : mentions) {
            if (e.start() >= sentence.start() && e.end() <= m.start() && !"person".equals(e.type())
                    && APPOSITIVE.matcher(folded.substring(e.end(), m.start())).matches()) {
                return true;
            }
        }
        return false;
    }

    private static final Pattern RELATIVE = Pattern.compile("^\\s*,\\s*(?:which|that|who)\\b[^,;:]*$");
    private static final Pattern INVESTS_AFTER = Pattern.compile(
            "^\\s*(?:(?:has|have|had|also|jointly|again)\\s+)?(?:领投|领衔|牵头|跟投|参投|联合领投|等机构|co-led|led|invested|invests|put|puts|poured|backed|joined|participated)");
    private static final Pattern INVESTOR_BEFORE = Pattern.compile(
            "(?:led by|co-led by|investors?|backers?|backed by|投资方|投资人|投资者|领投方|领投机构)\\s*(?:include|including|were|was|is|are|为|是|包括)?\\s*$");

    /**
     * Whether a name is an investor of the clause ("红杉领投星辰科技…", "Lead investor Quarry Ridge Capital put $25
     * million into…"): the round and its amount belong to the company it invests in.
     */
    private static boolean isInvestor(String folded, Mention m, Span sentence) {
        String after = folded.substring(m.end(), Math.min(sentence.end(), m.end() + 16));
        String before = folded.substring(Math.max(sentence.start(), m.start() - 24), m.start());
        return INVESTS_AFTER.matcher(after).find() || INVESTOR_BEFORE.matcher(before).find();
    }

    private static final Pattern INDEFINITE_BEFORE = Pattern.compile("(?:^|\\s)(?:a|an)\\s+$");

    /** A name after "a/an" describes the noun after it ("Zentrik, a Lisbon start-up, closed…"). */
    private static boolean isModifier(String folded, Mention m, Span sentence) {
        return INDEFINITE_BEFORE.matcher(folded.substring(Math.max(sentence.start(), m.start() - 4), m.start())).find();
    }

    /** "马斯克的AI公司", "Musk's start-up": the person names the owner, not the subject. */
    private static boolean ownsCompany(String folded, Mention person) {
        String after = folded.substring(person.end(), Math.min(folded.length(), person.end() + 4));
        return OWNER_OF.matcher(after).find();
    }

    /**
     * The sentence's first organisation that is not the object of a preposition or an investor: "本輪由海砂主權基金領投。"
     * leaves the next sentence's figures to the company, not to the fund.
     */
    private static Mention firstOrg(String folded, List<Mention> mentions, Span sentence, Lexicon lexicon) {
        for (Mention m : mentions) {
            if (m.start() >= sentence.start() && m.end() <= sentence.end() && !"person".equals(m.type())
                    && !isObject(folded, m, sentence, lexicon) && !isInvestor(folded, m, sentence)) {
                return m;
            }
        }
        return null;
    }

    private static Mention focus(List<Mention> mentions, AliasTable aliases) {
        Map<String, Integer> counts = new HashMap<>();
        Mention best = null;
        int bestCount = 0;
        for (Mention m : mentions) {
            if ("person".equals(m.type())) {
                continue;
            }
            String key = aliases.canonical(m.name());
            int n = counts.merge(key, 1, Integer::sum);
            if (n > bestCount) {
                bestCount = n;
                best = m;
            }
        }
        return best;
    }

    /** Words that open a Chinese headline before its subject: "據報導棠芯洽談…". */
    private static final Pattern HEADLINE_LEAD = Pattern.compile("^(?:据报导|据报道|据悉|独家|快讯|传|消息称)[：:，, ]*");
    /** Where a Chinese headline's subject ends: its verb, its figure or its round ("琉沅完成…", "澄岫D轮…"). */
    private static final Pattern HEADLINE_VERB = Pattern.compile(
            "完成|宣布|获|拟|洽谈|估值|融资|募资|推出|发布|收购|再|将|与|正|今日|成立|计划|冲刺|递表|上市|[a-z]+\\s*轮|[\\d\\s]");

    /**
     * The name a Chinese headline opens with ("澄岫完成12亿元B轮融资", "琉沅D輪估值翻倍"), found again wherever the
     * body writes it: a new company's name that no recogniser knows is still the subject of its own story. Only a
     * stretch of two to eight Chinese characters before the headline's verb, written in the body too, that reads as a
     * name ({@link Names#nameLike}: not "今年以来" or "九城申报") and holds no attribute word.
     */
    private static final Pattern DENIED = Pattern.compile("(?:而非|而不是|并非|并不是)\\s*(?:约|大约|此前报道的|外界所传的|传闻中的)?\\s*$"
            + "|(?:,|，)\\s*not\\s+(?:the\\s+)?(?:us)?\\$?\\s*$|\\brather than\\s+(?:the\\s+)?(?:us)?\\$?\\s*$");
    private static final Pattern TIME_OR_NUMBER = Pattern.compile("[\\d第季度年月日周一二三四五六七八九十百千万亿两]");

    private static int occurrences(String text, String part) {
        int n = 0;
        for (int at = text.indexOf(part); at >= 0; at = text.indexOf(part, at + part.length())) {
            n++;
        }
        return n;
    }

    private List<Mention> withHeadlineName(Document doc, String folded, List<Mention> mentions) {
        String title = doc.title();
        if (title == null || title.isBlank() || !Script.isHan(title.codePointAt(0)) && !HEADLINE_LEAD.matcher(Script.fold(title)).find()) {
            return mentions;
        }
        String t = HEADLINE_LEAD.matcher(Script.fold(title.strip())).replaceFirst("");
        Matcher verb = HEADLINE_VERB.matcher(t);
        int stop = verb.find() ? verb.start() : -1;
        // "穹码营收数据存分歧": the name ends where the attribute word of the story begins
        int cue = CueMatcher.find(t, lexicon.attributeCues()).stream().mapToInt(CueMatcher.Found::start).min().orElse(-1);
        boolean cut = cue >= 2 && (stop < 0 || cue < stop);
        if (cut) {
            stop = cue;
        }
        if (stop < 2 || stop > 8) {
            return mentions;
        }
        String name = t.substring(0, stop);
        if (cut && (TIME_OR_NUMBER.matcher(name).find() || occurrences(folded, name) - occurrences(t, name) < 2)) {
            // cut at the attribute word, the stretch is a name only if the body says it again and again
            // ("穹码营收数据存分歧 … 穹码2025年营收… 穹码目前…"), and never a time ("携程第三季净利…")
            return mentions;
        }
        // "机器人新创Nimbus Labs本周获得…": a run of Chinese before a Latin name describes it, it is not a name
        if (!name.codePoints().allMatch(Script::isHan) || !CueMatcher.find(name, lexicon.attributeCues()).isEmpty()
                || !Names.nameLike(name)) {
            return mentions;
        }
        List<Mention> out = new ArrayList<>(mentions);
        for (int at = folded.indexOf(name); at >= 0; at = folded.indexOf(name, at + name.length())) {
            int start = at;
            int end = at + name.length();
            if (mentions.stream().noneMatch(m -> start < m.end() && end > m.start())) {
                out.add(new Mention(start, end, name, "org"));
            }
        }
        if (out.size() == mentions.size()) {
            return mentions;
        }
        out.sort(java.util.Comparator.comparingInt(Mention::start).thenComparingInt(Mention::end));
        return out;
    }

    /** What follows the figure after "and", "but", "并"… is another predicate, with its own modality. */
    private static final Pattern NEXT_PREDICATE = Pattern.compile("\\s(?:and|but|while|whereas)\\s|并且|(?<![合兼吞归])并|同时|但是|而且|不过");

    /**
     * The part of a clause that speaks of its figure: "The company employs 320 people and plans to double its output"
     * is actual, whatever "plans" says of the doubling.
     */
    private static Span ownPredicate(String folded, Span clause, Quantity q) {
        Matcher m = NEXT_PREDICATE.matcher(folded).region(Math.min(q.end(), clause.end()), clause.end());
        return m.find() ? new Span(clause.start(), m.start()) : clause;
    }

    /**
     * The modality from the cues in {@code context}. With several amounts in one clause, the context is the stretch
     * before the amount ("spending $1bn a month and expects ~$500 million": only the second is expected), and
     * {@code extra} is the amount's whole stretch, searched for targets only ("150 億美元目標").
     */
    private static String modality(List<CueMatcher.Found> cues, Span context, Span extra) {
        if (extra != null && extra.start() == context.start() && extra.end() > context.end()) {
            for (CueMatcher.Found f : cues) {
                if (f.label().equals("target") && f.start() >= extra.start() && f.end() <= extra.end()) {
                    return "target";
                }
            }
            return modality(cues, context, null);
        }
        return modalityIn(cues, context, extra);
    }

    /**
     * A later amount of a clause with no cue of its own inherits talks or plans from the clause before it: "is in
     * talks to raise up to $300 million at a valuation of $2 billion" (the valuation is in talks too).
     */
    private static String inherited(List<CueMatcher.Found> cues, Span before, String own, Span window) {
        if (!own.equals("actual") || before.end() <= before.start()) {
            return own;
        }
        for (CueMatcher.Found f : cues) {
            if (f.start() >= window.start() && f.end() <= window.end()) {
                return own; // a cue of its own ("raised", "completed") decides
            }
        }
        String last = null;
        for (CueMatcher.Found f : cues) {
            if (f.start() >= before.start() && f.end() <= before.end()) {
                last = f.label();
            }
        }
        return "planned".equals(last) ? "planned" : own;
    }

    private static String modalityIn(List<CueMatcher.Found> cues, Span context, Span previousClause) {
        boolean done = false;
        String other = null;
        for (CueMatcher.Found f : cues) {
            if (f.start() >= context.start() && f.end() <= context.end()) {
                if (f.label().equals("done")) {
                    done = true;
                } else if (other == null || f.label().equals("target")) {
                    other = f.label();
                }
            }
        }
        if ("target".equals(other)) {
            return "target";
        }
        if (done) {
            return "actual";
        }
        if (other == null && !done && previousClause != null) {
            for (CueMatcher.Found f : cues) {
                if (f.start() >= previousClause.start() && f.end() <= previousClause.end() && f.label().equals("planned")) {
                    return "planned";
                }
            }
        }
        return other == null ? "actual" : other;
    }

    private static LocalDate date(List<TimeExpressions.Mention> dates, Span sentence, int windowStart, int windowEnd, Quantity q) {
        LocalDate inWindow = null;
        int best = Integer.MAX_VALUE;
        LocalDate before = null;
        for (TimeExpressions.Mention d : dates) {
            if (d.start() >= windowStart && d.end() <= windowEnd) {
                int distance = Math.abs(d.start() - q.start());
                if (distance < best) {
                    best = distance;
                    inWindow = d.date();
                }
            } else if (d.start() >= sentence.start() && d.end() <= q.start()) {
                before = d.date();
            }
        }
        return inWindow != null ? inWindow : before;
    }

    private static final Pattern PERIOD_AFTER = Pattern.compile(
            "^\\s*(?:(?:a|per|each|every)\\s+(month|year)(?!s|\\s+(?:ago|earlier|before|later))|/(month|mo|year|yr)\\b|(monthly)|(annually))");
    private static final Pattern PERIOD_BEFORE = Pattern.compile(
            "(?:(每月|每个月|一个月|月均|单月|monthly)|(每年|年均|一年下来|annual|yearly))[^，,；;。]{0,8}$");

    /** The period written right next to an amount: "$1bn a month", "每月10亿美元". */
    private static String period(String folded, Quantity q) {
        Matcher after = PERIOD_AFTER.matcher(folded.substring(q.end(), Math.min(folded.length(), q.end() + 16)));
        if (after.find()) {
            return after.group(1) != null ? after.group(1) : after.group(2) != null
                    ? (after.group(2).startsWith("mo") ? "month" : "year") : after.group(3) != null ? "month" : "year";
        }
        Matcher before = PERIOD_BEFORE.matcher(folded.substring(Math.max(0, q.start() - 16), q.start()));
        if (before.find()) {
            return before.group(1) != null ? "month" : "year";
        }
        return null;
    }

    private static String period(String folded, Span context) {
        String s = folded.substring(context.start(), context.end());
        if (PER_MONTH.matcher(s).find()) {
            return "month";
        }
        if (PER_YEAR.matcher(s).find()) {
            return "year";
        }
        return null;
    }

    private static String round(String folded, Span sentence, Quantity q) {
        return Rounds.nearest(folded, sentence.start(), sentence.end(), q.start());
    }
}
