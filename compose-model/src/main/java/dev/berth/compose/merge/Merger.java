package dev.berth.compose.merge;

import dev.berth.compose.ComposeException;
import dev.berth.compose.tree.KeyPath;
import dev.berth.compose.tree.OverrideTag;
import dev.berth.compose.tree.ResetTag;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Merges Compose documents the way compose-go's {@code override.Merge} does: the override's
 * scalars replace the base's, mappings merge key by key, sequences are appended, and a table of
 * per-attribute rules ({@link MergeRules}) handles the attributes that differ (environment,
 * networks, depends_on, build, logging, ...). Inputs are interpolated but not normalized, so
 * short and long syntax meet here; run {@link Unicity#enforce} on the result to drop the
 * entries a later one redefines.
 *
 * <p>Tags: an override value {@code !reset} removes the key, {@code !override v} puts {@code v}
 * in place of the base value without merging. Markers found in the base are read as their
 * meaning (a {@code !reset} key is absent, {@code !override v} is {@code v}). Inputs are never
 * modified: the result is a fresh tree, since YAML aliases can make one map appear in several
 * places.
 */
public final class Merger {

    /** The path compose-go merges an extended service at, so service rules apply. */
    private static final KeyPath SERVICE = KeyPath.of("services", "x");

    /** Whether tags set directly on the override's service attributes stay in the result. */
    private final boolean keepServiceTags;

    private Merger(boolean keepServiceTags) {
        this.keepServiceTags = keepServiceTags;
    }

    /**
     * Merges two whole documents ({@code -f a.yaml -f b.yaml}, the documents of one file,
     * an include). The result carries no tag markers.
     */
    public static Map<String, Object> merge(Map<String, Object> base, Map<String, Object> override) {
        return new Merger(false).mappings(orEmpty(base), orEmpty(override), KeyPath.ROOT);
    }

    /**
     * Merges a service over the service it {@code extends}, with the same rules as
     * {@link #merge}. Unlike {@link #merge}, a {@code !reset} or {@code !override} written
     * directly on one of the extending service's attributes stays in the result as a marker:
     * compose-go applies a file's tags to the files merged before it too, so the file-level
     * {@link #merge} of this service must see them again. Markers deeper down are applied here.
     * Call {@link #resolveTags} on the final tree.
     */
    public static Map<String, Object> mergeService(Map<String, Object> base, Map<String, Object> override) {
        return new Merger(true).mappings(orEmpty(base), orEmpty(override), SERVICE);
    }

    /**
     * Strips the markers left in a tree: a key or list item marked {@code !reset} is removed,
     * {@code !override v} becomes {@code v}. Returns a fresh tree.
     */
    public static Object resolveTags(Object tree) {
        return Tags.resolve(tree);
    }

    Map<String, Object> mappings(Map<?, ?> base, Map<?, ?> override, KeyPath path) {
        Map<String, Object> result = new LinkedHashMap<>();
        base.forEach((k, v) -> {
            if (!(v instanceof ResetTag)) result.put(String.valueOf(k), Tags.resolve(v));
        });
        boolean serviceLevel = keepServiceTags && path.equals(SERVICE);
        override.forEach((rawKey, over) -> {
            String key = String.valueOf(rawKey);
            switch (over) {
                case ResetTag reset -> {
                    if (serviceLevel) {
                        result.put(key, reset);
                    } else {
                        result.remove(key);
                    }
                }
                case OverrideTag tag -> result.put(key,
                        serviceLevel ? new OverrideTag(Tags.resolve(tag.value())) : Tags.resolve(tag.value()));
                case null, default -> {
                    if (result.containsKey(key)) {
                        result.put(key, value(result.get(key), over, path.child(key)));
                    } else {
                        result.put(key, Tags.resolve(over));
                    }
                }
            }
        });
        return result;
    }

    /** Merges one value present on both sides; {@code base} is already free of markers. */
    Object value(Object base, Object over, KeyPath path) {
        Optional<MergeRule> rule = MergeRules.find(path);
        if (rule.isPresent()) return rule.get().merge(this, base, over, path);
        if (over == null) return base;
        if (base instanceof Map<?, ?> baseMap) {
            if (!(over instanceof Map<?, ?> overMap)) throw cannotOverride(path);
            return mappings(baseMap, overMap, path);
        }
        if (base instanceof List<?> baseList) {
            if (!(over instanceof List<?> overList)) throw cannotOverride(path);
            List<Object> out = new ArrayList<>(baseList);
            out.addAll((List<?>) Tags.resolve(overList));
            return out;
        }
        return Tags.resolve(over);
    }

    private static ComposeException cannotOverride(KeyPath path) {
        return new ComposeException(null, path,
                "cannot override: a mapping or a list can only be overridden by a value of the same kind");
    }

    private static Map<?, ?> orEmpty(Map<?, ?> map) {
        return map == null ? Map.of() : map;
    }
}
