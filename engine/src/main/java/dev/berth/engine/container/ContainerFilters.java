package dev.berth.engine.container;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * {@code docker ps --filter}: {@code label=K}, {@code label=K=V}, {@code name=N} (substring, as
 * Docker), {@code id=PREFIX}, {@code status=S}, {@code health=starting|healthy|unhealthy|none}. Different keys must all match; several values of
 * one key match when any does (Docker's rule) — except {@code label}, where every one must.
 */
public record ContainerFilters(Map<String, List<String>> byKey) {

    private static final List<String> KEYS = List.of("label", "name", "id", "status", "health");
    private static final List<String> HEALTH = List.of(Health.STARTING, Health.HEALTHY, Health.UNHEALTHY, "none");
    private static final List<String> STATUSES = List.of("created", "restarting", "running", "removing", "paused", "exited", "dead");

    public static ContainerFilters parse(List<String> filters) {
        Map<String, List<String>> map = new LinkedHashMap<>();
        for (String f : filters) {
            int eq = f.indexOf('=');
            if (eq <= 0) throw new IllegalArgumentException("bad format of filter (expected name=value): " + f);
            String key = f.substring(0, eq);
            String value = f.substring(eq + 1);
            if (!KEYS.contains(key)) throw new IllegalArgumentException("invalid filter '" + key + "': expected one of " + KEYS);
            if (key.equals("status") && !STATUSES.contains(value)) {
                throw new IllegalArgumentException("invalid filter 'status=" + value + "': expected one of " + STATUSES);
            }
            if (key.equals("health") && !HEALTH.contains(value)) {
                throw new IllegalArgumentException("Unrecognised filter value for health: " + value + " (expected one of " + HEALTH + ")");
            }
            map.computeIfAbsent(key, k -> new ArrayList<>()).add(value);
        }
        return new ContainerFilters(map);
    }

    /** Whether {@code --filter status=…} names a status that is not running (ps then lists all). */
    public boolean asksForStopped() {
        return byKey.getOrDefault("status", List.of()).stream().anyMatch(s -> !s.equals("running") && !s.equals("restarting") && !s.equals("paused"));
    }

    public boolean matches(Container c) {
        for (var e : byKey.entrySet()) {
            boolean ok = switch (e.getKey()) {
                case "label" -> e.getValue().stream().allMatch(l -> label(c.config().labels(), l));
                case "name" -> e.getValue().stream().anyMatch(n -> c.name().contains(n.startsWith("/") ? n.substring(1) : n));
                case "id" -> e.getValue().stream().anyMatch(c.id()::startsWith);
                case "status" -> e.getValue().contains(c.state().status());
                case "health" -> e.getValue().contains(c.state().health() == null ? "none" : c.state().health().status());
                default -> true;
            };
            if (!ok) return false;
        }
        return true;
    }

    private static boolean label(Map<String, String> labels, String filter) {
        int eq = filter.indexOf('=');
        if (eq < 0) return labels.containsKey(filter);
        return filter.substring(eq + 1).equals(labels.get(filter.substring(0, eq)));
    }
}
