package dev.berth.planner;

import dev.berth.planner.desired.DesiredNetwork;
import dev.berth.planner.desired.DesiredService;
import dev.berth.planner.desired.DesiredState;
import dev.berth.planner.desired.DesiredVolume;
import dev.berth.planner.engine.ComposeLabels;
import dev.berth.planner.observed.ObservedContainer;
import dev.berth.planner.observed.ObservedNetwork;
import dev.berth.planner.observed.ObservedState;
import dev.berth.planner.observed.ObservedVolume;
import dev.berth.planner.plan.Action;
import dev.berth.planner.plan.Plan;
import dev.berth.planner.plan.PlanBuilder;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * {@code down}'s plan, as compose's: the project's containers stopped and removed in reverse
 * dependency order (a service after the ones that depend on it; its own containers in parallel),
 * then its networks (not external ones) and, with {@code -v}, its volumes: the named ones (not
 * external) and the containers' anonymous ones.
 */
public final class DownPlanner {

    private DownPlanner() {
    }

    /**
     * {@code desired}: the project as its files say, or null ({@code down -p NAME} without files: the
     * project is what the engine has, dependencies read from the containers' {@code depends_on} labels).
     */
    public static Plan plan(DesiredState desired, ObservedState observed, DownOptions options) throws PlanException {
        PlanBuilder plan = new PlanBuilder(observed.project());
        List<ObservedContainer> containers = new ArrayList<>();
        for (ObservedContainer c : observed.containers()) {
            if (desired == null || desired.services().containsKey(c.service()) || options.removeOrphans()) containers.add(c);
            else plan.orphan(c.name());
        }
        if (options.removeOrphans()) containers.addAll(observed.oneOffs());

        Map<String, List<ObservedContainer>> byService = new LinkedHashMap<>();
        for (ObservedContainer c : containers) byService.computeIfAbsent(c.service(), s -> new ArrayList<>()).add(c);
        Map<String, Set<String>> dependsOn = new LinkedHashMap<>();
        for (var e : byService.entrySet()) dependsOn.put(e.getKey(), dependenciesOf(e.getKey(), e.getValue(), desired));
        Map<String, Set<String>> dependents = DependencyOrder.dependents(dependsOn);

        Map<String, List<Integer>> removals = new HashMap<>();
        List<Integer> allRemovals = new ArrayList<>();
        Map<String, Integer> removalOfVolume = new LinkedHashMap<>();
        for (String s : DependencyOrder.of(dependsOn).reversed()) {
            List<Integer> after = new ArrayList<>();
            for (String t : dependents.get(s)) after.addAll(removals.getOrDefault(t, List.of()));
            List<Integer> removed = new ArrayList<>();
            for (ObservedContainer c : byService.get(s)) {
                List<Integer> removeAfter = after;
                if (c.up()) removeAfter = List.of(plan.add(new Action.StopContainer(s, c.name(), c.id(), options.timeout()), "", after));
                int id = plan.add(new Action.RemoveContainer(s, c.name(), c.id()), "", removeAfter);
                removed.add(id);
                if (options.removeVolumes()) c.anonymousVolumes().forEach(v -> removalOfVolume.putIfAbsent(v, id));
            }
            removals.put(s, removed);
            allRemovals.addAll(removed);
        }

        Set<String> external = new LinkedHashSet<>();
        if (desired != null) {
            desired.networks().stream().filter(DesiredNetwork::external).forEach(n -> external.add(n.name()));
            desired.volumes().stream().filter(DesiredVolume::external).forEach(v -> external.add(v.name()));
        }
        for (ObservedNetwork n : observed.projectNetworks()) {
            if (!external.contains(n.name())) plan.add(new Action.RemoveNetwork(n.name()), "", allRemovals);
        }
        if (options.removeVolumes()) {
            for (ObservedVolume v : observed.projectVolumes()) {
                if (!external.contains(v.name()) && !removalOfVolume.containsKey(v.name())) {
                    plan.add(new Action.RemoveVolume(v.name()), "", allRemovals);
                }
            }
            removalOfVolume.forEach((v, removal) -> plan.add(new Action.RemoveVolume(v), "anonymous", List.of(removal)));
        }
        Plan built = plan.build();
        if (built.isEmpty()) {
            plan.warn("No resource found to remove for project \"" + observed.project() + "\".");
            built = plan.build();
        }
        return built;
    }

    /** From the project's files, else from the {@code depends_on} label compose and berth put on each container. */
    private static Set<String> dependenciesOf(String service, List<ObservedContainer> containers, DesiredState desired) {
        DesiredService d = desired == null ? null : desired.services().get(service);
        if (d != null) return new LinkedHashSet<>(d.dependsOn().keySet());
        Set<String> out = new LinkedHashSet<>();
        for (ObservedContainer c : containers) {
            String label = c.labels().getOrDefault(ComposeLabels.DEPENDS_ON, "");
            Arrays.stream(label.split(",")).map(String::strip).filter(x -> !x.isEmpty())
                    .forEach(x -> out.add(x.contains(":") ? x.substring(0, x.indexOf(':')) : x));
        }
        return out;
    }
}
