package dev.berth.compose.normalize;

import dev.berth.compose.ComposeException;
import dev.berth.compose.tree.KeyPath;
import dev.berth.compose.tree.Position;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/** Small shape helpers shared by the canonical transforms; errors carry the key path. */
final class Values {

    private Values() {
    }

    @SuppressWarnings("unchecked")
    static Map<String, Object> map(Object value, KeyPath path, Function<KeyPath, Position> locator) {
        if (value instanceof Map<?, ?> m) return (Map<String, Object>) m;
        throw fail(path, locator, "must be a mapping");
    }

    /** A string or a list of strings → list (compose-go's {@code StringList}/{@code StringOrNumberList}). */
    static List<Object> stringList(Object value) {
        List<Object> out = new ArrayList<>();
        if (value instanceof List<?> l) {
            l.forEach(e -> out.add(GoValues.sprint(e)));
        } else {
            out.add(GoValues.sprint(value));
        }
        return out;
    }

    /** A single value or a list → list, items kept as they are (maps stay maps). */
    static List<Object> stringListOrMaps(Object value) {
        List<Object> out = new ArrayList<>();
        if (value instanceof List<?> l) {
            out.addAll(l);
        } else {
            out.add(value);
        }
        return out;
    }

    /** Integers from numbers or digit strings (after interpolation every value may be a string). */
    static Object integer(Object value) {
        if (value instanceof String s && s.matches("-?\\d+")) return Long.parseLong(s);
        if (value instanceof Double d && d == Math.rint(d)) return d.longValue();
        return value;
    }

    /** Floating point from numbers or numeric strings ({@code cpus: '0.5'}). */
    static Object decimal(Object value) {
        if (value instanceof String s) {
            try {
                return Double.parseDouble(s);
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("invalid number: " + s);
            }
        }
        if (value instanceof Long l) return l.doubleValue();
        return value;
    }

    static ComposeException fail(KeyPath path, Function<KeyPath, Position> locator, String message) {
        return new ComposeException(locator.apply(path), path, message);
    }
}
