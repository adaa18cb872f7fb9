package dev.berth.planner.execute;

import static dev.berth.planner.execute.BusyboxStack.service;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.berth.engine.EngineRoots;
import dev.berth.engine.HostLeftovers;
import dev.berth.engine.api.EngineClient;
import dev.berth.engine.container.Container;
import dev.berth.engine.daemon.Berthd;
import dev.berth.engine.network.NetworkService;
import dev.berth.planner.DownOptions;
import dev.berth.planner.DownPlanner;
import dev.berth.planner.UpOptions;
import dev.berth.planner.UpPlanner;
import dev.berth.planner.desired.DesiredService;
import dev.berth.planner.desired.DesiredService.Dependency;
import dev.berth.planner.desired.DesiredState;
import dev.berth.planner.engine.StackEngine;
import dev.berth.planner.observed.StateObserver;
import dev.berth.planner.plan.Plan;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The planner as the CLI uses it: berthd's HTTP API on its unix socket ({@link StackEngine#of(EngineClient)}). */
class ThroughBerthdTest {

    @TempDir
    Path dir;

    @Test
    void upAgainAndDownThroughTheDaemon() throws Exception {
        EngineRoots roots = BusyboxStack.rootsWithBusybox(dir);
        Berthd daemon = Berthd.start(roots, "test");
        try {
            EngineClient client = new EngineClient(daemon.socket());
            StackEngine engine = StackEngine.of(client);
            Map<String, DesiredService> services = new LinkedHashMap<>();
            services.put("db", service("db", 1, "h", "sleep 300", Map.of()));
            services.put("api", service("api", 2, "h", "sleep 300", Map.of("db", new Dependency(Dependency.STARTED, true, false))));
            DesiredState desired = new DesiredState(BusyboxStack.PROJECT, services, List.of(BusyboxStack.network()), List.of());
            PlanExecutor executor = new PlanExecutor(engine, ProgressListener.NONE);

            executor.run(UpPlanner.plan(desired, StateObserver.observe(engine, BusyboxStack.PROJECT, false), UpOptions.defaults()));
            assertEquals(List.of("proj-api-1", "proj-api-2", "proj-db-1"),
                    client.list(false, List.of()).stream().map(Container::name).sorted().toList(), "all three run");

            Plan again = UpPlanner.plan(desired, StateObserver.observe(engine, BusyboxStack.PROJECT, false), UpOptions.defaults());
            assertTrue(again.isEmpty(), again::toString);

            executor.run(DownPlanner.plan(desired, StateObserver.observe(engine, BusyboxStack.PROJECT, false), new DownOptions(false, false, 0)));
            assertEquals(List.of(), client.list(true, List.of()));
            assertTrue(client.networks(List.of()).stream().noneMatch(n -> n.name().equals(BusyboxStack.NETWORK)));
        } finally {
            for (Container c : daemon.engine().list(true, List.of())) daemon.engine().remove(c.id(), true);
            daemon.close();
            NetworkService.removeAll(roots);
        }
        assertEquals(List.of(), HostLeftovers.of(roots, dir), "nothing of the test's engine left on the host");
    }
}
