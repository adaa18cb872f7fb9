package dev.berth.planner;

import dev.berth.engine.api.CreateRequest;
import dev.berth.planner.desired.DesiredNetwork;
import dev.berth.planner.desired.DesiredService;
import dev.berth.planner.desired.DesiredService.Dependency;
import dev.berth.planner.desired.DesiredState;
import dev.berth.planner.desired.DesiredVolume;
import dev.berth.planner.engine.ComposeLabels;
import dev.berth.planner.observed.ObservedContainer;
import dev.berth.planner.observed.ObservedNetwork;
import dev.berth.planner.observed.ObservedState;
import dev.berth.planner.observed.ObservedVolume;
import dev.berth.planner.plan.Action;
import dev.berth.planner.plan.Plan;
import dev.berth.planner.plan.Step;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Hand-made desired and observed states of a project {@code proj}, for the planners' unit tests. */
final class Stacks {

    static final String PROJECT = "proj";

    private Stacks() {
    }

    static DesiredService service(String name, int replicas, String hash, Map<String, Dependency> dependsOn) {
        return new DesiredService(name, replicas, hash, dependsOn,
                n -> CreateRequest.of("busybox").withName(PROJECT + "-" + name + "-" + n)
                        .withLabels(Map.of(ComposeLabels.PROJECT, PROJECT, ComposeLabels.SERVICE, name,
                                ComposeLabels.CONTAINER_NUMBER, String.valueOf(n), ComposeLabels.CONFIG_HASH, hash)),
                List.of("default"), List.of(), "busybox", "");
    }

    static DesiredService service(String name, String hash) {
        return service(name, 1, hash, Map.of());
    }

    static Dependency started() {
        return new Dependency(Dependency.STARTED, true, false);
    }

    static Dependency healthy() {
        return new Dependency(Dependency.HEALTHY, true, false);
    }

    static DesiredNetwork defaultNetwork() {
        return new DesiredNetwork("default", PROJECT + "_default", false, null, false, Map.of(), null, null, null);
    }

    static DesiredState desired(List<DesiredService> services, List<DesiredNetwork> networks, List<DesiredVolume> volumes) {
        Map<String, DesiredService> byName = new LinkedHashMap<>();
        services.forEach(s -> byName.put(s.name(), s));
        return new DesiredState(PROJECT, byName, networks, volumes);
    }

    static DesiredState desired(DesiredService... services) {
        return desired(List.of(services), List.of(defaultNetwork()), List.of());
    }

    /** db ← api (db healthy) ← web (api started). */
    static DesiredState threeTier(String apiHash) {
        return desired(service("db", "h-db"),
                service("api", 1, apiHash, Map.of("db", healthy())),
                service("web", 1, "h-web", Map.of("api", started())));
    }

    static ObservedContainer container(String service, int number, String hash, String status) {
        String name = PROJECT + "-" + service + "-" + number;
        return new ObservedContainer("id-" + name, name, service, number, hash, status, false, Instant.EPOCH,
                Map.of(ComposeLabels.PROJECT, PROJECT, ComposeLabels.SERVICE, service), List.of());
    }

    static ObservedState observed(List<ObservedContainer> containers, boolean withNetwork) {
        List<ObservedNetwork> networks = withNetwork
                ? List.of(new ObservedNetwork("n1", PROJECT + "_default", Map.of(ComposeLabels.PROJECT, PROJECT)))
                : List.of();
        return new ObservedState(PROJECT, containers, List.of(), networks, List.<ObservedVolume>of());
    }

    static ObservedState observed(ObservedContainer... containers) {
        return observed(List.of(containers), true);
    }

    /** The three-tier stack running, each at the given hash. */
    static ObservedState threeTierRunning(String apiHash) {
        return observed(container("db", 1, "h-db", "running"), container("api", 1, apiHash, "running"),
                container("web", 1, "h-web", "running"));
    }

    // --- reading plans ----------------------------------------------------------------------------

    static List<Step> steps(Plan plan, Class<? extends Action> kind) {
        return plan.steps().stream().filter(s -> kind.isInstance(s.action())).toList();
    }

    /** The one step of {@code kind} on {@code resource} ("Container proj-web-1"). */
    static Step step(Plan plan, Class<? extends Action> kind, String resource) {
        List<Step> found = plan.steps().stream().filter(s -> kind.isInstance(s.action()) && s.action().resource().equals(resource)).toList();
        if (found.size() != 1) throw new AssertionError("expected one " + kind.getSimpleName() + " of " + resource + " in\n" + plan);
        return found.getFirst();
    }

    /** Whether {@code later} runs after {@code earlier}, directly or through other steps. */
    static boolean runsAfter(Plan plan, Step later, Step earlier) {
        List<Integer> todo = new ArrayList<>(later.after());
        while (!todo.isEmpty()) {
            int id = todo.removeLast();
            if (id == earlier.id()) return true;
            todo.addAll(plan.step(id).after());
        }
        return false;
    }

    /** "verb resource" of each step, in order: a compact picture of a plan. */
    static List<String> summary(Plan plan) {
        return plan.steps().stream().map(s -> s.action().verb() + " " + s.action().resource()).toList();
    }
}
