package dev.berth.compose.merge;

import dev.berth.compose.ComposeException;
import dev.berth.compose.tree.KeyPath;
import dev.berth.compose.tree.ResetTag;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The mapping form of attributes that also accept a list of names (service {@code networks},
 * {@code models}, {@code depends_on}), as compose-go reads them to merge.
 */
final class NamedMapping {

    private NamedMapping() {
    }

    /**
     * {@code value} as a mapping: a name list maps each name to null, or for {@code depends_on}
     * to {@code {condition: service_started, required: true}}; null is an empty mapping.
     */
    static Map<?, ?> of(Object value, boolean dependencyDefaults, KeyPath path) {
        return switch (value) {
            case null -> Map.of();
            case Map<?, ?> m -> m;
            case String name -> named(List.of(name), dependencyDefaults, path);
            case List<?> names -> named(names, dependencyDefaults, path);
            default -> throw new ComposeException(null, path, "expected a list of names or a mapping");
        };
    }

    private static Map<String, Object> named(List<?> names, boolean dependencyDefaults,
            KeyPath path) {
        Map<String, Object> out = new LinkedHashMap<>();
        for (Object raw : names) {
            if (raw instanceof ResetTag) continue;
            Object name = Tags.unwrap(raw);
            if (!(name instanceof String key)) {
                throw new ComposeException(null, path, "expected a name (string) in the list, got " + GoText.of(name));
            }
            out.put(key, dependencyDefaults ? defaults() : null);
        }
        return out;
    }

    private static Map<String, Object> defaults() {
        Map<String, Object> d = new LinkedHashMap<>();
        d.put("condition", "service_started");
        d.put("required", true);
        return d;
    }
}
