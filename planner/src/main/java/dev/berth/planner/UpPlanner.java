package dev.berth.planner;

import dev.berth.engine.api.CreateRequest;
import dev.berth.planner.desired.DesiredNetwork;
import dev.berth.planner.desired.DesiredService;
import dev.berth.planner.desired.DesiredService.Dependency;
import dev.berth.planner.desired.DesiredState;
import dev.berth.planner.desired.DesiredVolume;
import dev.berth.planner.engine.ComposeLabels;
import dev.berth.planner.observed.ObservedContainer;
import dev.berth.planner.observed.ObservedState;
import dev.berth.planner.plan.Action;
import dev.berth.planner.plan.Plan;
import dev.berth.planner.plan.PlanBuilder;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * {@code up}'s plan: the difference between what a project asks for and what the engine has, as
 * compose's convergence makes it. Missing networks and volumes are created; per service, in
 * dependency order, containers whose config hash differs are recreated (same number, same name),
 * missing replicas created, extra ones removed (obsolete ones, then the highest numbers), stopped
 * ones started; a service starts after its dependencies have started, or are healthy, or have
 * completed, as its {@code depends_on} says. A pure function of its inputs.
 */
public final class UpPlanner {

    private final DesiredState desired;
    private final ObservedState observed;
    private final UpOptions options;
    private final PlanBuilder plan;
    /** The services the plan covers, in dependency order. */
    private final List<String> scope = new ArrayList<>();
    private final Map<String, Decision> decisions = new LinkedHashMap<>();
    private final List<Integer> resourceSteps = new ArrayList<>();
    private final Map<String, List<Integer>> createSteps = new HashMap<>();
    private final Map<String, List<Integer>> startSteps = new HashMap<>();
    /** By service: its scale-down removals (a wait for the service looks at its containers once they are gone). */
    private final Map<String, List<Integer>> removeSteps = new HashMap<>();
    /** By service: the stops of its {@code restart: true} dependents, which go before it is recreated. */
    private final Map<String, List<Integer>> stopsBeforeRecreate = new HashMap<>();
    private final Map<String, Integer> preStopOfContainer = new HashMap<>();
    private final Map<String, Integer> waits = new HashMap<>();

    /** What happens to one service's containers. */
    private record Decision(DesiredService service, List<Kept> kept, List<ObservedContainer> removed, List<Integer> newNumbers,
                            boolean restartDependency) {
        boolean recreates() {
            return kept.stream().anyMatch(k -> k.recreateReason() != null);
        }

        boolean startsSomething() {
            return !newNumbers.isEmpty() || kept.stream().anyMatch(k -> k.recreateReason() != null || !k.container().up());
        }
    }

    /** A container the service keeps: as it is ({@code recreateReason} null) or recreated. */
    private record Kept(ObservedContainer container, String recreateReason) {}

    private UpPlanner(DesiredState desired, ObservedState observed, UpOptions options) {
        this.desired = desired;
        this.observed = observed;
        this.options = options;
        this.plan = new PlanBuilder(desired.project());
    }

    public static Plan plan(DesiredState desired, ObservedState observed, UpOptions options) throws PlanException {
        if (options.forceRecreate() && options.noRecreate()) {
            throw new PlanException("--force-recreate and --no-recreate are incompatible");
        }
        if (!desired.project().equals(observed.project())) {
            throw new IllegalArgumentException("observed project " + observed.project() + " is not " + desired.project());
        }
        return new UpPlanner(desired, observed, options).build();
    }

    private Plan build() throws PlanException {
        selectScope();
        for (String s : scope) decide(s);
        networksAndVolumes();
        stopsOfRestartingDependents();
        for (String s : scope) emit(decisions.get(s));
        orphans();
        return plan.build();
    }

    // --- which services -------------------------------------------------------------------------

    private void selectScope() throws PlanException {
        Set<String> wanted = new LinkedHashSet<>();
        for (String s : options.services()) {
            if (!desired.services().containsKey(s)) throw new PlanException("no such service: " + s);
            wanted.add(s);
        }
        if (wanted.isEmpty()) wanted.addAll(desired.services().keySet());
        else if (!options.noDeps()) {
            List<String> todo = new ArrayList<>(wanted);
            while (!todo.isEmpty()) {
                for (String d : desired.services().get(todo.removeLast()).dependsOn().keySet()) {
                    if (desired.services().containsKey(d) && wanted.add(d)) todo.add(d);
                }
            }
        }
        Map<String, Set<String>> graph = new LinkedHashMap<>();
        for (String s : desired.services().keySet()) {
            if (!wanted.contains(s)) continue;
            DesiredService service = desired.services().get(s);
            for (var dep : service.dependsOn().entrySet()) {
                if (desired.services().containsKey(dep.getKey())) continue;
                if (dep.getValue().required()) {
                    throw new PlanException("service \"" + s + "\" depends on undefined service \"" + dep.getKey()
                            + "\": add it to the project, or mark the dependency required: false");
                }
                plan.warn(s + " is missing dependency " + dep.getKey());
            }
            graph.put(s, service.dependsOn().keySet().stream().filter(wanted::contains)
                    .collect(java.util.stream.Collectors.toCollection(LinkedHashSet::new)));
        }
        scope.addAll(DependencyOrder.of(graph));
    }

    /** The dependencies of {@code s} this plan covers and waits for. */
    private List<Map.Entry<String, Dependency>> dependenciesInScope(String s) {
        return desired.services().get(s).dependsOn().entrySet().stream().filter(e -> scope.contains(e.getKey())).toList();
    }

    // --- decisions ------------------------------------------------------------------------------

    private void decide(String name) {
        DesiredService service = desired.services().get(name);
        boolean force = options.forceRecreate() && (options.services().isEmpty() || options.services().contains(name));
        String restartReason = null;
        for (var dep : dependenciesInScope(name)) {
            if (dep.getValue().restart() && decisions.get(dep.getKey()).recreates()) {
                restartReason = "dependency " + dep.getKey() + " recreated (depends_on restart: true)";
                break;
            }
        }
        // a container's endpoints name its networks by ID: on a network made anew it must be made anew too
        String missingNetwork = desired.networks().stream()
                .filter(n -> !n.external() && service.networks().contains(n.key()) && observed.network(n.name()).isEmpty())
                .map(DesiredNetwork::name).findFirst().orElse(null);
        List<Kept> all = new ArrayList<>();
        for (ObservedContainer c : observed.containersOf(name)) {
            String reason = null;
            if (!options.noRecreate()) {
                if (force) reason = "--force-recreate";
                else if (!c.configHash().equals(service.configHash())) reason = "configuration changed";
                else if (missingNetwork != null) reason = "network " + missingNetwork + " not found";
                else if (restartReason != null) reason = restartReason;
            }
            all.add(new Kept(c, reason));
        }
        // up to date ones first, lowest numbers first: the obsolete ones and the highest numbers go when scaling down
        all.sort(Comparator.comparing((Kept k) -> k.recreateReason() != null).thenComparingInt(k -> k.container().number()));
        int keep = Math.min(service.replicas(), all.size());
        List<Kept> kept = all.subList(0, keep);
        List<ObservedContainer> removed = all.subList(keep, all.size()).stream().map(Kept::container).toList();
        Set<Integer> used = new HashSet<>();
        all.forEach(k -> used.add(k.container().number()));
        List<Integer> numbers = new ArrayList<>();
        for (int n = 1; numbers.size() < service.replicas() - keep; n++) {
            if (!used.contains(n)) numbers.add(n);
        }
        decisions.put(name, new Decision(service, List.copyOf(kept), removed, numbers, restartReason != null));
    }

    // --- steps ----------------------------------------------------------------------------------

    private void networksAndVolumes() throws PlanException {
        for (DesiredNetwork n : desired.networks()) {
            boolean exists = observed.network(n.name()).isPresent();
            if (n.external()) {
                if (!exists) {
                    throw new PlanException("network " + n.name() + " declared as external, but could not be found: create it with "
                            + "`berth network create " + n.name() + "`");
                }
                continue;
            }
            if (exists) continue;
            Map<String, String> labels = new LinkedHashMap<>(n.labels());
            labels.putIfAbsent(ComposeLabels.PROJECT, desired.project());
            labels.putIfAbsent(ComposeLabels.NETWORK, n.key());
            resourceSteps.add(plan.add(new Action.CreateNetwork(n, labels), "not found", List.of()));
        }
        for (DesiredVolume v : desired.volumes()) {
            boolean exists = observed.volume(v.name()).isPresent();
            if (v.external()) {
                if (!exists) {
                    throw new PlanException("external volume \"" + v.name() + "\" not found: create it with `berth volume create "
                            + v.name() + "`");
                }
                continue;
            }
            if (exists) continue;
            Map<String, String> labels = new LinkedHashMap<>(v.labels());
            labels.putIfAbsent(ComposeLabels.PROJECT, desired.project());
            labels.putIfAbsent(ComposeLabels.VOLUME, v.key());
            resourceSteps.add(plan.add(new Action.CreateVolume(v, labels), "not found", List.of()));
        }
    }

    /** As compose: a service's {@code restart: true} dependents stop before it is recreated, and are recreated after it. */
    private void stopsOfRestartingDependents() {
        for (String s : scope) {
            Decision d = decisions.get(s);
            if (!d.restartDependency()) continue;
            List<Integer> stops = new ArrayList<>();
            for (Kept k : d.kept()) {
                if (k.recreateReason() == null || !k.container().up()) continue;
                int id = plan.add(new Action.StopContainer(s, k.container().name(), k.container().id(), options.timeout()),
                        "its dependency is recreated", List.of());
                preStopOfContainer.put(k.container().id(), id);
                stops.add(id);
            }
            for (var dep : dependenciesInScope(s)) {
                if (dep.getValue().restart() && decisions.get(dep.getKey()).recreates()) {
                    stopsBeforeRecreate.computeIfAbsent(dep.getKey(), x -> new ArrayList<>()).addAll(stops);
                }
            }
        }
    }

    private void emit(Decision d) {
        String s = d.service().name();
        for (ObservedContainer c : d.removed()) {
            String why = "scale to " + d.service().replicas();
            List<Integer> after = new ArrayList<>();
            if (c.up()) after.add(plan.add(new Action.StopContainer(s, c.name(), c.id(), options.timeout()), why, List.of()));
            removeSteps.computeIfAbsent(s, x -> new ArrayList<>()).add(plan.add(new Action.RemoveContainer(s, c.name(), c.id()), why, after));
        }
        List<Integer> createAfter = new ArrayList<>(resourceSteps);
        for (var dep : dependenciesInScope(s)) createAfter.addAll(createSteps.getOrDefault(dep.getKey(), List.of()));
        List<Integer> created = createSteps.computeIfAbsent(s, x -> new ArrayList<>());
        List<ToStart> toStart = new ArrayList<>();
        for (Kept k : d.kept()) {
            ObservedContainer c = k.container();
            if (k.recreateReason() != null) {
                CreateRequest request = d.service().containerRequest().apply(c.number());
                String name = nameOf(request, s, c.number());
                List<Integer> after = new ArrayList<>(createAfter);
                after.addAll(stopsBeforeRecreate.getOrDefault(s, List.of()));
                if (preStopOfContainer.containsKey(c.id())) after.add(preStopOfContainer.get(c.id()));
                int id = plan.add(new Action.RecreateContainer(s, c.number(), name, c.id(), request, options.timeout()),
                        k.recreateReason(), after);
                created.add(id);
                toStart.add(new ToStart(name, id, "recreated"));
            } else if (c.up()) {
                plan.running(c.name());
            } else {
                toStart.add(new ToStart(c.name(), null, c.status()));
            }
        }
        for (int n : d.newNumbers()) {
            CreateRequest request = d.service().containerRequest().apply(n);
            String name = nameOf(request, s, n);
            String why = d.kept().isEmpty() && d.removed().isEmpty() ? "not found" : "scale to " + d.service().replicas();
            int id = plan.add(new Action.CreateContainer(s, n, name, request), why, createAfter);
            created.add(id);
            toStart.add(new ToStart(name, id, "created"));
        }
        List<Integer> started = startSteps.computeIfAbsent(s, x -> new ArrayList<>());
        if (options.noStart() || toStart.isEmpty()) return;
        List<Integer> startAfter = startAfter(s);
        for (ToStart t : toStart) {
            List<Integer> after = new ArrayList<>(startAfter);
            if (t.created() != null) after.add(t.created());
            started.add(plan.add(new Action.StartContainer(s, t.name()), t.why(), after));
        }
    }

    /** A container to start once the service's dependencies allow: {@code created} by step (null: it exists). */
    private record ToStart(String name, Integer created, String why) {}

    /** What {@code s}'s containers start after: its dependencies started, or a wait for their condition. */
    private List<Integer> startAfter(String s) {
        List<Integer> after = new ArrayList<>();
        for (var dep : dependenciesInScope(s)) {
            String d = dep.getKey();
            if (decisions.get(d).service().replicas() == 0) continue; // nothing to wait for, as compose
            String condition = dep.getValue().condition();
            if (condition == null || condition.isEmpty() || condition.equals(Dependency.STARTED)) {
                after.addAll(startSteps.getOrDefault(d, List.of()));
            } else if (condition.equals(Dependency.HEALTHY) || condition.equals(Dependency.COMPLETED)) {
                after.add(waitFor(d, condition, dep.getValue().required()));
            } else {
                plan.warn("unsupported depends_on condition: " + condition + " (service " + s + ", dependency " + d + ")");
                after.addAll(startSteps.getOrDefault(d, List.of()));
            }
        }
        return after;
    }

    /** One wait per dependency and condition, shared by the services that start after it. */
    private int waitFor(String service, String condition, boolean required) {
        String key = service + "\0" + condition + "\0" + required;
        Integer id = waits.get(key);
        if (id != null) return id;
        List<String> dependents = new ArrayList<>();
        for (String s : scope) {
            if (!decisions.get(s).startsSomething()) continue;
            Dependency dep = desired.services().get(s).dependsOn().get(service);
            if (dep != null && condition.equals(dep.condition()) && dep.required() == required) dependents.add(s);
        }
        List<Integer> after = new ArrayList<>(startSteps.getOrDefault(service, List.of()));
        after.addAll(removeSteps.getOrDefault(service, List.of()));
        id = plan.add(new Action.WaitFor(service, condition, required, dependents), "depends_on of " + String.join(", ", dependents),
                after);
        waits.put(key, id);
        return id;
    }

    private void orphans() {
        List<ObservedContainer> orphans = observed.containers().stream()
                .filter(c -> !desired.services().containsKey(c.service())).toList();
        if (orphans.isEmpty()) return;
        orphans.forEach(c -> plan.orphan(c.name()));
        if (!options.removeOrphans()) {
            plan.warn("Found orphan containers (" + String.join(", ", orphans.stream().map(ObservedContainer::name).toList())
                    + ") for this project. If you removed or renamed this service in your compose file, you can run this "
                    + "command with the --remove-orphans flag to clean it up.");
            return;
        }
        for (ObservedContainer c : orphans) {
            String why = "orphan: service " + c.service() + " is not in the project";
            List<Integer> after = new ArrayList<>();
            if (c.up()) after.add(plan.add(new Action.StopContainer(c.service(), c.name(), c.id(), options.timeout()), why, List.of()));
            plan.add(new Action.RemoveContainer(c.service(), c.name(), c.id()), why, after);
        }
    }

    /** The container's name: the request's, else compose's {@code <project>-<service>-<number>}. */
    private String nameOf(CreateRequest request, String service, int number) {
        return request.name() != null && !request.name().isEmpty() ? request.name()
                : desired.project() + "-" + service + "-" + number;
    }
}
