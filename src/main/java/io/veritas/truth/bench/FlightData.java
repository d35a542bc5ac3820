package io.veritas.truth.bench;

import io.veritas.truth.AttributeRule;
import io.veritas.truth.DataItem;
import io.veritas.truth.Modality;
import io.veritas.truth.Statement;
import io.veritas.truth.Value;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import java.util.zip.GZIPInputStream;

/**
 * The Flight data set of Li, Dong, Lyons, Meng, Srivastava (PVLDB 2013): 38 web sites on the departures and
 * arrivals of about 1,200 flights a day in December 2011. Object = (flight, day); six attributes. Times are read
 * from some forty formats to minutes after local midnight (zone suffixes already are the airport's local time, so
 * nothing is converted); a cell whose own date is before the file's day describes the previous day's flight and
 * is no claim about this one. Gates reduce to the gate ("Term C - C44", "C-44" and "C44/C" are C44). Scored as the
 * paper does: times within 10 minutes, gates exactly, over the gold items.
 */
public final class FlightData {
    public static final List<String> ATTRIBUTES = List.of("scheduled departure", "actual departure", "departure gate",
            "scheduled arrival", "actual arrival", "arrival gate");
    /** The airline sites that provide the gold standard and are also sources. */
    public static final Set<String> GOLD_SOURCES = Set.of("aa", "ua", "CO");
    static final int MINUTES = 10;

    private static final Pattern TIME = Pattern.compile(
            "(?<!\\d)(\\d{1,2}):(\\d{2})(?!\\d)\\s*(a\\.m\\.|p\\.m\\.|am|pm|a|p|noon|midnight)?", Pattern.CASE_INSENSITIVE);
    private static final Pattern NO_CLAIM = Pattern.compile(
            "cancel|not available|contact airline|pending|unknown|possible delay|not provided", Pattern.CASE_INSENSITIVE);
    private static final String MONTHS = "(jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*\\.?";
    private static final List<Pattern> DATES = List.of(
            Pattern.compile("(?<!\\d)(\\d{4})-(\\d{1,2})-(\\d{1,2})(?!\\d)"),                 // 2011-12-08: y m d
            Pattern.compile("(?<![\\d(:+-])(\\d{1,2})/(\\d{1,2})/(\\d{2,4})(?!\\d)"),          // 12/8/2011: m d y
            Pattern.compile("(?<![\\d/])(\\d{1,2})/(\\d{1,2})(?![/\\d])"),                      // 12/7: m d
            Pattern.compile("(?<![\\d:-])(\\d{1,2})-(\\d{1,2})-(\\d{2})(?![\\d:])"),            // 12-08-11: m d y
            Pattern.compile("(?<!\\d)(\\d{1,2})-" + MONTHS + "-(\\d{4})", Pattern.CASE_INSENSITIVE), // 08-Dec-2011
            Pattern.compile(MONTHS + "\\s*(\\d{1,2})(?![\\d:])", Pattern.CASE_INSENSITIVE));   // Dec 08, December 8

    private FlightData() {
    }

    /** The days with both a data and a truth file, sorted. */
    public static List<LocalDate> days(Path dir) {
        Path data = dir.resolve("flight").resolve("data");
        if (!Files.isDirectory(data)) {
            throw new BadDataException(data, "no flight data folder here",
                    "Point --data-dir at the folder that holds flight/, book/ and population/ (default ../shared/bench/truth)");
        }
        try (Stream<Path> files = Files.list(data)) {
            return files.map(p -> p.getFileName().toString()).filter(n -> n.endsWith("-data.txt.gz"))
                    .map(n -> LocalDate.parse(n.substring(0, 10)))
                    .filter(d -> Files.exists(dir.resolve("flight/truth/" + d + "-truth.txt"))).sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list " + data + ": " + e.getMessage(), e);
        }
    }

    /** One day's claims and gold, optionally without the airline sites that also provide the gold. */
    public static Benchmark load(Path dir, LocalDate day, boolean withoutGoldSources) {
        Path dataFile = dir.resolve("flight/data/" + day + "-data.txt.gz");
        Path truthFile = dir.resolve("flight/truth/" + day + "-truth.txt");
        List<Statement> statements = new ArrayList<>();
        Set<String> seen = new HashSet<>();
        try (BufferedReader in = new BufferedReader(new InputStreamReader(new GZIPInputStream(Files.newInputStream(dataFile)),
                StandardCharsets.ISO_8859_1))) {
            String line;
            long n = 0;
            while ((line = in.readLine()) != null) {
                n++;
                if (line.isBlank()) {
                    continue;
                }
                String[] f = line.split("\t", -1);
                if (f.length != 8) {
                    throw new BadDataException(dataFile, n, "expected 8 tab-separated columns (source, flight, 6 attributes), found " + f.length,
                            "Restore the file from the original clean_flight release");
                }
                String source = f[0].strip();
                if (withoutGoldSources && GOLD_SOURCES.contains(source)) {
                    continue;
                }
                for (int a = 0; a < 6; a++) {
                    Optional<Value> v = parse(a, f[2 + a], day);
                    if (v.isEmpty()) {
                        continue;
                    }
                    String attribute = ATTRIBUTES.get(a);
                    String cell = f[2 + a].toLowerCase(Locale.ROOT);
                    // The site's own words say what the time is: "(Runway)" is the take-off or landing time, another
                    // attribute than the gate times the schema holds; "(Estimated)" is an expectation, not a fact.
                    if (cell.contains("runway")) {
                        attribute = attribute.replace("actual", "runway").replace("scheduled", "scheduled runway");
                    }
                    Modality modality = cell.contains("estimated") ? Modality.PLANNED : Modality.ACTUAL;
                    DataItem item = new DataItem(f[1].strip(), attribute, null, day.toString());
                    // A site repeating the same row is one claim; different values stay, and the engine splits the vote.
                    if (seen.add(source + '\u0001' + item + '\u0001' + v.get().key() + '\u0001' + modality)) {
                        statements.add(new Statement(item, v.get(), null, modality, null, source, null));
                    }
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + dataFile + ": " + e.getMessage()
                    + ". Check that the file is a complete gzip file", e);
        }
        Map<DataItem, Value> gold = new TreeMap<>();
        Set<DataItem> conflicting = new HashSet<>();
        try {
            List<String> lines = Files.readAllLines(truthFile, StandardCharsets.ISO_8859_1);
            for (int i = 0; i < lines.size(); i++) {
                String line = lines.get(i);
                if (line.isBlank()) {
                    continue;
                }
                String[] f = line.split("\t", -1);
                if (f.length != 7) {
                    throw new BadDataException(truthFile, i + 1, "expected 7 tab-separated columns (flight, 6 attributes), found " + f.length,
                            "Restore the file from the original flight_truth release");
                }
                for (int a = 0; a < 6; a++) {
                    Optional<Value> v = parse(a, f[1 + a], null);
                    if (v.isEmpty()) {
                        continue;
                    }
                    DataItem item = new DataItem(f[0].strip(), ATTRIBUTES.get(a), null, day.toString());
                    Value old = gold.putIfAbsent(item, v.get());
                    // A flight listed twice with different values has no trustworthy gold: not scored.
                    if (old != null && !old.key().equals(v.get().key())) {
                        conflicting.add(item);
                    }
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + truthFile + ": " + e.getMessage(), e);
        }
        conflicting.forEach(gold::remove);
        Map<String, AttributeRule> rules = new HashMap<>();
        for (String a : ATTRIBUTES) {
            rules.put(a, a.endsWith("gate") ? AttributeRule.exact() : AttributeRule.minutes(MINUTES));
            rules.put(a.replace("actual", "runway"), AttributeRule.minutes(MINUTES));
        }
        return new Benchmark("flight " + day, statements, gold, rules, FlightData::correct);
    }

    static boolean correct(DataItem item, Value chosen, Value gold) {
        if (chosen instanceof Value.TimeOfDay a && gold instanceof Value.TimeOfDay b) {
            return a.minutesTo(b) <= MINUTES;
        }
        return chosen.key().equals(gold.key());
    }

    static Optional<Value> parse(int attribute, String cell, LocalDate day) {
        return attribute == 2 || attribute == 5 ? gate(cell) : time(cell, day).map(Value.TimeOfDay::new);
    }

    /** Minutes after midnight; empty for no time, a status word, or a time of the previous day's flight. */
    static Optional<Integer> time(String cell, LocalDate day) {
        String s = cell.replace('\u00a0', ' ').replace("&nbsp", " ").strip();
        if (s.isEmpty() || NO_CLAIM.matcher(s).find()) {
            return Optional.empty();
        }
        Matcher m = TIME.matcher(s);
        if (!m.find()) {
            return Optional.empty(); // a date alone
        }
        int h = Integer.parseInt(m.group(1));
        int min = Integer.parseInt(m.group(2));
        String marker = m.group(3) == null ? "" : m.group(3).toLowerCase(Locale.ROOT).replace(".", "");
        switch (marker) {
            case "a", "am" -> h = h == 12 ? 0 : h;
            case "p", "pm" -> h = h == 12 ? 12 : h + 12;
            case "noon" -> h = 12;
            case "midnight" -> h = 0;
            default -> {
            }
        }
        if (h > 23 || min > 59) {
            return Optional.empty();
        }
        if (day != null) {
            LocalDate date = dateNear(s, m.start(), m.end(), day);
            if (date != null && date.isBefore(day)) {
                return Optional.empty();
            }
        }
        return Optional.of(h * 60 + min);
    }

    /** The date written nearest to the time, with its year inferred around {@code day}; null when none. */
    static LocalDate dateNear(String s, int timeStart, int timeEnd, LocalDate day) {
        LocalDate best = null;
        int bestDistance = Integer.MAX_VALUE;
        for (int p = 0; p < DATES.size(); p++) {
            Matcher m = DATES.get(p).matcher(s);
            while (m.find()) {
                if (m.start() < timeEnd && m.end() > timeStart) {
                    continue;
                }
                int month;
                int dom;
                int year = -1;
                switch (p) {
                    case 0 -> {
                        year = Integer.parseInt(m.group(1));
                        month = Integer.parseInt(m.group(2));
                        dom = Integer.parseInt(m.group(3));
                    }
                    case 1, 3 -> {
                        month = Integer.parseInt(m.group(1));
                        dom = Integer.parseInt(m.group(2));
                        year = Integer.parseInt(m.group(3));
                    }
                    case 2 -> {
                        month = Integer.parseInt(m.group(1));
                        dom = Integer.parseInt(m.group(2));
                    }
                    case 4 -> {
                        dom = Integer.parseInt(m.group(1));
                        month = month(m.group(2));
                        year = Integer.parseInt(m.group(3));
                    }
                    default -> {
                        month = month(m.group(1));
                        dom = Integer.parseInt(m.group(2));
                    }
                }
                if (month < 1 || month > 12 || dom < 1 || dom > 31) {
                    continue;
                }
                if (year >= 0 && year < 100) {
                    year += 2000;
                }
                if (year < 0) {
                    year = day.getYear();
                    if (month == 12 && day.getMonthValue() == 1) {
                        year--;
                    } else if (month == 1 && day.getMonthValue() == 12) {
                        year++;
                    }
                }
                LocalDate date;
                try {
                    date = LocalDate.of(year, month, dom);
                } catch (java.time.DateTimeException e) {
                    continue;
                }
                int distance = m.end() <= timeStart ? timeStart - m.end() : m.start() - timeEnd;
                if (distance < bestDistance) {
                    bestDistance = distance;
                    best = date;
                }
            }
        }
        return best;
    }

    private static int month(String name) {
        return switch (name.substring(0, 3).toLowerCase(Locale.ROOT)) {
            case "jan" -> 1;
            case "feb" -> 2;
            case "mar" -> 3;
            case "apr" -> 4;
            case "may" -> 5;
            case "jun" -> 6;
            case "jul" -> 7;
            case "aug" -> 8;
            case "sep" -> 9;
            case "oct" -> 10;
            case "nov" -> 11;
            default -> 12;
        };
    }

    /** The gate, upper case: what follows "Terminal X - ", what precedes "/T3", without "-" or "?". */
    static Optional<Value> gate(String cell) {
        String s = cell.replace('\u00a0', ' ').strip().toUpperCase(Locale.ROOT);
        int dash = s.lastIndexOf(" - ");
        if (dash >= 0) {
            s = s.substring(dash + 3);
        } else if (s.startsWith("TERM")) {
            return Optional.empty(); // a terminal without a gate
        }
        int slash = s.indexOf('/');
        if (slash >= 0) {
            s = s.substring(0, slash);
        }
        s = s.replaceAll("[\\s?*\\-]", "");
        if (s.isEmpty() || s.length() > 6 || !s.matches("[A-Z0-9]*\\d[A-Z0-9]*")) {
            return Optional.empty();
        }
        return Optional.of(new Value.Text(s));
    }
}
