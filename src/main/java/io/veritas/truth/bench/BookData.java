package io.veritas.truth.bench;

import io.veritas.truth.AttributeRule;
import io.veritas.truth.DataItem;
import io.veritas.truth.Statement;
import io.veritas.truth.Value;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;

/**
 * The Book data set (AbeBooks stores' author lists, Yin, Han, Yu KDD 2007) with the 100-book golden standard, scored
 * as Dong, Berti-Equille, Srivastava (PVLDB 2009, §6.5) do: a book is right when the chosen author list has the
 * gold authors in the gold order, each compared by first and last name, middle names ignored. ISBN-13s are turned
 * into ISBN-10s so that listings and gold meet.
 */
public final class BookData {
    static final String AUTHORS = "authors";

    private BookData() {
    }

    public static Benchmark load(Path dir) {
        Path books = dir.resolve("book/book.txt");
        Path golden = dir.resolve("book/book_golden.txt");
        List<Statement> statements = new ArrayList<>();
        Set<String> seen = new HashSet<>();
        List<String> lines = read(books);
        for (int i = 0; i < lines.size(); i++) {
            String line = lines.get(i);
            if (line.isBlank()) {
                continue;
            }
            String[] f = line.split("\t", -1);
            if (f.length != 4) {
                throw new BadDataException(books, i + 1, "expected 4 tab-separated columns (store, ISBN, title, authors), found " + f.length,
                        "Restore book.txt from the original book.zip");
            }
            final int lineNo = i + 1;
            String isbn = isbn10(f[1]).orElseThrow(() -> new BadDataException(books, lineNo,
                    "'" + f[1] + "' is neither an ISBN-10 nor a 978 ISBN-13", "Fix or remove the line"));
            List<String> authors = AuthorNames.parse(f[3]);
            if (authors.isEmpty()) {
                continue;
            }
            Value v = new Value.Names(authors);
            String source = f[0].strip();
            DataItem item = new DataItem(isbn, AUTHORS, null, null);
            if (seen.add(source + '\u0001' + isbn + '\u0001' + v.key())) {
                statements.add(Statement.of(item, v, source));
            }
        }
        Map<DataItem, Value> gold = new TreeMap<>();
        List<String> g = read(golden);
        for (int i = 0; i < g.size(); i++) {
            String line = g.get(i);
            if (line.isBlank()) {
                continue;
            }
            String[] f = line.split("\t", -1);
            Optional<String> isbn = f.length == 2 ? isbn10(f[0]) : Optional.empty();
            if (isbn.isEmpty()) {
                throw new BadDataException(golden, i + 1, "expected 'ISBN<tab>author; author; ...'",
                        "Restore book_golden.txt from the original release");
            }
            List<String> authors = new ArrayList<>();
            for (String a : f[1].split(";")) {
                AuthorNames.person(a).ifPresent(authors::add);
            }
            if (!authors.isEmpty()) {
                gold.put(new DataItem(isbn.get(), AUTHORS, null, null), new Value.Names(authors));
            }
        }
        return new Benchmark("book", statements, gold, Map.of(AUTHORS, AttributeRule.exact()),
                (item, chosen, truth) -> chosen.key().equals(truth.key()));
    }

    /** ISBN-10 with its check digit; an ISBN-13 with prefix 978 is converted. Empty when it is neither. */
    static Optional<String> isbn10(String raw) {
        String d = raw.replaceAll("[^0-9Xx]", "").toUpperCase(java.util.Locale.ROOT);
        if (d.length() == 13 && d.startsWith("978")) {
            String body = d.substring(3, 12);
            int sum = 0;
            for (int i = 0; i < 9; i++) {
                sum += (10 - i) * (body.charAt(i) - '0');
            }
            int check = (11 - sum % 11) % 11;
            return Optional.of(body + (check == 10 ? "X" : Integer.toString(check)));
        }
        return d.length() == 10 ? Optional.of(d) : Optional.empty();
    }

    private static List<String> read(Path file) {
        if (!Files.exists(file)) {
            throw new BadDataException(file, "not found",
                    "Point --data-dir at the folder that holds flight/, book/ and population/ (default ../shared/bench/truth)");
        }
        try {
            return Files.readAllLines(file, StandardCharsets.ISO_8859_1);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file + ": " + e.getMessage(), e);
        }
    }
}
