package dev.berth.planner;

import static dev.berth.planner.Stacks.*;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.berth.planner.desired.DesiredNetwork;
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
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The diff of desired and observed state, on hand-made states: no engine. */
class UpPlannerTest {

    private static Plan up(DesiredState desired, ObservedState observed) throws PlanException {
        return UpPlanner.plan(desired, observed, UpOptions.defaults());
    }

    @Test
    void freshStackIsCreatedAndStartedInDependencyOrder() throws PlanException {
        Plan plan = up(threeTier("h-api"), observed(List.of(), false));

        assertEquals(List.of("create Network proj_default",
                "create Container proj-db-1", "start Container proj-db-1",
                "create Container proj-api-1", "wait for service_healthy Service db", "start Container proj-api-1",
                "create Container proj-web-1", "start Container proj-web-1"), summary(plan));
        Step network = step(plan, Action.CreateNetwork.class, "Network proj_default");
        Step createDb = step(plan, Action.CreateContainer.class, "Container proj-db-1");
        Step createApi = step(plan, Action.CreateContainer.class, "Container proj-api-1");
        Step startDb = step(plan, Action.StartContainer.class, "Container proj-db-1");
        Step waitDb = step(plan, Action.WaitFor.class, "Service db");
        Step startApi = step(plan, Action.StartContainer.class, "Container proj-api-1");
        Step startWeb = step(plan, Action.StartContainer.class, "Container proj-web-1");
        assertEquals(List.of(network.id()), createDb.after(), "containers are created once their network is");
        assertTrue(runsAfter(plan, createApi, createDb), "created in dependency order, as compose");
        assertEquals(List.of(startDb.id()), waitDb.after(), "the wait for db's health begins when db has started");
        assertTrue(startApi.after().contains(waitDb.id()), "api starts once db is healthy");
        assertTrue(startWeb.after().contains(startApi.id()), "service_started: web starts once api has started");
        assertFalse(runsAfter(plan, startWeb, waitDb) && startWeb.after().contains(waitDb.id()), "web does not wait for db itself");
        assertEquals(List.of("api"), ((Action.WaitFor) waitDb.action()).dependents());

        var network1 = (Action.CreateNetwork) network.action();
        assertEquals(PROJECT, network1.labels().get(ComposeLabels.PROJECT), "compose's project label on the network");
        assertEquals("default", network1.labels().get(ComposeLabels.NETWORK));
        var create = (Action.CreateContainer) createApi.action();
        assertEquals(1, create.number());
        assertEquals("proj-api-1", create.request().name());
    }

    @Test
    void unchangedRunningStackHasNoContainerAction() throws PlanException {
        Plan plan = up(threeTier("h-api"), threeTierRunning("h-api"));

        assertEquals(List.of(), plan.containerSteps());
        assertTrue(plan.isEmpty(), plan::toString);
        assertEquals(List.of("proj-api-1", "proj-db-1", "proj-web-1"), plan.running().stream().sorted().toList());
    }

    @Test
    void changedConfigHashRecreatesExactlyThatContainer() throws PlanException {
        Plan plan = up(threeTier("h-api-2"), threeTierRunning("h-api"));

        assertEquals(List.of("recreate Container proj-api-1", "wait for service_healthy Service db", "start Container proj-api-1"),
                summary(plan));
        Step recreate = step(plan, Action.RecreateContainer.class, "Container proj-api-1");
        assertEquals("id-proj-api-1", ((Action.RecreateContainer) recreate.action()).oldId());
        assertEquals("configuration changed", recreate.reason());
        assertTrue(plan.running().containsAll(List.of("proj-db-1", "proj-web-1")));
    }

    @Test
    void restartTrueDependentsAreStoppedBeforeAndRecreatedAfterTheirDependency() throws PlanException {
        DesiredState desired = desired(service("db", "h-db-2"),
                service("api", 1, "h-api", Map.of("db", new Dependency(Dependency.STARTED, true, true))),
                service("web", 1, "h-web", Map.of("api", new Dependency(Dependency.STARTED, true, true))),
                service("worker", 1, "h-worker", Map.of("db", new Dependency(Dependency.STARTED, true, false))));
        ObservedState observed = observed(container("db", 1, "h-db", "running"), container("api", 1, "h-api", "running"),
                container("web", 1, "h-web", "running"), container("worker", 1, "h-worker", "running"));

        Plan plan = up(desired, observed);

        Step recreateDb = step(plan, Action.RecreateContainer.class, "Container proj-db-1");
        Step stopApi = step(plan, Action.StopContainer.class, "Container proj-api-1");
        Step recreateApi = step(plan, Action.RecreateContainer.class, "Container proj-api-1");
        Step recreateWeb = step(plan, Action.RecreateContainer.class, "Container proj-web-1");
        assertTrue(recreateDb.after().contains(stopApi.id()), "api stops before db is recreated");
        assertTrue(runsAfter(plan, recreateApi, recreateDb), "api recreated after db");
        assertTrue(runsAfter(plan, recreateWeb, recreateApi), "restart: true carries on to web");
        assertTrue(steps(plan, Action.RecreateContainer.class).stream().noneMatch(s -> s.action().resource().contains("worker")),
                "restart: false: worker is left alone");
        assertTrue(plan.running().contains("proj-worker-1"));
    }

    @Test
    void stoppedUnchangedContainerIsStarted() throws PlanException {
        Plan plan = up(desired(service("web", "h")), observed(container("web", 1, "h", "exited")));

        assertEquals(List.of("start Container proj-web-1"), summary(plan));
    }

    @Test
    void scaleDownRemovesTheHighestNumbers() throws PlanException {
        Plan plan = up(desired(service("api", 1, "h", Map.of())), observed(container("api", 1, "h", "running"),
                container("api", 2, "h", "running"), container("api", 3, "h", "exited")));

        assertEquals(List.of("stop Container proj-api-2", "remove Container proj-api-2", "remove Container proj-api-3"), summary(plan));
        Step remove2 = step(plan, Action.RemoveContainer.class, "Container proj-api-2");
        assertEquals(List.of(step(plan, Action.StopContainer.class, "Container proj-api-2").id()), remove2.after());
        assertEquals(List.of("proj-api-1"), plan.running());
    }

    @Test
    void scaleDownRemovesObsoleteContainersFirst() throws PlanException {
        Plan plan = up(desired(service("api", 1, "h2", Map.of())),
                observed(container("api", 1, "h1", "running"), container("api", 2, "h2", "running")));

        assertEquals(List.of("stop Container proj-api-1", "remove Container proj-api-1"), summary(plan));
    }

    @Test
    void scaleUpFillsTheMissingNumbers() throws PlanException {
        Plan plan = up(desired(service("api", 4, "h", Map.of())),
                observed(container("api", 1, "h", "running"), container("api", 3, "h", "running")));

        assertEquals(List.of("create Container proj-api-2", "create Container proj-api-4",
                "start Container proj-api-2", "start Container proj-api-4"), summary(plan));
        assertEquals(4, ((Action.CreateContainer) step(plan, Action.CreateContainer.class, "Container proj-api-4").action()).number());
    }

    @Test
    void forceRecreateRecreatesTheAskedForServicesOnly() throws PlanException {
        Plan all = UpPlanner.plan(threeTier("h-api"), threeTierRunning("h-api"), UpOptions.defaults().withForceRecreate());
        assertEquals(3, steps(all, Action.RecreateContainer.class).size());

        Plan web = UpPlanner.plan(threeTier("h-api"), threeTierRunning("h-api"),
                UpOptions.defaults().withForceRecreate().withServices(List.of("web")));
        assertEquals(List.of("recreate Container proj-web-1", "start Container proj-web-1"), summary(web),
                "dependencies of the asked-for service are recreated only when changed");
    }

    @Test
    void noRecreateLeavesChangedContainersAlone() throws PlanException {
        Plan plan = UpPlanner.plan(threeTier("h-api-2"), threeTierRunning("h-api"), UpOptions.defaults().withNoRecreate());

        assertTrue(plan.isEmpty(), plan::toString);
    }

    @Test
    void forceAndNoRecreateTogetherAreRefused() {
        var e = assertThrows(PlanException.class, () -> UpPlanner.plan(threeTier("h"), threeTierRunning("h"),
                UpOptions.defaults().withForceRecreate().withNoRecreate()));
        assertEquals("--force-recreate and --no-recreate are incompatible", e.getMessage());
    }

    @Test
    void noStartCreatesWithoutStartingOrWaiting() throws PlanException {
        Plan plan = UpPlanner.plan(threeTier("h-api"), observed(List.of(), true), UpOptions.defaults().withNoStart());

        assertEquals(List.of("create Container proj-db-1", "create Container proj-api-1", "create Container proj-web-1"), summary(plan));
    }

    @Test
    void askedForServicesComeWithTheirDependenciesUnlessNoDeps() throws PlanException {
        Plan withDeps = UpPlanner.plan(threeTier("h-api"), observed(List.of(), true), UpOptions.defaults().withServices(List.of("api")));
        assertEquals(List.of("create Container proj-db-1", "start Container proj-db-1", "create Container proj-api-1",
                "wait for service_healthy Service db", "start Container proj-api-1"), summary(withDeps));

        Plan noDeps = UpPlanner.plan(threeTier("h-api"), observed(List.of(), true),
                UpOptions.defaults().withServices(List.of("api")).withNoDeps());
        assertEquals(List.of("create Container proj-api-1", "start Container proj-api-1"), summary(noDeps),
                "--no-deps: no dependency created, none waited for");

        var e = assertThrows(PlanException.class, () -> UpPlanner.plan(threeTier("h"), observed(List.of(), true),
                UpOptions.defaults().withServices(List.of("nope"))));
        assertEquals("no such service: nope", e.getMessage());
    }

    @Test
    void orphansAreReportedAndRemovedOnlyWhenAsked() throws PlanException {
        ObservedState observed = observed(container("web", 1, "h", "running"), container("old", 1, "h", "running"));
        DesiredState desired = desired(service("web", "h"));

        Plan kept = up(desired, observed);
        assertEquals(List.of("proj-old-1"), kept.orphans());
        assertTrue(kept.isEmpty());
        assertTrue(kept.warnings().getFirst().startsWith("Found orphan containers (proj-old-1) for this project."), kept.warnings()::toString);

        Plan removed = UpPlanner.plan(desired, observed, UpOptions.defaults().withRemoveOrphans().withTimeout(3));
        assertEquals(List.of("stop Container proj-old-1", "remove Container proj-old-1"), summary(removed));
        assertEquals(3, ((Action.StopContainer) removed.steps().getFirst().action()).timeout(), "-t reaches the stop");
    }

    @Test
    void oneOffContainersAreNeitherReplicasNorOrphans() throws PlanException {
        ObservedContainer run = new ObservedContainer("id-run", "proj-web-run-1", "web", 0, "h", "running", true, null, Map.of(), List.of());
        ObservedState observed = new ObservedState(PROJECT, List.of(container("web", 1, "h", "running")), List.of(run),
                List.of(new ObservedNetwork("n", "proj_default", Map.of())), List.of());

        Plan plan = up(desired(service("web", "h")), observed);

        assertTrue(plan.isEmpty(), plan::toString);
        assertEquals(List.of(), plan.orphans());
    }

    @Test
    void missingOptionalDependencyIsAWarningAndARequiredOneAnError() throws PlanException {
        Plan plan = up(desired(service("web", 1, "h", Map.of("cache", new Dependency(Dependency.HEALTHY, false, false)))),
                observed(List.of(), true));
        assertEquals(List.of("create Container proj-web-1", "start Container proj-web-1"), summary(plan));
        assertEquals(List.of("web is missing dependency cache"), plan.warnings());

        var e = assertThrows(PlanException.class, () -> up(desired(service("web", 1, "h", Map.of("cache", healthy()))),
                observed(List.of(), true)));
        assertTrue(e.getMessage().startsWith("service \"web\" depends on undefined service \"cache\""), e.getMessage());
    }

    @Test
    void completedSuccessfullyIsAWaitAndScaleZeroIsNotWaitedFor() throws PlanException {
        Dependency completed = new Dependency(Dependency.COMPLETED, true, false);
        Plan plan = up(desired(service("init", "h"), service("off", 0, "h", Map.of()),
                service("app", 1, "h", Map.of("init", completed, "off", healthy()))), observed(List.of(), true));

        Step wait = step(plan, Action.WaitFor.class, "Service init");
        assertEquals(Dependency.COMPLETED, ((Action.WaitFor) wait.action()).condition());
        assertTrue(step(plan, Action.StartContainer.class, "Container proj-app-1").after().contains(wait.id()));
        assertEquals(1, steps(plan, Action.WaitFor.class).size(), "a service scaled to 0 is not waited for: " + plan);
    }

    @Test
    void waitForARunningDependencyOnlyWhenTheDependentStarts() throws PlanException {
        // db runs unchanged, api is recreated: api still waits for db to be healthy, as compose does
        Plan plan = up(threeTier("h-api-2"), threeTierRunning("h-api"));
        Step wait = step(plan, Action.WaitFor.class, "Service db");
        assertEquals(List.of(), wait.after(), "db has nothing to do: the wait can begin at once");
    }

    @Test
    void dependencyCycleIsRefused() {
        var e = assertThrows(PlanException.class, () -> up(desired(service("a", 1, "h", Map.of("b", started())),
                service("b", 1, "h", Map.of("a", started()))), observed(List.of(), true)));
        assertTrue(e.getMessage().startsWith("dependency cycle between services: "), e.getMessage());
    }

    @Test
    void externalNetworksAndVolumesMustExistAndAreNeverCreated() throws PlanException {
        DesiredNetwork external = new DesiredNetwork("shared", "shared", true, null, false, Map.of(), null, null, null);
        DesiredVolume data = new DesiredVolume("data", "proj_data", false, Map.of(), Map.of());
        DesiredVolume backups = new DesiredVolume("backups", "backups", true, Map.of(), Map.of());
        DesiredState desired = desired(List.of(service("web", "h")), List.of(defaultNetwork(), external), List.of(data, backups));

        var missing = assertThrows(PlanException.class, () -> up(desired, observed(List.of(), false)));
        assertTrue(missing.getMessage().startsWith("network shared declared as external, but could not be found"), missing.getMessage());

        ObservedState present = new ObservedState(PROJECT, List.of(), List.of(), List.of(new ObservedNetwork("x", "shared", Map.of())),
                List.of(new ObservedVolume("backups", Map.of())));
        Plan plan = up(desired, present);
        assertEquals(List.of("create Network proj_default", "create Volume proj_data", "create Container proj-web-1",
                "start Container proj-web-1"), summary(plan));
        Step create = step(plan, Action.CreateContainer.class, "Container proj-web-1");
        assertEquals(List.of(1, 2), create.after(), "the container waits for its network and volume");
        assertEquals("data", ((Action.CreateVolume) plan.step(2).action()).labels().get(ComposeLabels.VOLUME));

        var noVolume = assertThrows(PlanException.class, () -> up(desired, new ObservedState(PROJECT, List.of(), List.of(),
                List.of(new ObservedNetwork("x", "shared", Map.of())), List.of())));
        assertTrue(noVolume.getMessage().startsWith("external volume \"backups\" not found"), noVolume.getMessage());
    }

    @Test
    void containersOfANetworkMadeAnewAreRecreated() throws PlanException {
        Plan plan = up(desired(service("web", "h")), observed(List.of(container("web", 1, "h", "exited")), false));

        assertEquals(List.of("create Network proj_default", "recreate Container proj-web-1", "start Container proj-web-1"), summary(plan));
        assertEquals("network proj_default not found", step(plan, Action.RecreateContainer.class, "Container proj-web-1").reason());
    }

    @Test
    void aWaitLooksAtTheDependencyOnceItsScaleDownIsDone() throws PlanException {
        DesiredState desired = desired(service("db", 1, "h", Map.of()), service("api", 1, "h2", Map.of("db", healthy())));
        ObservedState observed = observed(container("db", 1, "h", "running"), container("db", 2, "h", "running"),
                container("api", 1, "h", "running"));

        Plan plan = up(desired, observed);

        Step wait = step(plan, Action.WaitFor.class, "Service db");
        assertTrue(wait.after().contains(step(plan, Action.RemoveContainer.class, "Container proj-db-2").id()), plan::toString);
    }

    @Test
    void dryRunTextHasOneLinePerStepWithItsPredecessors() throws PlanException {
        String text = up(threeTier("h-api"), observed(List.of(), true)).toString();

        assertTrue(text.lines().anyMatch(l -> l.matches("#1 +Container proj-db-1 +create +not found")), text);
        assertTrue(text.lines().anyMatch(l -> l.matches("#4 +Service db +wait for service_healthy +after #2 +depends_on of api")), text);
        assertEquals(7, text.lines().count(), text);

        String nothing = up(threeTier("h-api"), threeTierRunning("h-api")).toString();
        assertTrue(nothing.startsWith("Nothing to do: project proj is up to date\n"), nothing);
        assertTrue(nothing.contains("Container proj-web-1  Running"), nothing);
    }
}
