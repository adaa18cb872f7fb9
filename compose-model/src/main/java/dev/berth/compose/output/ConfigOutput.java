package dev.berth.compose.output;

import dev.berth.compose.model.Project;
import dev.berth.compose.model.Trees;
import dev.berth.compose.normalize.CanonicalOrder;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The trees {@code berth config} writes, as compose-go marshals a project for
 * {@code docker compose config}: its field order, omitted zero values, byte sizes written as
 * decimal strings ({@code memory: "52428800"}); and, for JSON only, Go's JSON tags: extensions
 * of services and resources are not written, {@code ipam} always is, {@code command} and
 * {@code entrypoint} are written as null when unset.
 */
public final class ConfigOutput {

    /** Service fields of compose-go's UnitBytes type. */
    private static final Set<String> SERVICE_BYTES = Set.of("mem_limit", "mem_reservation", "memswap_limit", "shm_size");
    private static final List<String> RESOURCES = List.of("networks", "volumes", "secrets", "configs", "models");

    private ConfigOutput() {
    }

    public static Map<String, Object> yaml(Project project) {
        return yaml(project.model());
    }

    public static Map<String, Object> json(Project project) {
        return json(project.model());
    }

    public static Map<String, Object> yaml(Map<String, Object> model) {
        Map<String, Object> out = Trees.copy(CanonicalOrder.marshalled(model));
        services(out).forEach((name, svc) -> bytesAsStrings(svc));
        return out;
    }

    public static Map<String, Object> json(Map<String, Object> model) {
        Map<String, Object> out = yaml(model);
        services(out).replaceAll((name, svc) -> {
            Map<String, Object> s = withoutExtensions(svc);
            s.putIfAbsent("command", null);
            s.putIfAbsent("entrypoint", null);
            return s;
        });
        for (String kind : RESOURCES) {
            if (!(out.get(kind) instanceof Map<?, ?> m)) continue;
            Map<String, Object> resources = new LinkedHashMap<>();
            m.forEach((name, def) -> {
                Map<String, Object> r = def instanceof Map<?, ?> dm ? withoutExtensions(cast(dm)) : new LinkedHashMap<>();
                resources.put(String.valueOf(name), kind.equals("networks") ? withIpam(r) : r);
            });
            out.put(kind, resources);
        }
        // compose-go writes the project's JSON from a map: top-level keys in Go's sorted order
        Map<String, Object> sorted = new LinkedHashMap<>();
        out.keySet().stream().sorted().forEach(k -> sorted.put(k, out.get(k)));
        return sorted;
    }

    /** {@code ipam} in its struct place (after name, driver, driver_opts), written even when empty. */
    private static Map<String, Object> withIpam(Map<String, Object> network) {
        if (network.containsKey("ipam")) return network;
        Map<String, Object> out = new LinkedHashMap<>();
        network.forEach((k, v) -> {
            if (!out.containsKey("ipam") && !Set.of("name", "driver", "driver_opts").contains(k)) {
                out.put("ipam", new LinkedHashMap<>());
            }
            out.put(k, v);
        });
        out.putIfAbsent("ipam", new LinkedHashMap<>());
        return out;
    }

    private static Map<String, Map<String, Object>> services(Map<String, Object> out) {
        if (!(out.get("services") instanceof Map<?, ?> m)) return new LinkedHashMap<>();
        Map<String, Map<String, Object>> services = cast(m);
        return services;
    }

    private static void bytesAsStrings(Map<String, Object> svc) {
        for (String key : SERVICE_BYTES) svc.computeIfPresent(key, (k, v) -> decimal(v));
        if (svc.get("build") instanceof Map<?, ?> build) asMap(build).computeIfPresent("shm_size", (k, v) -> decimal(v));
        if (svc.get("deploy") instanceof Map<?, ?> deploy && deploy.get("resources") instanceof Map<?, ?> res) {
            for (String kind : List.of("limits", "reservations")) {
                if (res.get(kind) instanceof Map<?, ?> r) asMap(r).computeIfPresent("memory", (k, v) -> decimal(v));
            }
        }
        if (svc.get("volumes") instanceof List<?> volumes) {
            for (Object v : volumes) {
                if (v instanceof Map<?, ?> vol && vol.get("tmpfs") instanceof Map<?, ?> tmpfs) {
                    asMap(tmpfs).computeIfPresent("size", (k, x) -> decimal(x));
                }
            }
        }
        if (svc.get("blkio_config") instanceof Map<?, ?> blkio) {
            for (String kind : List.of("device_read_bps", "device_write_bps")) {
                if (blkio.get(kind) instanceof List<?> devices) {
                    for (Object d : devices) {
                        if (d instanceof Map<?, ?> dev) asMap(dev).computeIfPresent("rate", (k, x) -> decimal(x));
                    }
                }
            }
        }
    }

    private static Object decimal(Object v) {
        return v instanceof Number n ? Long.toString(n.longValue()) : v;
    }

    private static Map<String, Object> withoutExtensions(Map<String, Object> m) {
        Map<String, Object> out = new LinkedHashMap<>();
        m.forEach((k, v) -> { if (!k.startsWith("x-")) out.put(k, v); });
        return out;
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> asMap(Object o) {
        return (Map<String, Object>) o;
    }

    @SuppressWarnings("unchecked")
    private static <T> T cast(Object o) {
        return (T) o;
    }
}
