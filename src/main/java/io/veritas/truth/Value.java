package io.veritas.truth;

import java.text.Normalizer;
import java.time.LocalDate;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * A claimed value, already normalised by whoever read it. Each kind knows its canonical {@link #key()} (equal
 * keys are the same value written differently) and its distance to another value of the same kind, which
 * {@link AttributeRule} turns into agreement (within tolerance) and partial support (similarity).
 */
public sealed interface Value permits Value.Quantity, Value.TimeOfDay, Value.Day, Value.Text, Value.Names {

    /** Canonical form: two values with the same key are one candidate. */
    String key();

    /** A number in a unit ("USD", "USD/month", "people"); values in different units never agree. */
    record Quantity(double amount, String unit) implements Value {
        public Quantity {
            if (!Double.isFinite(amount)) {
                throw new IllegalArgumentException("a quantity needs a finite amount, got " + amount);
            }
            unit = unit == null ? "" : unit;
        }

        @Override
        public String key() {
            // Plain decimal, no exponent, so 1e9 and 1000000000 are one key.
            if (amount == Math.rint(amount) && Math.abs(amount) < 1e15) {
                return (long) amount + " " + unit;
            }
            return java.math.BigDecimal.valueOf(amount).stripTrailingZeros().toPlainString() + " " + unit;
        }
    }

    /** A clock time in minutes after local midnight; distances go around the clock (23:55 is 10 minutes from 00:05). */
    record TimeOfDay(int minutes) implements Value {
        public TimeOfDay {
            if (minutes < 0 || minutes >= 24 * 60) {
                throw new IllegalArgumentException("a time of day is 0..1439 minutes after midnight, got " + minutes);
            }
        }

        @Override
        public String key() {
            return String.format(Locale.ROOT, "%02d:%02d", minutes / 60, minutes % 60);
        }

        public int minutesTo(TimeOfDay other) {
            int d = Math.abs(minutes - other.minutes);
            return Math.min(d, 24 * 60 - d);
        }
    }

    /** A calendar date. */
    record Day(LocalDate date) implements Value {
        public Day {
            if (date == null) {
                throw new IllegalArgumentException("a day value needs a date");
            }
        }

        @Override
        public String key() {
            return date.toString();
        }
    }

    /** A name, code or other string as written (trimmed); compared after {@link #fold folding}. */
    record Text(String text, String key) implements Value {
        public Text {
            text = text == null ? "" : text.strip();
            key = fold(text); // always derived: a caller cannot give a key that disagrees with the text
            if (key.isEmpty()) {
                throw new IllegalArgumentException("a text value must not be empty after folding, got '" + text + "'");
            }
        }

        public Text(String text) {
            this(text, null);
        }
    }

    /**
     * A list of names (a book's authors, a round's investors). Two lists are the same value only when they have the
     * same names in the same order; lists that overlap support each other by their Jaccard similarity, as in the
     * multi-truth literature (a store listing only the first author half-supports the full list).
     */
    record Names(List<String> names) implements Value {
        public Names {
            names = names.stream().map(Value::fold).filter(n -> !n.isEmpty()).toList();
            if (names.isEmpty()) {
                throw new IllegalArgumentException("a list of names needs at least one name");
            }
        }

        @Override
        public String key() {
            return String.join("; ", names);
        }

        /** |A ∩ B| / |A ∪ B| over the names as sets. */
        public double jaccard(Names other) {
            Set<String> a = new HashSet<>(names);
            Set<String> b = new HashSet<>(other.names);
            int union = a.size() + b.size();
            a.retainAll(b);
            return a.size() / (double) (union - a.size());
        }
    }

    /** Lower case (root locale), accents removed, runs of space and punctuation other than {@code - ' .} collapsed. */
    static String fold(String s) {
        if (s == null) {
            return "";
        }
        String n = Normalizer.normalize(s, Normalizer.Form.NFKD).replaceAll("\\p{M}+", "");
        return n.toLowerCase(Locale.ROOT).replaceAll("[^\\p{L}\\p{N}\\-'.]+", " ").strip();
    }
}
