package dev.berth.compose.schema;

import dev.berth.compose.tree.KeyPath;
import java.util.List;
import java.util.Set;

/** An integer within bounds ({@code "type": "integer", "minimum": ..., "maximum": ...}). */
final class IntegerRule implements Rule {

    private static final Set<Kind> KINDS = Set.of(Kind.INTEGER);
    private static final List<Kind> INTEGER_ONLY = List.of(Kind.INTEGER);

    private final long minimum;
    private final long maximum;

    IntegerRule(long minimum, long maximum) {
        this.minimum = minimum;
        this.maximum = maximum;
    }

    @Override
    public void check(Object value, KeyPath path, Report report) {
        if (Kind.of(value) != Kind.INTEGER) {
            report.add(path, Messages.mustBe(INTEGER_ONLY, value));
            return;
        }
        double n = ((Number) value).doubleValue();
        if (value instanceof Long l ? l < minimum : n < minimum) {
            report.add(path, "must be greater than or equal to " + minimum + ", got " + format(value));
        } else if (value instanceof Long l ? l > maximum : n > maximum) {
            report.add(path, "must be less than or equal to " + maximum + ", got " + format(value));
        }
    }

    private static String format(Object value) {
        return value instanceof Double d ? String.valueOf(d.longValue()) : String.valueOf(value);
    }

    @Override
    public Set<Kind> kinds() {
        return KINDS;
    }
}
