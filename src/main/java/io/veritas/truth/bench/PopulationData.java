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
import java.util.Set;
import java.util.TreeMap;

/**
 * The Population data set (Pasternack and Roth, COLING 2010; WWW 2013): Wikipedia editors' city populations, a
 * source per editor (user or IP address), an item per (city, year), gold = the U.S. census figures. Each item is
 * a set of mutually exclusive numbers and the chosen number must be the census one exactly, as the papers score.
 * The claims carry no timestamps, so "each editor's latest edit" cannot be rebuilt: an editor who gave several
 * numbers for one item splits its vote between them.
 */
public final class PopulationData {
    static final String POPULATION = "population";
    private static final java.util.regex.Pattern YEAR = java.util.regex.Pattern.compile("Population/?(\\d{3,4})");

    private PopulationData() {
    }

    public static Benchmark load(Path dir) {
        Path claims = dir.resolve("population/population_claims.csv");
        Path truth = dir.resolve("population/population_truth.csv");
        List<Statement> statements = new ArrayList<>();
        Set<String> seen = new HashSet<>();
        List<String> lines = read(claims);
        for (int i = 1; i < lines.size(); i++) {
            if (lines.get(i).isBlank()) {
                continue;
            }
            List<String> f = csv(lines.get(i));
            if (f.size() != 5) {
                throw new BadDataException(claims, i + 1, "expected 5 quoted CSV fields (ObjectID, PropertyID, PropertyValue, "
                        + "SourceID, TimeStamp), found " + f.size(), "Restore the file from the DAFNA/spectrum release");
            }
            DataItem item = item(claims, i + 1, f.get(0), f.get(1));
            Value v = number(claims, i + 1, f.get(2));
            String source = f.get(3);
            if (seen.add(source + '\u0001' + item + '\u0001' + v.key())) {
                statements.add(Statement.of(item, v, source));
            }
        }
        Map<DataItem, Value> gold = new TreeMap<>();
        List<String> g = read(truth);
        for (int i = 1; i < g.size(); i++) {
            if (g.get(i).isBlank()) {
                continue;
            }
            List<String> f = csv(g.get(i));
            if (f.size() != 3) {
                throw new BadDataException(truth, i + 1, "expected 3 quoted CSV fields (ObjectID, PropertyID, PropertyValue), found "
                        + f.size(), "Restore the file from the DAFNA/spectrum release");
            }
            gold.put(item(truth, i + 1, f.get(0), f.get(1)), number(truth, i + 1, f.get(2)));
        }
        return new Benchmark("population", statements, gold, Map.of(POPULATION, AttributeRule.exact()),
                (item, chosen, census) -> chosen.key().equals(census.key()));
    }

    private static DataItem item(Path file, int line, String city, String property) {
        // "Population2006", also written "Population/2006"; a few three-digit years stay items of their own.
        java.util.regex.Matcher m = YEAR.matcher(property);
        if (!m.matches()) {
            throw new BadDataException(file, line, "PropertyID '" + property + "' is not of the form Population<year>",
                    "Fix or remove the line");
        }
        return new DataItem(city.strip(), POPULATION, null, m.group(1));
    }

    private static Value number(Path file, int line, String raw) {
        String digits = raw.replace(",", "").strip();
        try {
            return new Value.Quantity(Double.parseDouble(digits), "people");
        } catch (NumberFormatException e) {
            throw new BadDataException(file, line, "population '" + raw + "' is not a number", "Fix or remove the line");
        }
    }

    /** One line of quoted CSV ("a","b, c","d""e"); unquoted fields are taken as they are. */
    static List<String> csv(String line) {
        List<String> out = new ArrayList<>();
        StringBuilder field = new StringBuilder();
        boolean quoted = false;
        for (int i = 0; i < line.length(); i++) {
            char ch = line.charAt(i);
            if (quoted) {
                if (ch == '"' && i + 1 < line.length() && line.charAt(i + 1) == '"') {
                    field.append('"');
                    i++;
                } else if (ch == '"') {
                    quoted = false;
                } else {
                    field.append(ch);
                }
            } else if (ch == '"') {
                quoted = true;
            } else if (ch == ',') {
                out.add(field.toString());
                field.setLength(0);
            } else {
                field.append(ch);
            }
        }
        out.add(field.toString());
        return out;
    }

    private static List<String> read(Path file) {
        if (!Files.exists(file)) {
            throw new BadDataException(file, "not found",
                    "Point --data-dir at the folder that holds flight/, book/ and population/ (default ../shared/bench/truth)");
        }
        try {
            return Files.readAllLines(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file + ": " + e.getMessage(), e);
        }
    }
}
