package dev.berth.compose.normalize;

import dev.berth.compose.model.Trees;
import dev.berth.compose.tree.KeyPath;
import dev.berth.compose.tree.Position;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import java.util.function.Function;

/**
 * Turns a merged Compose document into its canonical long form, as compose-go's
 * {@code transform.Canonical} plus its type decoding and default values do: every short syntax
 * becomes the long syntax compose-go marshals (ports and volumes as objects, environment and
 * labels as maps, commands as lists, durations in Go's spelling, byte sizes as integers, …).
 *
 * <p>compose-go's "opt-out" booleans ({@code volumes[].bind.create_host_path} and
 * {@code env_file[].required}) are true unless written false; like compose-go's marshalled
 * output, the canonical form leaves them out when true.
 */
public final class Canonical {

    private static final List<String> RESOURCE_KINDS = List.of("networks", "volumes", "secrets", "configs");

    private Canonical() {
    }

    public static Map<String, Object> transform(Map<String, Object> doc) {
        return transform(doc, path -> null);
    }

    /** As {@link #transform(Map)}; {@code locator} gives the source position of a key path for errors. */
    public static Map<String, Object> transform(Map<String, Object> doc, Function<KeyPath, Position> locator) {
        return transform(doc, locator, false);
    }

    /**
     * As {@link #transform(Map, Function)}. With {@code keepUnparsable} (compose-go does this when
     * interpolation is skipped) a ports list or device entry that does not parse, such as
     * {@code ${HOST_PORT}:80}, is kept as written instead of being an error.
     */
    public static Map<String, Object> transform(Map<String, Object> doc, Function<KeyPath, Position> locator,
            boolean keepUnparsable) {
        return transform(doc, locator, keepUnparsable, warning -> { });
    }

    /** As {@link #transform(Map, Function, boolean)}, telling {@code warnings} about deprecated syntax. */
    public static Map<String, Object> transform(Map<String, Object> doc, Function<KeyPath, Position> locator,
            boolean keepUnparsable, Consumer<String> warnings) {
        Map<String, Object> out = Trees.copy(doc);
        if (out.get("services") instanceof Map<?, ?>) {
            Map<String, Object> services = Values.map(out.get("services"), KeyPath.of("services"), locator);
            ServiceCanonical service = new ServiceCanonical(locator, keepUnparsable);
            services.replaceAll((name, svc) -> svc == null ? new LinkedHashMap<>()
                    : service.transform(Values.map(svc, KeyPath.of("services", name), locator),
                            KeyPath.of("services", name)));
        }
        for (String kind : RESOURCE_KINDS) {
            if (out.get(kind) instanceof Map<?, ?>) {
                Map<String, Object> resources = Values.map(out.get(kind), KeyPath.of(kind), locator);
                resources.replaceAll((name, r) -> resource(r, KeyPath.of(kind, name), locator, warnings));
            }
        }
        if (out.get("include") instanceof List<?> includes) {
            @SuppressWarnings("unchecked")
            List<Object> list = (List<Object>) includes;
            list.replaceAll(Canonical::include);
        }
        return out;
    }

    /** A network, volume, secret or config: null is {}; legacy {@code external: {name: x}} → name x, external true. */
    private static Map<String, Object> resource(Object value, KeyPath path, Function<KeyPath, Position> locator,
            Consumer<String> warnings) {
        if (value == null) return new LinkedHashMap<>();
        Map<String, Object> r = Values.map(value, path, locator);
        if (r.get("external") instanceof Map<?, ?> external) {
            r.put("external", true);
            if (external.containsKey("name")) {
                warnings.accept(path + ": external.name is deprecated. Please set name and external: true");
                Object extName = external.get("name");
                if (r.containsKey("name") && !java.util.Objects.equals(r.get("name"), extName)) {
                    throw Values.fail(path, locator, "name and external.name conflict; only use name");
                }
                // keep compose-go's key order: name first
                Map<String, Object> named = new LinkedHashMap<>();
                named.put("name", extName);
                named.putAll(r);
                r = named;
            }
        }
        try {
            for (String key : List.of("labels", "driver_opts")) {
                if (r.containsKey(key) && r.get(key) != null) r.put(key, KeyValues.mapping(r.get(key)));
            }
            if (r.get("ipam") instanceof Map<?, ?> ipam && ipam.get("config") instanceof List<?> pools) {
                for (Object pool : pools) {
                    if (pool instanceof Map<?, ?> p && p.get("aux_addresses") != null) {
                        @SuppressWarnings("unchecked")
                        Map<String, Object> pm = (Map<String, Object>) p;
                        pm.put("aux_addresses", KeyValues.mapping(p.get("aux_addresses")));
                    }
                }
            }
        } catch (IllegalArgumentException e) {
            throw Values.fail(path, locator, e.getMessage());
        }
        return r;
    }

    private static Object include(Object value) {
        if (value instanceof String s) {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("path", Values.stringList(s));
            return m;
        }
        if (value instanceof Map<?, ?> m) {
            @SuppressWarnings("unchecked")
            Map<String, Object> inc = (Map<String, Object>) m;
            for (String key : List.of("path", "env_file")) {
                if (inc.get(key) != null) inc.put(key, Values.stringList(inc.get(key)));
            }
        }
        return value;
    }
}
