package dev.berth.cli.compose;

import dev.berth.compose.graph.DependencyGraph;
import dev.berth.compose.model.Project;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The services a command names, checked against the project as compose does ({@code no such service: X}),
 * and the project's {@code depends_on} graph for the orders compose acts in.
 */
final class ServiceSelection {

    /** A {@code depends_on} entry of a service. */
    record Dependency(String service, String condition, boolean required, boolean restart) {}

    private final Project project;
    private final DependencyGraph graph;

    ServiceSelection(Project project) {
        this.project = project;
        this.graph = DependencyGraph.ofProject(project.model());
    }

    Project project() {
        return project;
    }

    /** {@code names} checked: each must be a service of the project (compose's error otherwise). */
    List<String> check(List<String> names) {
        for (String s : names) {
            if (!project.services().containsKey(s)) throw new IllegalArgumentException("no such service: " + s);
        }
        return List.copyOf(new LinkedHashSet<>(names));
    }

    /** {@code names} (every service when empty) with what they depend on, transitively. */
    Set<String> withDependencies(List<String> names) {
        Set<String> out = new LinkedHashSet<>(check(names).isEmpty() ? project.services().keySet() : names);
        for (String s : List.copyOf(out)) out.addAll(graph.dependencies(s));
        out.retainAll(project.services().keySet());
        return out;
    }

    /** Every service when {@code names} is empty, else the names (checked). */
    Set<String> orAll(List<String> names) {
        return new LinkedHashSet<>(check(names).isEmpty() ? project.services().keySet() : names);
    }

    /** What {@code service} depends on, transitively. */
    Set<String> dependenciesOf(String service) {
        Set<String> out = new LinkedHashSet<>(graph.dependencies(service));
        out.retainAll(project.services().keySet());
        return out;
    }

    /** {@code scope} in dependency order: each service after those it depends on. */
    List<String> upOrder(Set<String> scope) {
        return graph.upOrder().stream().filter(scope::contains).toList();
    }

    /** {@code scope} in groups that can act at once: each group after the groups it depends on. */
    List<List<String>> upLevels(Set<String> scope) {
        List<List<String>> out = new ArrayList<>();
        for (List<String> level : graph.upLevels()) {
            List<String> in = level.stream().filter(scope::contains).toList();
            if (!in.isEmpty()) out.add(in);
        }
        return out;
    }

    /** The services {@code service} depends on directly, with their {@code depends_on} settings. */
    List<Dependency> dependencies(String service) {
        List<Dependency> out = new ArrayList<>();
        Object value = project.services().get(service).get("depends_on");
        if (!(value instanceof Map<?, ?> deps)) return out;
        deps.forEach((name, v) -> {
            Map<?, ?> d = v instanceof Map<?, ?> m ? m : Map.of();
            Object condition = d.get("condition");
            out.add(new Dependency(String.valueOf(name), condition == null ? "service_started" : condition.toString(),
                    !Boolean.FALSE.equals(d.get("required")), Boolean.TRUE.equals(d.get("restart"))));
        });
        return out;
    }

    /** {@code services} and, transitively, the services that depend on them with {@code restart: true} ({@code restart}'s scope). */
    Set<String> withRestartingDependents(Set<String> services) {
        Set<String> out = new LinkedHashSet<>(services);
        boolean grew = true;
        while (grew) {
            grew = false;
            for (String s : project.services().keySet()) {
                if (out.contains(s)) continue;
                if (dependencies(s).stream().anyMatch(d -> d.restart() && out.contains(d.service()))) grew = out.add(s);
            }
        }
        return out;
    }

    /** The replica count the file asks for ({@code scale}, else {@code deploy.replicas}, else 1). */
    int replicas(String service) {
        Map<String, Object> def = project.services().get(service);
        if (def.get("scale") instanceof Number n) return n.intValue();
        if (def.get("deploy") instanceof Map<?, ?> deploy && deploy.get("replicas") instanceof Number n) return n.intValue();
        return 1;
    }

    /** By service, its direct dependencies within {@code scope}. */
    Map<String, Set<String>> graphOf(Set<String> scope) {
        Map<String, Set<String>> out = new LinkedHashMap<>();
        for (String s : upOrder(scope)) {
            Set<String> deps = new LinkedHashSet<>(graph.directDependencies(s));
            deps.retainAll(scope);
            out.put(s, deps);
        }
        return out;
    }
}
