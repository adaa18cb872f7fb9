package dev.berth.compose.graph;

import dev.berth.compose.ComposeError;
import dev.berth.compose.ComposeException;
import dev.berth.compose.tree.KeyPath;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.PriorityQueue;
import java.util.Set;
import java.util.SortedSet;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * Services and what each depends on: {@code depends_on} plus the implicit dependencies
 * ({@link ImplicitDependencies}). Gives the order to start services in (dependencies first), the
 * order to stop them in (dependents first), transitive dependencies and dependents, and detects
 * cycles with compose-go's message. Every order is deterministic: among services that could go
 * at the same time, names are taken alphabetically.
 *
 * <p>A dependency on a service that is not in the graph (undefined, or switched off by a profile)
 * is not an edge; {@link #unknownDependencies()} lists them for whoever wants to complain.
 */
public final class DependencyGraph {

    /** service → the services it depends on (only services of this graph). */
    private final Map<String, SortedSet<String>> dependencies = new TreeMap<>();
    /** service → the services that depend on it. */
    private final Map<String, SortedSet<String>> dependents = new TreeMap<>();
    /** service → dependencies naming services that are not in the graph. */
    private final Map<String, SortedSet<String>> unknown = new TreeMap<>();

    private DependencyGraph() {
    }

    /** The graph of a canonical project's {@code services}. */
    public static DependencyGraph ofProject(Map<String, ?> project) {
        return project.get("services") instanceof Map<?, ?> services ? of(services) : of(Map.of());
    }

    /** The graph of services given by name → definition (a mapping, or null). */
    public static DependencyGraph of(Map<?, ?> services) {
        DependencyGraph g = new DependencyGraph();
        for (Object name : services.keySet()) {
            g.dependencies.put(name.toString(), new TreeSet<>());
            g.dependents.put(name.toString(), new TreeSet<>());
        }
        services.forEach((name, def) -> {
            if (!(def instanceof Map<?, ?> service)) return;
            for (String dep : declaredDependencies(service)) g.addEdge(name.toString(), dep);
        });
        return g;
    }

    /** depends_on keys (map or short list form), then the implicit ones, without repeats. */
    static List<String> declaredDependencies(Map<?, ?> service) {
        Set<String> out = new java.util.LinkedHashSet<>();
        switch (service.get("depends_on")) {
            case Map<?, ?> m -> m.keySet().forEach(k -> out.add(k.toString()));
            case List<?> l -> l.forEach(k -> out.add(String.valueOf(k)));
            case null, default -> { }
        }
        ImplicitDependencies.of(service).forEach(i -> out.add(i.service()));
        return new ArrayList<>(out);
    }

    private void addEdge(String from, String to) {
        if (!dependencies.containsKey(to)) {
            unknown.computeIfAbsent(from, k -> new TreeSet<>()).add(to);
            return;
        }
        dependencies.get(from).add(to);
        dependents.get(to).add(from);
    }

    /** Every service of the graph, sorted. */
    public SortedSet<String> services() {
        return Collections.unmodifiableSortedSet(new TreeSet<>(dependencies.keySet()));
    }

    /** What {@code service} depends on directly. */
    public SortedSet<String> directDependencies(String service) {
        return Collections.unmodifiableSortedSet(require(dependencies, service));
    }

    /** What depends on {@code service} directly. */
    public SortedSet<String> directDependents(String service) {
        return Collections.unmodifiableSortedSet(require(dependents, service));
    }

    /** Everything {@code service} needs, directly or through other services (not itself unless in a cycle). */
    public SortedSet<String> dependencies(String service) {
        return reach(dependencies, service);
    }

    /** Everything that needs {@code service}, directly or through other services. */
    public SortedSet<String> dependents(String service) {
        return reach(dependents, service);
    }

    /** Dependencies naming services that are not in the graph, per service. */
    public Map<String, SortedSet<String>> unknownDependencies() {
        Map<String, SortedSet<String>> out = new LinkedHashMap<>();
        unknown.forEach((k, v) -> out.put(k, Collections.unmodifiableSortedSet(v)));
        return Collections.unmodifiableMap(out);
    }

    /** The order to start services in: each after all it depends on. Throws on a cycle. */
    public List<String> upOrder() {
        return flatten(levels(dependencies));
    }

    /** The order to stop services in: each before all it depends on. Throws on a cycle. */
    public List<String> downOrder() {
        return flatten(levels(dependents));
    }

    /**
     * Start order in waves: every service of a wave depends only on services of earlier waves,
     * so a wave can be started in parallel. Throws on a cycle.
     */
    public List<List<String>> upLevels() {
        return levels(dependencies);
    }

    /** Stop order in waves (dependents first). Throws on a cycle. */
    public List<List<String>> downLevels() {
        return levels(dependents);
    }

    /**
     * The first cycle found, walking services and their dependencies in name order as compose-go
     * does: {@code [service1, service2, service3, service1]}; a self-dependency is {@code [a, a]}.
     */
    public Optional<List<String>> findCycle() {
        Set<String> acyclic = new java.util.HashSet<>();
        for (String start : dependencies.keySet()) {
            List<String> path = new ArrayList<>();
            path.add(start);
            Optional<List<String>> cycle = searchCycle(path, acyclic);
            if (cycle.isPresent()) return cycle;
        }
        return Optional.empty();
    }

    private Optional<List<String>> searchCycle(List<String> path, Set<String> acyclic) {
        String current = path.getLast();
        for (String next : dependencies.get(current)) {
            int i = path.indexOf(next);
            if (i >= 0) {
                List<String> cycle = new ArrayList<>(path.subList(i, path.size()));
                cycle.add(next);
                return Optional.of(cycle);
            }
            if (acyclic.contains(next)) continue;
            path.add(next);
            Optional<List<String>> found = searchCycle(path, acyclic);
            path.removeLast();
            if (found.isPresent()) return found;
        }
        // nothing reachable from here loops: no need to walk it again from another start
        acyclic.add(current);
        return Optional.empty();
    }

    /** compose-go's error for the first cycle: {@code dependency cycle detected: a -> b -> a}. */
    public Optional<ComposeError> cycleError() {
        return findCycle().map(cycle -> new ComposeError(null, KeyPath.of("services", cycle.getFirst(), "depends_on"),
                "dependency cycle detected: " + String.join(" -> ", cycle)));
    }

    private List<List<String>> levels(Map<String, SortedSet<String>> before) {
        Map<String, Integer> waiting = new TreeMap<>();
        before.forEach((s, deps) -> waiting.put(s, deps.size()));
        Map<String, SortedSet<String>> after = before == dependencies ? dependents : dependencies;
        List<List<String>> out = new ArrayList<>();
        PriorityQueue<String> ready = new PriorityQueue<>();
        waiting.forEach((s, n) -> {
            if (n == 0) ready.add(s);
        });
        int placed = 0;
        while (!ready.isEmpty()) {
            List<String> wave = new ArrayList<>();
            while (!ready.isEmpty()) wave.add(ready.poll());
            for (String s : wave) {
                for (String next : after.get(s)) {
                    if (waiting.merge(next, -1, Integer::sum) == 0) ready.add(next);
                }
            }
            placed += wave.size();
            out.add(List.copyOf(wave));
        }
        if (placed < waiting.size()) {
            throw new ComposeException(cycleError().orElseGet(() -> ComposeError.of("dependency cycle detected")));
        }
        return List.copyOf(out);
    }

    private static List<String> flatten(List<List<String>> levels) {
        List<String> out = new ArrayList<>();
        levels.forEach(out::addAll);
        return List.copyOf(out);
    }

    private SortedSet<String> reach(Map<String, SortedSet<String>> edges, String service) {
        require(edges, service);
        SortedSet<String> seen = new TreeSet<>();
        List<String> todo = new ArrayList<>(edges.get(service));
        while (!todo.isEmpty()) {
            String s = todo.removeLast();
            if (seen.add(s)) todo.addAll(edges.get(s));
        }
        return Collections.unmodifiableSortedSet(seen);
    }

    private static SortedSet<String> require(Map<String, SortedSet<String>> edges, String service) {
        SortedSet<String> out = edges.get(service);
        if (out == null) throw new ComposeException("no such service: " + service);
        return out;
    }
}
