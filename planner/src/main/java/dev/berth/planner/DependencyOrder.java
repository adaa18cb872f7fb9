package dev.berth.planner;

import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** Services in dependency order: each after the ones it depends on, otherwise in the order given. */
final class DependencyOrder {

    private DependencyOrder() {
    }

    /** {@code dependsOn}: by service, the services it depends on (ones not in the map are ignored). */
    static List<String> of(Map<String, ? extends Collection<String>> dependsOn) throws PlanException {
        List<String> order = new ArrayList<>();
        Set<String> done = new LinkedHashSet<>();
        for (String s : dependsOn.keySet()) visit(s, dependsOn, done, new LinkedHashSet<>(), order);
        return order;
    }

    private static void visit(String s, Map<String, ? extends Collection<String>> dependsOn, Set<String> done,
                              LinkedHashSet<String> path, List<String> order) throws PlanException {
        if (done.contains(s)) return;
        if (!path.add(s)) {
            List<String> cycle = new ArrayList<>(path);
            cycle = cycle.subList(cycle.indexOf(s), cycle.size());
            throw new PlanException("dependency cycle between services: " + String.join(" -> ", cycle) + " -> " + s);
        }
        for (String d : dependsOn.get(s)) {
            if (dependsOn.containsKey(d)) visit(d, dependsOn, done, path, order);
        }
        path.remove(s);
        done.add(s);
        order.add(s);
    }

    /** By service, the services that depend on it. */
    static Map<String, Set<String>> dependents(Map<String, ? extends Collection<String>> dependsOn) {
        Map<String, Set<String>> out = new LinkedHashMap<>();
        for (String s : dependsOn.keySet()) out.put(s, new LinkedHashSet<>());
        dependsOn.forEach((s, deps) -> deps.forEach(d -> {
            if (out.containsKey(d)) out.get(d).add(s);
        }));
        return out;
    }
}
