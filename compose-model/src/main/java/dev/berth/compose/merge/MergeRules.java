package dev.berth.compose.merge;

import dev.berth.compose.ComposeException;
import dev.berth.compose.tree.KeyPath;
import dev.berth.compose.tree.ResetTag;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * The attributes compose-go does not merge generically (its {@code mergeSpecials} table), by
 * key path. Anything not listed here: scalars replace, mappings merge, lists append.
 */
final class MergeRules {

    private record Entry(PathPattern pattern, MergeRule rule) {
    }

    private static final List<Entry> RULES = new ArrayList<>();

    static {
        MergeRule keyValues = MergeRules::keyValueSequence;
        add("networks.*.ipam.config", MergeRules::ipamConfig);
        add("networks.*.labels", keyValues);
        add("volumes.*.labels", keyValues);
        add("services.*.annotations", keyValues);
        add("services.*.build", MergeRules::build);
        add("services.*.build.args", keyValues);
        add("services.*.build.additional_contexts", keyValues);
        add("services.*.build.extra_hosts", MergeRules::extraHosts);
        add("services.*.build.labels", keyValues);
        add("services.*.command", MergeRules::replace);
        add("services.*.depends_on", MergeRules::dependsOn);
        add("services.*.deploy.labels", keyValues);
        add("services.*.dns", keyValues);
        add("services.*.dns_opt", keyValues);
        add("services.*.dns_search", keyValues);
        add("services.*.entrypoint", MergeRules::replace);
        add("services.*.env_file", keyValues);
        add("services.*.label_file", keyValues);
        add("services.*.environment", keyValues);
        add("services.*.extra_hosts", MergeRules::extraHosts);
        add("services.*.healthcheck.test", MergeRules::replace);
        add("services.*.labels", keyValues);
        add("services.*.logging", MergeRules::logging);
        add("services.*.models", MergeRules::namedMapping);
        add("services.*.networks", MergeRules::namedMapping);
        add("services.*.sysctls", keyValues);
        add("services.*.tmpfs", keyValues);
        // 140: an ulimit entry is replaced whole, short or long syntax alike
        add("services.*.ulimits.*", MergeRules::replace);
    }

    private MergeRules() {
    }

    private static void add(String pattern, MergeRule rule) {
        RULES.add(new Entry(PathPattern.of(pattern), rule));
    }

    static Optional<MergeRule> find(KeyPath path) {
        for (Entry e : RULES) {
            if (e.pattern().matches(path)) return Optional.of(e.rule());
        }
        return Optional.empty();
    }

    private static Object replace(Merger merger, Object base, Object override, KeyPath path) {
        return Tags.resolve(override);
    }

    /**
     * Both sides as lists (a mapping becomes sorted {@code KEY=VALUE} strings), appended; a key
     * the override maps to {@code !reset} removes the base entries of that key. Duplicated keys
     * are left for {@link Unicity}.
     */
    private static Object keyValueSequence(Merger merger, Object base, Object override, KeyPath path) {
        List<Object> out = Sequences.of(base);
        Sequences.removeKeys(out, Sequences.resetKeys(override), Sequences::keyOf);
        out.addAll(Sequences.of(override));
        return out;
    }

    /** Like {@link #keyValueSequence}, but override entries equal to a base entry are dropped here. */
    private static Object extraHosts(Merger merger, Object base, Object override, KeyPath path) {
        List<Object> out = Sequences.of(base);
        Sequences.removeKeys(out, Sequences.resetKeys(override), Sequences::hostOf);
        List<Object> fromBase = List.copyOf(out);
        for (Object entry : Sequences.of(override)) {
            if (!fromBase.contains(entry)) out.add(entry);
        }
        return out;
    }

    /** {@code build: .} is {@code build: {context: .}}; then the two mappings merge. */
    private static Object build(Merger merger, Object base, Object override, KeyPath path) {
        return merger.mappings(buildMapping(base, path), buildMapping(override, path), path);
    }

    private static Map<?, ?> buildMapping(Object value, KeyPath path) {
        return switch (value) {
            case null -> Map.of();
            case String context -> {
                Map<String, Object> m = new LinkedHashMap<>();
                m.put("context", context);
                yield m;
            }
            case Map<?, ?> m -> m;
            default -> throw new ComposeException(null, path, "build must be a string (the context) or a mapping");
        };
    }

    /** {@code depends_on: [db]} reads as {@code {db: {condition: service_started, required: true}}}. */
    private static Object dependsOn(Merger merger, Object base, Object override, KeyPath path) {
        return merger.mappings(NamedMapping.of(base, true, path), NamedMapping.of(override, true, path), path);
    }

    /** Service {@code networks} / {@code models}: a list of names reads as a mapping of names to null. */
    private static Object namedMapping(Merger merger, Object base, Object override, KeyPath path) {
        return merger.mappings(NamedMapping.of(base, false, path), NamedMapping.of(override, false, path), path);
    }

    /**
     * Logging options merge when both sides name the same driver or one names none; a
     * different driver replaces the whole block.
     */
    private static Object logging(Merger merger, Object base, Object override, KeyPath path) {
        if (override == null) return base;
        if (!(base instanceof Map<?, ?> b) || !(override instanceof Map<?, ?> o)) return Tags.resolve(override);
        boolean bothSet = b.containsKey("driver") && o.containsKey("driver");
        if (!bothSet || Objects.equals(b.get("driver"), Tags.unwrap(o.get("driver")))) {
            return merger.mappings(b, o, path);
        }
        return Tags.resolve(override);
    }

    /**
     * IPAM pools merge by subnet: an override pool with the subnet of a base pool merges into it
     * (override wins, {@code aux_addresses} united), a pool with a new subnet is appended.
     * compose-go's loop also drops base pools whose subnet the override does not mention;
     * berth keeps them, as behaviour 136 describes.
     */
    private static Object ipamConfig(Merger merger, Object base, Object override, KeyPath path) {
        if (!(base instanceof List<?> pools)) {
            throw new ComposeException(null, path, "expected a list of IPAM pools in the base file");
        }
        if (!(override instanceof List<?> overrides)) {
            throw new ComposeException(null, path, "expected a list of IPAM pools in the override file");
        }
        List<Object> out = new ArrayList<>(pools);
        for (Object raw : overrides) {
            if (raw instanceof ResetTag) continue;
            Object pool = Tags.unwrap(raw);
            int same = indexOfSubnet(out, pool);
            if (same >= 0 && out.get(same) instanceof Map<?, ?> existing && pool instanceof Map<?, ?> incoming) {
                out.set(same, merger.mappings(existing, incoming, path));
            } else {
                out.add(Tags.resolve(pool));
            }
        }
        return out;
    }

    private static int indexOfSubnet(List<Object> pools, Object pool) {
        if (!(pool instanceof Map<?, ?> p)) return -1;
        Object subnet = Tags.unwrap(p.get("subnet"));
        for (int i = 0; i < pools.size(); i++) {
            if (pools.get(i) instanceof Map<?, ?> existing && Objects.equals(existing.get("subnet"), subnet)) return i;
        }
        return -1;
    }
}
