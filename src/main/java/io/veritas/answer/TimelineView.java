package io.veritas.answer;

import io.veritas.truth.SourceReliability;
import io.veritas.truth.Timeline;
import io.veritas.truth.Value;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;

/**
 * The history of one figure of an entity as the truth engine judges it over the whole corpus: every value, oldest
 * first (undated ones last), each with its status ({@code current}, {@code superseded}, {@code disputed},
 * {@code reported}, {@code target}, {@code denied}, {@code rejected}), the engine's confidence and who states it.
 */
public record TimelineView(String entity, String attribute, List<Point> points) {
    public TimelineView {
        points = List.copyOf(points);
    }

    /**
     * One value as of a date. {@code text}: the value written out in the requested language; {@code qualifier}: the
     * round it belongs to, when it has one.
     */
    public record Point(LocalDate asOf, String qualifier, double value, String unit, String text, String status,
                        double confidence, List<SourceView> sources) {
        public Point {
            sources = List.copyOf(sources);
        }
    }

    /** The entity's current value, when the timeline has one. */
    public Optional<Point> current() {
        return points.stream().filter(p -> p.status().equals(Figure.CURRENT)).reduce((a, b) -> b);
    }

    static TimelineView of(String entity, Timeline timeline, Function<String, Optional<SourceReliability>> reliability,
                           String language) {
        List<Point> points = new ArrayList<>();
        for (Timeline.Entry e : timeline.entries()) {
            if (!(e.value() instanceof Value.Quantity q)) {
                continue; // news figures are quantities; other kinds have no place on a chart of a figure
            }
            String currency = q.unit();
            String period = null;
            int slash = currency.indexOf('/');
            if (slash > 0) {
                period = currency.substring(slash + 1);
                currency = currency.substring(0, slash);
            }
            String text = Formats.money(q.amount(), currency, "exact", period, language);
            text = io.veritas.text.Script.HANT.equals(language) ? io.veritas.text.Script.toTraditional(text) : text;
            List<SourceView> sources = new ArrayList<>();
            for (String s : e.sources()) {
                Optional<SourceReliability> r = reliability.apply(s);
                sources.add(new SourceView(s, r.map(SourceReliability::accuracy).map(TimelineView::round).orElse(null),
                        r.map(SourceReliability::claims).map(TimelineView::round).orElse(0.0), List.of()));
            }
            points.add(new Point(e.asOf(), e.item().qualifier(), q.amount(), q.unit(), text,
                    e.status().name().toLowerCase(java.util.Locale.ROOT), round(e.confidence()), sources));
        }
        return new TimelineView(entity, timeline.attribute(), points);
    }

    private static double round(double x) {
        return Math.round(x * 1000) / 1000.0;
    }
}
