package dev.berth.compose.normalize;

import dev.berth.compose.tree.KeyPath;
import dev.berth.compose.tree.Position;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/** The canonical long form of {@code services.*.build}: a string is the context; context defaults to {@code .}. */
final class BuildCanonical {

    private final Function<KeyPath, Position> locator;

    BuildCanonical(Function<KeyPath, Position> locator) {
        this.locator = locator;
    }

    Map<String, Object> transform(Object value, KeyPath at) {
        Map<String, Object> out = new LinkedHashMap<>();
        if (value instanceof String context) {
            out.put("context", context);
            return out;
        }
        Map<String, Object> build = Values.map(value, at, locator);
        if (!build.containsKey("context")) out.put("context", ".");
        for (Map.Entry<String, Object> e : build.entrySet()) {
            String key = e.getKey();
            Object v = e.getValue();
            try {
                out.put(key, v == null ? null : field(key, v, at.child(key)));
            } catch (IllegalArgumentException | ClassCastException ex) {
                throw Values.fail(at.child(key), locator, ex.getMessage());
            }
        }
        return out;
    }

    private Object field(String key, Object v, KeyPath at) {
        return switch (key) {
            case "args" -> KeyValues.mappingWithEquals(v);
            case "labels" -> KeyValues.mapping(v);
            case "additional_contexts" -> KeyValues.strictKeyValue(v);
            case "ssh" -> ssh(v);
            case "cache_from", "cache_to", "no_cache_filter", "tags", "platforms", "entitlements" -> Values.stringList(v);
            case "extra_hosts" -> ExtraHosts.canonical(v);
            case "secrets" -> secrets(v);
            case "shm_size" -> ByteSize.parse(v);
            case "ulimits" -> ServiceCanonical.ulimits(Values.map(v, at, locator));
            case "sbom", "provenance" -> GoValues.sprint(v);
            default -> v;
        };
    }

    /** Build secrets are file references without a default target. */
    private static Object secrets(Object v) {
        List<Object> out = new ArrayList<>();
        for (Object s : (List<?>) v) out.add(ServiceCanonical.fileReference(s, false));
        return out;
    }

    /**
     * SSH keys as a list of {@code default} or {@code id=path} strings. compose-go marshals the
     * keys with a path as {@code "id: path"}; the spec's own {@code id=path} is kept here so the
     * value reads back the same.
     */
    private static Object ssh(Object v) {
        List<Object> out = new ArrayList<>();
        switch (v) {
            case List<?> list -> {
                for (Object e : list) {
                    String s = GoValues.sprint(e);
                    if (!s.contains("=") && !s.equals("default")) throw new IllegalArgumentException("invalid ssh key \"" + s + "\"");
                    out.add(s);
                }
            }
            case Map<?, ?> map -> map.forEach((id, path) -> out.add(path == null || "".equals(path) ? String.valueOf(id)
                    : id + "=" + GoValues.sprint(path)));
            default -> throw new IllegalArgumentException("build.ssh must be a mapping");
        }
        return out;
    }
}
