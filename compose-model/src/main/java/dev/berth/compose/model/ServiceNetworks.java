package dev.berth.compose.model;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;

/** The networks a service attaches to, in the order the engine attaches them. */
public final class ServiceNetworks {

    private ServiceNetworks() {
    }

    /**
     * Network names by {@code priority}, highest first (unset counts as 0), then by name — as
     * compose orders a container's networks: the first one is connected at create time.
     */
    public static List<String> byPriority(Map<String, Object> service) {
        if (!(service.get("networks") instanceof Map<?, ?> networks)) return List.of();
        List<String> names = new ArrayList<>();
        networks.keySet().forEach(k -> names.add(String.valueOf(k)));
        names.sort(Comparator.comparingLong((String n) -> -priority(networks.get(n))).thenComparing(n -> n));
        return names;
    }

    private static long priority(Object attachment) {
        return attachment instanceof Map<?, ?> m && m.get("priority") instanceof Number p ? p.longValue() : 0;
    }
}
