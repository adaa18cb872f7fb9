package dev.berth.planner.execute;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.berth.engine.container.Container;
import dev.berth.engine.container.ContainerConfig;
import dev.berth.engine.container.ContainerState;
import dev.berth.engine.container.Health;
import dev.berth.engine.container.Healthcheck;
import dev.berth.engine.container.HostConfig;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** compose's reading of inspect for depends_on conditions. */
class ConditionsTest {

    private static Container container(String status, int exitCode, Healthcheck check, Health health) {
        ContainerConfig config = new ContainerConfig("busybox", List.of(), List.of("sh"), List.of(), "", "", "", "", Map.of(),
                false, false, false, null, null, check, List.of());
        ContainerState state = new ContainerState(status, 0, exitCode, false, "", null, null, false, health);
        return new Container("0123456789abcdef", "proj-db-1", Instant.EPOCH, "sha256:x", config, HostConfig.defaults(), state, 0,
                Map.of(), List.of(), List.of());
    }

    private static final Healthcheck CHECK = new Healthcheck(List.of("CMD", "true"), 0, 0, 0, 0, 0);

    @Test
    void healthy() {
        assertEquals(Conditions.Verdict.MET, Conditions.healthy(container("running", 0, CHECK, new Health(Health.HEALTHY, 0, List.of()))));
        assertEquals(Conditions.Verdict.WAITING, Conditions.healthy(container("running", 0, CHECK, Health.starting())));
        assertEquals(Conditions.Verdict.WAITING, Conditions.healthy(container("running", 0, CHECK, null)),
                "a check not yet reported is starting");
        assertEquals(Conditions.Verdict.failed("container proj-db-1 is unhealthy"),
                Conditions.healthy(container("running", 0, CHECK, new Health(Health.UNHEALTHY, 3, List.of()))));
        assertEquals(Conditions.Verdict.failed("container proj-db-1 has no healthcheck configured"),
                Conditions.healthy(container("running", 0, null, null)));
        assertEquals(Conditions.Verdict.failed("container proj-db-1 has no healthcheck configured"),
                Conditions.healthy(container("running", 0, new Healthcheck(List.of("NONE"), 0, 0, 0, 0, 0), null)));
        assertEquals(Conditions.Verdict.failed("container proj-db-1 exited (2)"), Conditions.healthy(container("exited", 2, CHECK, null)));
    }

    @Test
    void completedSuccessfully() {
        assertEquals(Conditions.Verdict.WAITING, Conditions.completed(container("running", 0, null, null)));
        assertEquals(Conditions.Verdict.WAITING, Conditions.completed(container("restarting", 1, null, null)));
        assertEquals(Conditions.Verdict.MET, Conditions.completed(container("exited", 0, null, null)));
        assertEquals(Conditions.Verdict.failed("exit 3"), Conditions.completed(container("exited", 3, null, null)));
    }
}
