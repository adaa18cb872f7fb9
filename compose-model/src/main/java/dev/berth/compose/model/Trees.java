package dev.berth.compose.model;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Small operations on plain value trees (maps, lists, scalars). */
public final class Trees {

    private Trees() {
    }

    /** A deep, unmodifiable copy that keeps key order. */
    @SuppressWarnings("unchecked")
    public static <T> T freeze(T value) {
        if (value instanceof Map<?, ?> m) {
            Map<String, Object> out = new LinkedHashMap<>(m.size() * 2);
            m.forEach((k, v) -> out.put(String.valueOf(k), freeze(v)));
            return (T) Collections.unmodifiableMap(out);
        }
        if (value instanceof List<?> l) {
            List<Object> out = new ArrayList<>(l.size());
            l.forEach(v -> out.add(freeze(v)));
            return (T) Collections.unmodifiableList(out);
        }
        return value;
    }

    /** A deep, mutable copy that keeps key order. */
    @SuppressWarnings("unchecked")
    public static <T> T copy(T value) {
        if (value instanceof Map<?, ?> m) {
            Map<String, Object> out = new LinkedHashMap<>(m.size() * 2);
            m.forEach((k, v) -> out.put(String.valueOf(k), copy(v)));
            return (T) out;
        }
        if (value instanceof List<?> l) {
            List<Object> out = new ArrayList<>(l.size());
            l.forEach(v -> out.add(copy(v)));
            return (T) out;
        }
        return value;
    }
}
