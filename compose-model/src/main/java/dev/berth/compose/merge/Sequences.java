package dev.berth.compose.merge;

import dev.berth.compose.tree.ResetTag;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;

/**
 * Attributes that accept a mapping or a list ({@code environment}, {@code labels}, ...) are merged
 * as lists: a mapping is first turned into {@code KEY=VALUE} strings sorted by text, as compose-go
 * does (a null value gives a bare {@code KEY}, a list value one entry per item).
 */
final class Sequences {

    private Sequences() {
    }

    /** The list form of a value; markers are resolved and {@code !reset} entries left out. */
    static List<Object> of(Object value) {
        return switch (value) {
            case null -> new ArrayList<>();
            case Map<?, ?> map -> {
                List<String> entries = new ArrayList<>();
                map.forEach((k, raw) -> {
                    if (raw instanceof ResetTag) return;
                    Object v = Tags.resolve(raw);
                    if (v == null) {
                        entries.add(String.valueOf(k));
                    } else if (v instanceof List<?> items) {
                        for (Object item : items) entries.add(k + "=" + GoText.of(item));
                    } else {
                        entries.add(k + "=" + GoText.of(v));
                    }
                });
                entries.sort(null);
                yield new ArrayList<>(entries);
            }
            case List<?> list -> castList(Tags.resolve(list));
            default -> {
                List<Object> single = new ArrayList<>();
                single.add(value);
                yield single;
            }
        };
    }

    /** Keys an override mapping marks {@code !reset}: they take the base entries of that key away. */
    static Set<String> resetKeys(Object override) {
        Set<String> keys = new LinkedHashSet<>();
        if (override instanceof Map<?, ?> map) {
            map.forEach((k, v) -> {
                if (v instanceof ResetTag) keys.add(String.valueOf(k));
            });
        }
        return keys;
    }

    /** Removes the entries whose key (as read by {@code keyOf}) is in {@code keys}. */
    static void removeKeys(List<Object> entries, Collection<String> keys, Function<String, String> keyOf) {
        if (keys.isEmpty()) return;
        entries.removeIf(e -> e instanceof String s && keys.contains(keyOf.apply(s)));
    }

    /** {@code FOO=BAR} → {@code FOO}; a bare {@code FOO} is its own key. */
    static String keyOf(String entry) {
        int eq = entry.indexOf('=');
        return eq < 0 ? entry : entry.substring(0, eq);
    }

    /** Host of an {@code extra_hosts} entry, written {@code host=ip} or {@code host:ip}. */
    static String hostOf(String entry) {
        int eq = entry.indexOf('=');
        if (eq >= 0) return entry.substring(0, eq);
        int colon = entry.indexOf(':');
        return colon < 0 ? entry : entry.substring(0, colon);
    }

    @SuppressWarnings("unchecked")
    private static List<Object> castList(Object list) {
        return (List<Object>) list;
    }
}
