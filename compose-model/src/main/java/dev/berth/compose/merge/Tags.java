package dev.berth.compose.merge;

import dev.berth.compose.tree.OverrideTag;
import dev.berth.compose.tree.ResetTag;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Strips {@code !reset} / {@code !override} markers from a value tree, returning a fresh copy. */
final class Tags {

    private Tags() {
    }

    /**
     * A deep copy without markers: a key or list item marked {@code !reset} is left out, an
     * {@code !override} value stands for itself. Copying also means a map reached from several
     * places through YAML aliases is never shared by the result.
     */
    static Object resolve(Object value) {
        return switch (value) {
            case OverrideTag tag -> resolve(tag.value());
            case Map<?, ?> map -> {
                Map<String, Object> out = new LinkedHashMap<>();
                map.forEach((k, v) -> {
                    if (!(v instanceof ResetTag)) out.put(String.valueOf(k), resolve(v));
                });
                yield out;
            }
            case List<?> list -> {
                List<Object> out = new ArrayList<>(list.size());
                for (Object item : list) {
                    if (!(item instanceof ResetTag)) out.add(resolve(item));
                }
                yield out;
            }
            case null, default -> value;
        };
    }

    /** The value under a marker, or the value itself; {@code !reset} reads as absent (null). */
    static Object unwrap(Object value) {
        if (value instanceof OverrideTag tag) return unwrap(tag.value());
        if (value instanceof ResetTag) return null;
        return value;
    }
}
