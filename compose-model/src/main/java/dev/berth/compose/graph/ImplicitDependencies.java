package dev.berth.compose.graph;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The services a service needs without saying so in {@code depends_on}: {@code links},
 * {@code network_mode}/{@code ipc}/{@code pid}/{@code uts}/{@code cgroup} set to
 * {@code service:X}, and {@code volumes_from} (but not {@code container:...}). compose-go's
 * normalization turns each into a {@code depends_on} entry (behaviour 114).
 */
public final class ImplicitDependencies {

    /** One implicit dependency; {@code restart} is true for links and shared namespaces. */
    public record Implicit(String service, boolean restart) {
    }

    private static final List<String> NAMESPACE_KEYS = List.of("network_mode", "ipc", "pid", "uts", "cgroup");
    private static final String SERVICE_PREFIX = "service:";
    private static final String CONTAINER_PREFIX = "container:";

    private ImplicitDependencies() {
    }

    /** Implicit dependencies of one service definition, first mention wins, in compose-go's order. */
    public static List<Implicit> of(Map<?, ?> service) {
        Map<String, Implicit> found = new LinkedHashMap<>();
        if (service.get("links") instanceof List<?> links) {
            for (Object link : links) {
                if (link == null) continue;
                String[] parts = link.toString().split(":", -1);
                // "svc:alias" names svc; anything else is taken as written, as compose-go does
                String name = parts.length == 2 ? parts[0] : link.toString();
                found.putIfAbsent(name, new Implicit(name, true));
            }
        }
        for (String key : NAMESPACE_KEYS) {
            if (service.get(key) instanceof String ref && ref.startsWith(SERVICE_PREFIX)) {
                String name = ref.substring(SERVICE_PREFIX.length());
                found.putIfAbsent(name, new Implicit(name, true));
            }
        }
        if (service.get("volumes_from") instanceof List<?> from) {
            for (Object v : from) {
                if (v == null) continue;
                String spec = v.toString();
                if (spec.startsWith(CONTAINER_PREFIX)) continue;
                String name = spec.split(":", -1)[0];
                found.putIfAbsent(name, new Implicit(name, false));
            }
        }
        return new ArrayList<>(found.values());
    }
}
