import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.veritas.IngestReport;
import io.veritas.Settings;
import io.veritas.Veritas;
import io.veritas.index.Analysis;
import io.veritas.index.Hit;
import io.veritas.index.SearchRequest;
import io.veritas.text.Script;
import org.apache.lucene.analysis.Analyzer;
import org.apache.lucene.analysis.cjk.CJKAnalyzer;
import org.apache.lucene.document.Document;
import org.apache.lucene.document.Field;
import org.apache.lucene.document.StringField;
import org.apache.lucene.document.TextField;
import org.apache.lucene.index.DirectoryReader;
import org.apache.lucene.index.IndexWriter;
import org.apache.lucene.index.IndexWriterConfig;
import org.apache.lucene.index.Term;
import org.apache.lucene.search.BooleanClause;
import org.apache.lucene.search.BooleanQuery;
import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.search.ScoreDoc;
import org.apache.lucene.search.TermQuery;
import org.apache.lucene.search.similarities.BM25Similarity;
import org.apache.lucene.store.ByteBuffersDirectory;

import java.io.BufferedReader;
import java.io.BufferedWriter;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.*;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * Cross-language retrieval: English questions over Chinese paragraphs (en-zh.jsonl) or Chinese questions over
 * English articles (zh-en.jsonl). The documents are not in the repository: the pool (SET.docs.txt, one id a line)
 * is read at run time from ../shared (the set file's folder/../../../shared, or SHARED=DIR), written to a temporary
 * JSON Lines file (id, title, text, lang) and ingested into a fresh Veritas data folder. Every question is then
 * ranked by Veritas's passage search (lexical; also dense and hybrid when an embedder is on) and by two plain
 * Lucene BM25 baselines over whole documents (CJKAnalyzer bigrams; Veritas's own analyzer, which also folds
 * Traditional to Simplified and stems English). Passages are mapped back to their document's id; a question's rank
 * is the position of its first gold document among the distinct documents returned.
 *
 * Usage: java -cp target/veritas.jar bench/xling/CrossLanguage.java SET.jsonl [EMBEDDER]
 *   EMBEDDER: bge-small-zh-v15-q (the model in the jar, the default) or none.
 *   PASSAGES=N: passages asked of Veritas per question (default 10); RESULTS=FILE: one JSON line per question.
 */
public class CrossLanguage {
    /** Documents ranked per question, for MRR; recall is counted at 5. */
    static final int TOP = 10;
    static final int RECALL_AT = 5;

    record Question(String id, String question, List<String> gold, String topic) {
    }

    record Doc(String id, String title, String text, String lang) {
    }

    public static void main(String[] args) throws Exception {
        if (args.length < 1) {
            System.err.println("usage: java -cp target/veritas.jar bench/xling/CrossLanguage.java SET.jsonl [EMBEDDER]");
            System.exit(2);
        }
        Path setFile = Path.of(args[0]).toAbsolutePath().normalize();
        String embedder = args.length > 1 ? args[1] : "bge-small-zh-v15-q";
        int passages = Integer.parseInt(System.getenv().getOrDefault("PASSAGES", "10"));
        Path shared = System.getenv("SHARED") != null ? Path.of(System.getenv("SHARED"))
                : setFile.getParent().resolve("../../../shared").normalize();
        ObjectMapper json = new ObjectMapper();

        List<Question> questions = new ArrayList<>();
        for (String line : Files.readAllLines(setFile)) {
            if (line.isBlank()) {
                continue;
            }
            JsonNode q = json.readTree(line);
            List<String> gold = new ArrayList<>();
            q.get("gold").forEach(g -> gold.add(g.asText()));
            questions.add(new Question(q.get("id").asText(), q.get("question").asText(), gold, q.path("topic").asText("other")));
        }
        String name = setFile.getFileName().toString().replaceFirst("\\.jsonl$", "");
        Path docsFile = setFile.resolveSibling(name + ".docs.txt");
        List<String> poolIds = Files.readAllLines(docsFile).stream().map(String::strip).filter(s -> !s.isEmpty()).toList();
        Set<String> pool = new LinkedHashSet<>(poolIds);
        for (Question q : questions) {
            for (String g : q.gold()) {
                if (!pool.contains(g)) {
                    throw new IllegalStateException(q.id() + ": gold document " + g + " is not listed in " + docsFile);
                }
            }
        }
        Map<String, Doc> docs = loadDocs(pool, shared, json);
        List<String> missing = pool.stream().filter(id -> !docs.containsKey(id)).toList();
        if (!missing.isEmpty()) {
            throw new IllegalStateException(missing.size() + " pool documents were not found under " + shared + ": " + missing.subList(0, Math.min(5, missing.size())));
        }

        Path dir = Files.createTempDirectory("veritas-xling");
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            try {
                deleteTree(dir); // the documents and indexes are needed only while the run lasts
            } catch (IOException e) {
                System.err.println("could not remove " + dir + ": " + e.getMessage());
            }
        }));
        Path docsJsonl = dir.resolve("pool.jsonl");
        try (BufferedWriter w = Files.newBufferedWriter(docsJsonl)) {
            for (String id : pool) {
                Doc d = docs.get(id);
                ObjectNode o = json.createObjectNode();
                o.put("id", d.id());
                if (d.title() != null && !d.title().isBlank()) {
                    o.put("title", d.title());
                }
                o.put("text", d.text());
                if (d.lang() != null) {
                    o.put("lang", d.lang());
                }
                w.write(json.writeValueAsString(o));
                w.newLine();
            }
        }

        Bm25 cjk = new Bm25(new CJKAnalyzer(), docs.values());
        boolean chineseDocs = docs.values().stream().allMatch(d -> Analysis.hasChinese(d.text()));
        List<Question> reference = chineseDocs ? referenceQuestions(questions, shared, json) : null;
        Map<String, List<List<String>>> referenceRanked = new LinkedHashMap<>();
        Bm25 folded = new Bm25(Analysis.analyzer(), docs.values());
        Map<String, List<List<String>>> ranked = new LinkedHashMap<>();
        boolean embeds = !embedder.equalsIgnoreCase("none");
        long t0 = System.nanoTime();
        Map<String, List<Long>> nanos = new LinkedHashMap<>();
        try (Veritas v = Veritas.open(dir.resolve("data"), Settings.defaults().withEmbedder(embedder))) {
            IngestReport report = v.ingest(List.of(docsJsonl), p -> { });
            int vectors = embeds ? v.embedPending(n -> { }) : 0;
            System.out.printf(Locale.ROOT, "%s: %d questions, %d documents (%s); ingest %s, %d passage vectors, %.1f s%n",
                    setFile.getFileName(), questions.size(), pool.size(), shared, report.summary().replace('\n', ' '), vectors,
                    (System.nanoTime() - t0) / 1e9);
            List<String> absent = pool.stream().filter(id -> v.document(id) == null).toList();
            if (!absent.isEmpty()) {
                System.out.println("warning: " + absent.size() + " pool documents are not in the index (duplicates?): " + absent);
            }
            List<SearchRequest.Mode> modes = embeds
                    ? List.of(SearchRequest.Mode.LEXICAL, SearchRequest.Mode.DENSE, SearchRequest.Mode.HYBRID)
                    : List.of(SearchRequest.Mode.LEXICAL);
            for (SearchRequest.Mode mode : modes) {
                String method = "veritas-" + mode.name().toLowerCase(Locale.ROOT);
                List<List<String>> out = new ArrayList<>();
                List<Long> times = new ArrayList<>();
                for (Question q : questions) {
                    long s = System.nanoTime();
                    List<Hit> hits = v.search(SearchRequest.of(q.question(), passages).withMode(mode));
                    times.add(System.nanoTime() - s);
                    out.add(docIds(hits));
                }
                ranked.put(method, out);
                nanos.put(method, times);
            }
            if (reference != null) { // the datasets' own Chinese questions on the same gold paragraphs
                List<List<String>> out = new ArrayList<>();
                for (Question q : reference) {
                    out.add(docIds(v.search(SearchRequest.of(q.question(), passages).withMode(SearchRequest.Mode.LEXICAL))));
                }
                referenceRanked.put("veritas-lexical", out);
            }
        }
        // The same index searched the way Veritas did before the dictionary: the domain lexicon and known names only.
        try (Veritas v = Veritas.open(dir.resolve("data"), Settings.defaults().withEmbedder(embedder).withTranslation(Settings.LEXICON))) {
            List<SearchRequest.Mode> modes = embeds ? List.of(SearchRequest.Mode.LEXICAL, SearchRequest.Mode.HYBRID) : List.of(SearchRequest.Mode.LEXICAL);
            for (SearchRequest.Mode mode : modes) {
                List<List<String>> out = new ArrayList<>();
                for (Question q : questions) {
                    out.add(docIds(v.search(SearchRequest.of(q.question(), passages).withMode(mode))));
                }
                ranked.put("lexicon-only-" + mode.name().toLowerCase(Locale.ROOT), out);
            }
        }
        if (chineseDocs) {
            Bm25 translated = new Bm25(Analysis.analyzer(), DocumentTranslation.translate(docs.values()));
            List<List<String>> out = new ArrayList<>();
            for (Question q : questions) {
                out.add(translated.top(q.question(), TOP));
            }
            ranked.put("bm25-doc-translation", out);
        }
        if (reference != null) {
            List<List<String>> out = new ArrayList<>();
            for (Question q : reference) {
                out.add(cjk.top(q.question(), TOP));
            }
            referenceRanked.put("bm25-cjk", out);
        }
        for (var e : Map.of("bm25-cjk", cjk, "bm25-veritas-analyzer", folded).entrySet().stream()
                .sorted(Map.Entry.comparingByKey()).toList()) {
            List<List<String>> out = new ArrayList<>();
            for (Question q : questions) {
                out.add(e.getValue().top(q.question(), TOP));
            }
            ranked.put(e.getKey(), out);
        }

        // Ranks (1-based, 0 = not in the top TOP) per method and question.
        Map<String, int[]> ranks = new LinkedHashMap<>();
        ranked.forEach((method, lists) -> {
            int[] r = new int[questions.size()];
            for (int i = 0; i < questions.size(); i++) {
                List<String> ids = lists.get(i);
                for (int k = 0; k < ids.size(); k++) {
                    if (questions.get(i).gold().contains(ids.get(k))) {
                        r[i] = k + 1;
                        break;
                    }
                }
            }
            ranks.put(method, r);
        });

        if (System.getenv("RESULTS") != null) {
            try (BufferedWriter w = Files.newBufferedWriter(Path.of(System.getenv("RESULTS")))) {
                for (int i = 0; i < questions.size(); i++) {
                    Question q = questions.get(i);
                    ObjectNode o = json.createObjectNode();
                    o.put("id", q.id());
                    o.put("question", q.question());
                    o.putPOJO("gold", q.gold());
                    o.put("topic", q.topic());
                    ObjectNode rank = o.putObject("rank");
                    ObjectNode top = o.putObject("top");
                    for (String m : ranks.keySet()) {
                        rank.put(m, ranks.get(m)[i]);
                        List<String> ids = ranked.get(m).get(i);
                        top.put(m, ids.isEmpty() ? "" : ids.get(0));
                    }
                    w.write(json.writeValueAsString(o));
                    w.newLine();
                }
            }
        }

        // Breakdowns: by the question's script, by the gold document's source, by topic.
        Map<String, Map<String, List<Integer>>> groups = new LinkedHashMap<>();
        for (int i = 0; i < questions.size(); i++) {
            Question q = questions.get(i);
            String gold = q.gold().get(0);
            String source = gold.startsWith("corpus:") ? gold.substring(7).replaceFirst("-.*", "") : gold.replaceFirst(":.*", "");
            groups.computeIfAbsent("question script", k -> new TreeMap<>()).computeIfAbsent(Script.detect(q.question()), k -> new ArrayList<>()).add(i);
            groups.computeIfAbsent("gold source", k -> new TreeMap<>()).computeIfAbsent(source, k -> new ArrayList<>()).add(i);
            groups.computeIfAbsent("topic", k -> new TreeMap<>()).computeIfAbsent(q.topic(), k -> new ArrayList<>()).add(i);
        }
        for (var g : groups.entrySet()) {
            System.out.println("by " + g.getKey() + " (recall@" + RECALL_AT + " / MRR@" + TOP + "):");
            for (var cell : g.getValue().entrySet()) {
                StringBuilder line = new StringBuilder(String.format(Locale.ROOT, "  %-10s n=%3d", cell.getKey(), cell.getValue().size()));
                for (String m : ranks.keySet()) {
                    double[] s = score(ranks.get(m), cell.getValue());
                    line.append(String.format(Locale.ROOT, "  %s %.2f/%.2f", m, s[0], s[1]));
                }
                System.out.println(line);
            }
        }
        for (String m : nanos.keySet()) {
            List<Long> t = new ArrayList<>(nanos.get(m));
            Collections.sort(t);
            System.out.printf(Locale.ROOT, "%s search p50 %.1f ms, p99 %.1f ms (%d passages asked)%n", m, t.get(t.size() / 2) / 1e6,
                    t.get(Math.min(t.size() - 1, (int) (t.size() * 0.99))) / 1e6, passages);
        }
        List<Integer> all = new ArrayList<>();
        for (int i = 0; i < questions.size(); i++) {
            all.add(i);
        }
        for (var e : referenceRanked.entrySet()) {
            int[] r = new int[reference.size()];
            for (int i = 0; i < reference.size(); i++) {
                List<String> ids = e.getValue().get(i);
                r[i] = ids.indexOf(reference.get(i).gold().get(0)) + 1;
            }
            double[] s = score(r, all);
            System.out.printf(Locale.ROOT, "reference, the datasets' own Chinese question on each gold paragraph, %s: recall@%d %.2f, MRR %.2f%n",
                    e.getKey(), RECALL_AT, s[0], s[1]);
        }
        for (String m : ranks.keySet()) {
            double[] s = score(ranks.get(m), all);
            System.out.printf(Locale.ROOT, "%s: recall@%d %.2f, MRR %.2f (%d of %d questions found in the top %d)%n", m, RECALL_AT, s[0], s[1],
                    (int) Arrays.stream(ranks.get(m)).filter(r -> r > 0).count(), questions.size(), TOP);
        }
    }

    /** The first TOP distinct documents of a ranked list of passages. */
    static List<String> docIds(List<Hit> hits) {
        List<String> ids = new ArrayList<>();
        for (Hit h : hits) {
            String id = h.source().docId();
            if (!ids.contains(id) && ids.size() < TOP) {
                ids.add(id);
            }
        }
        return ids;
    }

    /**
     * For each question, the first question the dataset itself asks about the same gold paragraph (Chinese, read
     * from ../shared at run time, never stored here): the Chinese-to-Chinese reference on the same documents.
     */
    static List<Question> referenceQuestions(List<Question> questions, Path shared, ObjectMapper json) throws IOException {
        Map<String, String> first = new HashMap<>();
        Map<String, String> files = Map.of("cmrc", "bench/qa/cmrc2018/cmrc2018_dev.squad-style.json", "drcd", "bench/qa/drcd/DRCD_dev.json");
        for (var e : files.entrySet()) {
            JsonNode root = json.readTree(shared.resolve(e.getValue()).toFile());
            for (JsonNode article : root.get("data")) {
                for (JsonNode p : article.get("paragraphs")) {
                    JsonNode qas = p.path("qas");
                    if (qas.size() > 0) {
                        first.put(e.getKey() + ":" + p.get("id").asText(), qas.get(0).get("question").asText());
                    }
                }
            }
        }
        List<Question> out = new ArrayList<>();
        for (Question q : questions) {
            String text = first.get(q.gold().get(0));
            out.add(new Question(q.id() + "-zh", text == null ? "?" : text, q.gold(), q.topic()));
        }
        return out;
    }

    /** {recall@RECALL_AT, MRR over the top TOP} for the questions at {@code indexes}. */
    static double[] score(int[] ranks, List<Integer> indexes) {
        double recall = 0, mrr = 0;
        for (int i : indexes) {
            recall += ranks[i] > 0 && ranks[i] <= RECALL_AT ? 1 : 0;
            mrr += ranks[i] > 0 ? 1.0 / ranks[i] : 0;
        }
        return new double[]{recall / indexes.size(), mrr / indexes.size()};
    }

    /**
     * The pool's documents from ../shared: {@code cmrc:ID} and {@code drcd:ID} are paragraphs of the CMRC 2018 and
     * DRCD dev sets (text = context, title = article title), {@code corpus:ID} are records of ../shared/corpus.
     */
    static Map<String, Doc> loadDocs(Set<String> pool, Path shared, ObjectMapper json) throws IOException {
        Map<String, Doc> docs = new HashMap<>();
        Map<String, String[]> squad = Map.of(
                "cmrc", new String[]{"bench/qa/cmrc2018/cmrc2018_dev.squad-style.json", Script.HANS},
                "drcd", new String[]{"bench/qa/drcd/DRCD_dev.json", Script.HANT});
        for (var e : squad.entrySet()) {
            String prefix = e.getKey() + ":";
            if (pool.stream().noneMatch(id -> id.startsWith(prefix))) {
                continue;
            }
            JsonNode root = json.readTree(shared.resolve(e.getValue()[0]).toFile());
            for (JsonNode article : root.get("data")) {
                for (JsonNode p : article.get("paragraphs")) {
                    String id = prefix + p.get("id").asText();
                    if (pool.contains(id)) {
                        docs.put(id, new Doc(id, article.path("title").asText(""), p.get("context").asText(), e.getValue()[1]));
                    }
                }
            }
        }
        Set<String> wanted = new HashSet<>();
        pool.stream().filter(id -> id.startsWith("corpus:")).forEach(id -> wanted.add(id.substring(7)));
        if (!wanted.isEmpty()) {
            Pattern idField = Pattern.compile("^\\{\"id\":\\s*\"([^\"]+)\"");
            List<Path> files;
            try (Stream<Path> s = Files.walk(shared.resolve("corpus"))) {
                files = s.filter(f -> f.toString().endsWith(".jsonl")).sorted().toList();
            }
            for (Path f : files) {
                if (wanted.isEmpty()) {
                    break;
                }
                try (BufferedReader r = Files.newBufferedReader(f)) {
                    for (String line; (line = r.readLine()) != null && !wanted.isEmpty(); ) {
                        Matcher m = idField.matcher(line);
                        String id = m.find() ? m.group(1) : null;
                        if (id != null && !wanted.contains(id)) {
                            continue;
                        }
                        JsonNode o = json.readTree(line);
                        id = o.path("id").asText();
                        if (wanted.remove(id)) {
                            docs.put("corpus:" + id, new Doc("corpus:" + id, o.path("title").asText(null), o.get("text").asText(),
                                    o.path("lang").asText(null)));
                        }
                    }
                }
            }
        }
        return docs;
    }

    /**
     * Document translation, the other way of dictionary-based cross-language retrieval: every Chinese document
     * rewritten as English words before indexing. HanLP segments it; each word becomes the English of its first
     * two CC-CEDICT senses (brackets removed); a name the dictionary lacks (HanLP's person, place and organisation
     * names) becomes its Pinyin, the surname apart and the given name run together ("ye qiaobo").
     */
    static final class DocumentTranslation {
        static List<Doc> translate(Collection<Doc> docs) {
            io.veritas.text.Cedict cedict = io.veritas.text.Cedict.get(t -> t.toLowerCase(Locale.ROOT));
            List<Doc> out = new ArrayList<>();
            for (Doc d : docs) {
                out.add(new Doc(d.id(), d.title() == null ? null : english(cedict, d.title()), english(cedict, d.text()), "en"));
            }
            return out;
        }

        static String english(io.veritas.text.Cedict cedict, String text) {
            StringBuilder b = new StringBuilder();
            for (com.hankcs.hanlp.seg.common.Term t : com.hankcs.hanlp.HanLP.segment(text)) {
                String w = t.word;
                List<String> senses = cedict.senses(w);
                if (!senses.isEmpty()) {
                    for (int i = 0; i < Math.min(2, senses.size()); i++) {
                        b.append(' ').append(senses.get(i).replaceAll("\\([^)]*\\)|\\[[^\\]]*]", " "));
                    }
                } else if (Analysis.hasChinese(w) && w.length() > 1) {
                    StringBuilder py = new StringBuilder(" ");
                    for (int i = 0; i < w.length(); i++) {
                        String r = cedict.reading(w.charAt(i));
                        py.append(r == null ? "" : r).append(i == 0 ? " " : "");
                    }
                    b.append(py);
                } else {
                    b.append(' ').append(w);
                }
            }
            return b.toString();
        }
    }

    /** Plain Lucene BM25 (default k1 1.2, b 0.75) over whole documents, title and text in one field. */
    static final class Bm25 {
        private final Analyzer analyzer;
        private final IndexSearcher searcher;

        Bm25(Analyzer analyzer, Collection<Doc> docs) throws IOException {
            this.analyzer = analyzer;
            ByteBuffersDirectory dir = new ByteBuffersDirectory();
            IndexWriterConfig config = new IndexWriterConfig(analyzer).setSimilarity(new BM25Similarity());
            try (IndexWriter w = new IndexWriter(dir, config)) {
                for (Doc d : docs) {
                    Document doc = new Document();
                    doc.add(new StringField("id", d.id(), Field.Store.YES));
                    doc.add(new TextField("body", (d.title() == null ? "" : d.title() + "\n") + d.text(), Field.Store.NO));
                    w.addDocument(doc);
                }
            }
            searcher = new IndexSearcher(DirectoryReader.open(dir));
            searcher.setSimilarity(new BM25Similarity());
        }

        List<String> top(String question, int k) throws IOException {
            BooleanQuery.Builder b = new BooleanQuery.Builder();
            Set<String> seen = new HashSet<>();
            for (String t : Analysis.tokens(analyzer, question)) {
                if (seen.add(t)) {
                    b.add(new TermQuery(new Term("body", t)), BooleanClause.Occur.SHOULD);
                }
            }
            List<String> ids = new ArrayList<>();
            if (seen.isEmpty()) {
                return ids;
            }
            for (ScoreDoc sd : searcher.search(b.build(), k).scoreDocs) {
                ids.add(searcher.storedFields().document(sd.doc).get("id"));
            }
            return ids;
        }
    }

    private static void deleteTree(Path root) throws IOException {
        if (!Files.exists(root)) {
            return;
        }
        try (var walk = Files.walk(root)) {
            for (Path p : walk.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        }
    }
}
