package dev.berth.planner.execute;

import static dev.berth.planner.execute.BusyboxStack.service;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.berth.engine.HostLeftovers;
import dev.berth.engine.container.Container;
import dev.berth.planner.DownOptions;
import dev.berth.planner.DownPlanner;
import dev.berth.planner.PlanException;
import dev.berth.planner.UpOptions;
import dev.berth.planner.UpPlanner;
import dev.berth.planner.desired.DesiredService;
import dev.berth.planner.desired.DesiredService.Dependency;
import dev.berth.planner.desired.DesiredState;
import dev.berth.planner.engine.ComposeLabels;
import dev.berth.planner.observed.StateObserver;
import dev.berth.planner.plan.Action;
import dev.berth.planner.plan.Plan;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Plans run on a real engine in process: busybox containers, their network, in dependency order. */
class PlanExecutorTest {

    private static final String SLEEP = "sleep 300";
    /** busybox sleep as PID 1 ignores SIGTERM: stops are SIGKILL at once. */
    private static final UpOptions UP = UpOptions.defaults().withTimeout(0);

    @TempDir
    Path dir;

    private BusyboxStack stack;
    private final List<ProgressEvent> events = new ArrayList<>();

    @BeforeEach
    void engine() throws IOException {
        stack = BusyboxStack.open(dir);
    }

    @AfterEach
    void nothingLeft() throws IOException {
        if (stack != null) stack.close();
    }

    private static DesiredState project(DesiredService... services) {
        Map<String, DesiredService> byName = new LinkedHashMap<>();
        for (DesiredService s : services) byName.put(s.name(), s);
        return new DesiredState(BusyboxStack.PROJECT, byName, List.of(BusyboxStack.network()), List.of());
    }

    /** db ← api ← web, each started after the one it depends on. */
    private static DesiredState threeTier(String apiHash) {
        Dependency started = new Dependency(Dependency.STARTED, true, false);
        return project(service("db", 1, "h-db", SLEEP, Map.of()),
                service("api", 1, apiHash, SLEEP, Map.of("db", started)),
                service("web", 1, "h-web", SLEEP, Map.of("api", started)));
    }

    private Plan plan(DesiredState desired, UpOptions options) throws IOException, PlanException {
        return UpPlanner.plan(desired, StateObserver.observe(stack.stack, BusyboxStack.PROJECT, false), options);
    }

    private void run(Plan plan) throws PlanFailedException {
        new PlanExecutor(stack.stack, events::add, ExecutorOptions.defaults().withWaitTimeout(Duration.ofSeconds(60))).run(plan);
    }

    private int indexOf(String line) {
        for (int i = 0; i < events.size(); i++) if (events.get(i).line().equals(line)) return i;
        throw new AssertionError("no event \"" + line + "\" in " + events);
    }

    @Test
    void upStartsInDependencyOrderAndASecondUpDoesNothing() throws Exception {
        run(plan(threeTier("h-api"), UP));

        assertTrue(indexOf("Network proj_default  Created") < indexOf("Container proj-db-1  Creating"));
        assertTrue(indexOf("Container proj-db-1  Started") < indexOf("Container proj-api-1  Starting"), events::toString);
        assertTrue(indexOf("Container proj-api-1  Started") < indexOf("Container proj-web-1  Starting"), events::toString);
        for (String name : List.of("proj-db-1", "proj-api-1", "proj-web-1")) {
            Container c = stack.container(name);
            assertEquals("running", c.state().status(), name);
            assertTrue(c.networks().containsKey(BusyboxStack.NETWORK), name + " is on the project's network");
        }
        assertEquals(BusyboxStack.PROJECT, stack.engine.networks().get(BusyboxStack.NETWORK).labels().get(ComposeLabels.PROJECT));

        Plan again = plan(threeTier("h-api"), UP);
        assertEquals(List.of(), again.steps(), again::toString);
        events.clear();
        run(again);
        assertEquals(List.of("Container proj-api-1  Running", "Container proj-db-1  Running", "Container proj-web-1  Running"),
                events.stream().map(ProgressEvent::line).sorted().toList(), "nothing but compose's Running lines");
    }

    @Test
    void changedHashRecreatesExactlyThatContainer() throws Exception {
        run(plan(threeTier("h-api"), UP));
        Map<String, String> before = ids();

        Plan plan = plan(threeTier("h-api-2"), UP);
        assertEquals(List.of("Container proj-api-1"), plan.containerSteps().stream()
                .filter(s -> s.action() instanceof Action.RecreateContainer).map(s -> s.action().resource()).toList());
        run(plan);

        Map<String, String> after = ids();
        assertEquals(before.get("proj-db-1"), after.get("proj-db-1"));
        assertEquals(before.get("proj-web-1"), after.get("proj-web-1"));
        assertNotEquals(before.get("proj-api-1"), after.get("proj-api-1"), "api is a new container");
        Container api = stack.container("proj-api-1");
        assertEquals("h-api-2", api.config().labels().get(ComposeLabels.CONFIG_HASH));
        assertEquals("running", api.state().status());
        assertTrue(events.stream().anyMatch(e -> e.line().equals("Container proj-api-1  Recreated")), events::toString);
        assertEquals(List.of("proj-api-1", "proj-db-1", "proj-web-1"), stack.containerNames(), "the old api is gone");
    }

    private Map<String, String> ids() throws IOException {
        Map<String, String> ids = new LinkedHashMap<>();
        for (Container c : stack.engine.list(true, List.of())) ids.put(c.name(), c.id());
        return ids;
    }

    @Test
    void scaleThreeToOneRemovesThreeAndTwo() throws Exception {
        run(plan(project(service("api", 3, "h", SLEEP, Map.of())), UP));
        assertEquals(List.of("proj-api-1", "proj-api-2", "proj-api-3"), stack.containerNames());
        String first = stack.container("proj-api-1").id();

        run(plan(project(service("api", 1, "h", SLEEP, Map.of())), UP));

        assertEquals(List.of("proj-api-1"), stack.containerNames());
        assertEquals(first, stack.container("proj-api-1").id(), "the lowest number is kept as it was");
    }

    @Test
    void failedCompletedDependencyStopsThePlanNamingTheServiceAndTheNextUpConverges() throws Exception {
        Dependency completed = new Dependency(Dependency.COMPLETED, true, false);
        DesiredState failing = project(service("init", 1, "h1", "exit 3", Map.of()),
                service("app", 1, "h", SLEEP, Map.of("init", completed)));

        var e = assertThrows(PlanFailedException.class, () -> run(plan(failing, UP)));

        assertEquals("service \"init\" didn't complete successfully: exit 3", e.getMessage());
        assertEquals("init", e.service());
        assertTrue(events.stream().noneMatch(x -> x.line().equals("Container proj-app-1  Starting")), "app is never started: " + events);
        assertEquals("exited", stack.container("proj-init-1").state().status());

        DesiredState fixed = project(service("init", 1, "h2", "exit 0", Map.of()),
                service("app", 1, "h", SLEEP, Map.of("init", completed)));
        run(plan(fixed, UP));
        assertEquals("running", stack.container("proj-app-1").state().status(), "what the failed up left is taken up again");
        assertEquals(0, stack.container("proj-init-1").state().exitCode());
    }

    @Test
    void serviceHealthyOnAContainerWithoutHealthcheckIsComposesError() throws Exception {
        DesiredState desired = project(service("db", 1, "h", SLEEP, Map.of()),
                service("api", 1, "h", SLEEP, Map.of("db", new Dependency(Dependency.HEALTHY, true, false))));

        var e = assertThrows(PlanFailedException.class, () -> run(plan(desired, UP)));

        assertEquals("dependency failed to start: container proj-db-1 has no healthcheck configured", e.getMessage());
        assertEquals("db", e.service());
        assertEquals("created", stack.container("proj-api-1").state().status());
    }

    @Test
    void optionalDependencyThatFailsIsAWarning() throws Exception {
        DesiredState desired = project(service("init", 1, "h", "exit 1", Map.of()),
                service("app", 1, "h", SLEEP, Map.of("init", new Dependency(Dependency.COMPLETED, false, false))));

        run(plan(desired, UP));

        assertEquals("running", stack.container("proj-app-1").state().status());
        assertTrue(events.stream().anyMatch(x -> x.status() == ProgressEvent.Status.WARNING && x.resource().equals("Container proj-init-1")),
                events::toString);
    }

    @Test
    void downLeavesNothing() throws Exception {
        run(plan(threeTier("h-api"), UP));
        run(plan(project(service("api", 2, "h", SLEEP, Map.of())), UP.withServices(List.of())));
        events.clear();

        Plan down = DownPlanner.plan(threeTier("h-api"), StateObserver.observe(stack.stack, BusyboxStack.PROJECT, false),
                new DownOptions(false, true, 0));
        run(down);

        assertEquals(List.of(), stack.containerNames());
        assertTrue(stack.engine.networks().list(n -> n.name().equals(BusyboxStack.NETWORK)).isEmpty(), "the project network is gone");
        assertTrue(events.stream().anyMatch(e -> e.line().equals("Network proj_default  Removed")), events::toString);
        assertTrue(indexOf("Container proj-web-1  Removed") < indexOf("Container proj-api-1  Stopping"), "reverse dependency order");
        assertEquals(List.of("bridge"), stack.engine.networks().list(n -> true).stream().map(n -> n.name()).toList(),
                "only the engine's default network stays (made with the first network, as docker0)");
        String defaultBridge = stack.engine.networks().get("bridge").bridge();
        stack.closeEngine();
        // the engine's own objects stay with it (its default bridge, its nftables table, its netns directory): no container's
        List<String> left = HostLeftovers.of(stack.roots, dir).stream()
                .filter(l -> !l.equals("link " + defaultBridge) && !l.startsWith("nftables table ip ")
                        && !(l.startsWith("mount ") && l.contains(stack.roots.run().resolve("netns") + " ")))
                .toList();
        assertEquals(List.of(), left, "down took everything of the project off the host");
    }
}
