package dev.berth.planner;

import static dev.berth.planner.Stacks.*;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.berth.planner.desired.DesiredNetwork;
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
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class DownPlannerTest {

    private static final Map<String, String> OURS = Map.of(ComposeLabels.PROJECT, PROJECT);

    @Test
    void containersGoInReverseDependencyOrderThenTheNetwork() throws PlanException {
        ObservedState observed = new ObservedState(PROJECT, List.of(container("db", 1, "h", "running"),
                container("api", 1, "h", "running"), container("api", 2, "h", "exited"), container("web", 1, "h", "running")),
                List.of(), List.of(new ObservedNetwork("n", "proj_default", OURS), new ObservedNetwork("o", "other_default", Map.of())),
                List.of());

        Plan plan = DownPlanner.plan(threeTier("h"), observed, new DownOptions(false, false, 0));

        Step removeWeb = step(plan, Action.RemoveContainer.class, "Container proj-web-1");
        Step stopApi = step(plan, Action.StopContainer.class, "Container proj-api-1");
        Step removeApi2 = step(plan, Action.RemoveContainer.class, "Container proj-api-2");
        Step stopDb = step(plan, Action.StopContainer.class, "Container proj-db-1");
        assertTrue(stopApi.after().contains(removeWeb.id()), "api stops once web is gone");
        assertTrue(removeApi2.after().contains(removeWeb.id()), "a stopped container is removed in the same order");
        assertTrue(runsAfter(plan, stopDb, stopApi) && runsAfter(plan, stopDb, removeApi2), "db last");
        assertEquals(0, ((Action.StopContainer) stopDb.action()).timeout(), "-t 0");
        Step network = step(plan, Action.RemoveNetwork.class, "Network proj_default");
        assertEquals(4, network.after().size(), "the network goes once every container is removed");
        assertTrue(steps(plan, Action.RemoveNetwork.class).size() == 1, "another project's network stays");
        assertEquals(1, steps(plan, Action.StopContainer.class).stream().filter(s -> s.action().resource().contains("api")).count(),
                "an exited container is not stopped");
    }

    @Test
    void withoutProjectFilesTheLabelsGiveTheOrder() throws PlanException {
        ObservedContainer db = container("db", 1, "h", "running");
        ObservedContainer api = new ObservedContainer("id-api", "proj-api-1", "api", 1, "h", "running", false, Instant.EPOCH,
                Map.of(ComposeLabels.DEPENDS_ON, "db:service_healthy:false"), List.of());

        Plan plan = DownPlanner.plan(null, new ObservedState(PROJECT, List.of(db, api), List.of(), List.of(), List.of()),
                DownOptions.defaults());

        assertTrue(runsAfter(plan, step(plan, Action.StopContainer.class, "Container proj-db-1"),
                step(plan, Action.RemoveContainer.class, "Container proj-api-1")), plan::toString);
    }

    @Test
    void volumesOnlyWithDashVNamedAndAnonymousButNeverExternal() throws PlanException {
        ObservedContainer withAnonymous = new ObservedContainer("id-db", "proj-db-1", "db", 1, "h", "exited", false, Instant.EPOCH,
                Map.of(), List.of("3f2a"));
        ObservedState observed = new ObservedState(PROJECT, List.of(withAnonymous), List.of(),
                List.of(new ObservedNetwork("n", "shared", OURS)),
                List.of(new ObservedVolume("proj_data", OURS), new ObservedVolume("backups", OURS), new ObservedVolume("3f2a", Map.of()),
                        new ObservedVolume("elses", Map.of(ComposeLabels.PROJECT, "else"))));
        var desired = desired(List.of(service("db", "h")),
                List.of(new DesiredNetwork("shared", "shared", true, null, false, Map.of(), null, null, null)),
                List.of(new DesiredVolume("data", "proj_data", false, Map.of(), Map.of()),
                        new DesiredVolume("backups", "backups", true, Map.of(), Map.of())));

        assertEquals(List.of("remove Container proj-db-1"), summary(DownPlanner.plan(desired, observed, DownOptions.defaults())),
                "no volume without -v; the external network stays");

        Plan plan = DownPlanner.plan(desired, observed, new DownOptions(true, false, null));
        assertEquals(List.of("remove Container proj-db-1", "remove Volume proj_data", "remove Volume 3f2a"), summary(plan));
        assertEquals(List.of(1), step(plan, Action.RemoveVolume.class, "Volume 3f2a").after());
    }

    @Test
    void orphansAndOneOffsOnlyWithRemoveOrphans() throws PlanException {
        ObservedContainer run = new ObservedContainer("id-run", "proj-web-run-1", "web", 0, "", "exited", true, Instant.EPOCH,
                Map.of(), List.of());
        ObservedState observed = new ObservedState(PROJECT, List.of(container("web", 1, "h", "exited"),
                container("old", 1, "h", "exited")), List.of(run), List.of(), List.of());

        Plan kept = DownPlanner.plan(desired(service("web", "h")), observed, DownOptions.defaults());
        assertEquals(List.of("remove Container proj-web-1"), summary(kept));
        assertEquals(List.of("proj-old-1"), kept.orphans());

        Plan all = DownPlanner.plan(desired(service("web", "h")), observed, new DownOptions(false, true, null));
        assertEquals(List.of("proj-old-1", "proj-web-1", "proj-web-run-1"), all.steps().stream()
                .map(s -> s.action().resource().substring("Container ".length())).sorted().toList());
    }

    @Test
    void nothingToRemoveIsAWarning() throws PlanException {
        Plan plan = DownPlanner.plan(null, ObservedState.empty(PROJECT), DownOptions.defaults());

        assertTrue(plan.isEmpty());
        assertEquals(List.of("No resource found to remove for project \"proj\"."), plan.warnings());
    }
}
