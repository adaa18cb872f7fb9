package dev.berth.compose.normalize;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The list-or-map attributes turned into maps of strings, as compose-go's {@code Mapping}
 * (labels, annotations, sysctls, driver options: a bare key is {@code ""}) and
 * {@code MappingWithEquals} (environment, build args: a bare key is null, meaning "unset").
 */
final class KeyValues {

    private KeyValues() {
    }

    /** {@code Mapping}: {@code ["a=x", "e"]} or {@code {a: x, n: 42, e: null}} → {@code {a: x, n: "42", e: ""}}. */
    static Map<String, Object> mapping(Object value) {
        Map<String, Object> out = new LinkedHashMap<>();
        switch (value) {
            case Map<?, ?> m -> m.forEach((k, v) -> out.put(String.valueOf(k), scalar(v, k)));
            case List<?> l -> {
                for (Object e : l) {
                    String s = GoValues.sprint(e);
                    int eq = s.indexOf('=');
                    if (eq < 0) {
                        out.put(s, "");
                    } else {
                        out.put(s.substring(0, eq), s.substring(eq + 1));
                    }
                }
            }
            default -> throw new IllegalArgumentException("must be a mapping");
        }
        return out;
    }

    /** {@code MappingWithEquals}: like {@link #mapping} but a bare key (no {@code =}) or a null value stays null. */
    static Map<String, Object> mappingWithEquals(Object value) {
        Map<String, Object> out = new LinkedHashMap<>();
        switch (value) {
            case Map<?, ?> m -> m.forEach((k, v) -> out.put(String.valueOf(k), v == null ? null : scalar(v, k)));
            case List<?> l -> {
                for (Object e : l) {
                    String s = GoValues.sprint(e);
                    int eq = s.indexOf('=');
                    String key = eq < 0 ? s : s.substring(0, eq);
                    if (!key.equals(key.stripTrailing())) {
                        throw new IllegalArgumentException("environment variable " + key + " is declared with a trailing space");
                    }
                    out.put(key, eq < 0 ? null : s.substring(eq + 1));
                }
            }
            default -> throw new IllegalArgumentException("must be a mapping");
        }
        return out;
    }

    /** {@code build.additional_contexts}: list entries must be {@code key=value}. */
    static Map<String, Object> strictKeyValue(Object value) {
        if (value instanceof List<?> l) {
            Map<String, Object> out = new LinkedHashMap<>();
            for (Object e : l) {
                String s = GoValues.sprint(e);
                int eq = s.indexOf('=');
                if (eq < 0) throw new IllegalArgumentException("invalid value " + s + ", expected key=value");
                out.put(s.substring(0, eq), s.substring(eq + 1));
            }
            return out;
        }
        return mapping(value);
    }

    private static String scalar(Object v, Object key) {
        if (!GoValues.isScalar(v)) {
            throw new IllegalArgumentException(key + " must be a boolean, null, number or string");
        }
        return GoValues.sprint(v);
    }
}
