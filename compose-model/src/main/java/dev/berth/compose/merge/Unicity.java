package dev.berth.compose.merge;

import dev.berth.compose.tree.KeyPath;
import dev.berth.compose.tree.OverrideTag;
import dev.berth.compose.tree.ResetTag;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Drops list entries that a later entry redefines, as compose-go's {@code EnforceUnicity} does
 * after each merge: the later entry takes the place of the first one ({@code [FOO=1, BAR=2, FOO=3]}
 * becomes {@code [FOO=3, BAR=2]}). Identity is per attribute ({@link EntryKeys}): environment by
 * key, volumes by container path, ports by {@code host_ip:published:target/protocol}, secrets and
 * configs by target, and so on. Lists elsewhere are left alone.
 */
public final class Unicity {

    private record Entry(PathPattern pattern, EntryKeys.EntryKey key) {
    }

    private static final List<Entry> LISTS = new ArrayList<>();

    static {
        EntryKeys.EntryKey keyValue = EntryKeys::keyValue;
        add("networks.*.labels", keyValue);
        add("networks.*.ipam.options", keyValue);
        add("services.*.annotations", keyValue);
        add("services.*.build.args", keyValue);
        add("services.*.build.additional_contexts", keyValue);
        add("services.*.build.tags", keyValue);
        add("services.*.build.labels", keyValue);
        add("services.*.cap_add", keyValue);
        add("services.*.cap_drop", keyValue);
        add("services.*.configs", EntryKeys.mount(""));
        add("services.*.deploy.labels", keyValue);
        add("services.*.devices", EntryKeys::device);
        add("services.*.dns", keyValue);
        add("services.*.dns_opt", keyValue);
        add("services.*.dns_search", keyValue);
        add("services.*.environment", keyValue);
        add("services.*.env_file", EntryKeys::envFile);
        add("services.*.expose", EntryKeys::expose);
        add("services.*.labels", keyValue);
        add("services.*.links", keyValue);
        add("services.*.networks.*.aliases", keyValue);
        add("services.*.networks.*.link_local_ips", keyValue);
        add("services.*.ports", EntryKeys::port);
        add("services.*.profiles", keyValue);
        add("services.*.secrets", EntryKeys.mount("/run/secrets"));
        add("services.*.sysctls", keyValue);
        add("services.*.tmpfs", keyValue);
        add("services.*.volumes", EntryKeys::volume);
    }

    private Unicity() {
    }

    private static void add(String pattern, EntryKeys.EntryKey key) {
        LISTS.add(new Entry(PathPattern.of(pattern), key));
    }

    /** A copy of {@code document} without redefined entries; the input is not modified. */
    @SuppressWarnings("unchecked")
    public static Map<String, Object> enforce(Map<String, Object> document) {
        return (Map<String, Object>) walk(document, KeyPath.ROOT);
    }

    private static Object walk(Object value, KeyPath path) {
        return switch (value) {
            case OverrideTag tag -> new OverrideTag(walk(tag.value(), path));
            case Map<?, ?> map -> {
                Map<String, Object> out = new LinkedHashMap<>();
                map.forEach((k, v) -> out.put(String.valueOf(k), walk(v, path.child(String.valueOf(k)))));
                yield out;
            }
            case List<?> list -> {
                Optional<EntryKeys.EntryKey> key = keyFor(path);
                List<Object> items = new ArrayList<>(list.size());
                for (int i = 0; i < list.size(); i++) items.add(walk(list.get(i), path.index(i)));
                yield key.isPresent() ? unique(items, key.get(), path) : items;
            }
            case null, default -> value;
        };
    }

    private static List<Object> unique(List<Object> items, EntryKeys.EntryKey key, KeyPath path) {
        List<Object> out = new ArrayList<>(items.size());
        Map<String, Integer> seen = new HashMap<>();
        for (int i = 0; i < items.size(); i++) {
            Object item = items.get(i);
            if (item instanceof ResetTag) {
                out.add(item); // a marker left for resolveTags, not an entry
                continue;
            }
            String identity = key.of(item instanceof OverrideTag t ? t.value() : item, path.index(i));
            Integer at = seen.get(identity);
            if (at != null) {
                out.set(at, item);
            } else {
                seen.put(identity, out.size());
                out.add(item);
            }
        }
        return out;
    }

    private static Optional<EntryKeys.EntryKey> keyFor(KeyPath path) {
        for (Entry e : LISTS) {
            if (e.pattern().matches(path)) return Optional.of(e.key());
        }
        return Optional.empty();
    }
}
