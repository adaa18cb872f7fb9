package dev.berth.planner.desired;

import dev.berth.planner.engine.ComposeLabels;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.berth.compose.model.Project;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** How many containers, which services, in what order. */
class ReplicasAndOrderTest {

    private static final String CHAIN = """
            name: chain
            services:
              web:
                image: busybox
                depends_on:
                  api: {condition: service_started, restart: true}
              api:
                image: busybox
                deploy: {replicas: 2}
                depends_on:
                  db: {condition: service_healthy}
                  cache: {condition: service_completed_successfully, required: false}
              db:
                image: busybox
                scale: 3
              cache:
                image: busybox
              lonely:
                image: busybox
            """;

    @TempDir
    Path dir;

    @Test
    void dependenciesFirst() {
        DesiredState s = Projects.desired(dir, CHAIN);
        List<String> order = List.copyOf(s.services().keySet());
        assertTrue(order.indexOf("db") < order.indexOf("api"));
        assertTrue(order.indexOf("cache") < order.indexOf("api"));
        assertTrue(order.indexOf("api") < order.indexOf("web"));
        assertEquals(5, order.size());
        DesiredService api = s.services().get("api");
        assertEquals(Map.of("db", new DesiredService.Dependency("service_healthy", true, false),
                "cache", new DesiredService.Dependency("service_completed_successfully", false, false)), api.dependsOn());
        assertEquals("cache:service_completed_successfully:false,db:service_healthy:false",
                api.containerRequest().apply(1).labels().get(ComposeLabels.DEPENDS_ON));
        assertEquals(new DesiredService.Dependency("service_started", true, true), s.services().get("web").dependsOn().get("api"));
    }

    @Test
    void replicasFromScaleDeployAndTheCommandLine() {
        Project p = Projects.load(dir, CHAIN);
        DesiredState s = DesiredStates.from(p, DesiredOptions.defaults("1"));
        assertEquals(2, s.services().get("api").replicas());
        assertEquals(3, s.services().get("db").replicas());
        assertEquals(1, s.services().get("web").replicas());
        DesiredState scaled = DesiredStates.from(p, DesiredOptions.defaults("1").withScale(Map.of("api", 5, "db", 0)));
        assertEquals(5, scaled.services().get("api").replicas());
        assertEquals(0, scaled.services().get("db").replicas());
        assertEquals("chain-api-5", scaled.services().get("api").containerRequest().apply(5).name());
    }

    @Test
    void selectedServicesWithTheirDependencies() {
        Project p = Projects.load(dir, CHAIN);
        DesiredState s = DesiredStates.from(p, DesiredOptions.defaults("1").withServices(List.of("api"), false));
        assertEquals(List.of("cache", "db", "api"), List.copyOf(s.services().keySet()));
        DesiredState alone = DesiredStates.from(p, DesiredOptions.defaults("1").withServices(List.of("api"), true));
        assertEquals(List.of("api"), List.copyOf(alone.services().keySet()));
        assertEquals(Map.of(), alone.services().get("api").dependsOn(), "--no-deps: nothing to wait for");
        assertEquals("cache:service_completed_successfully:false,db:service_healthy:false",
                alone.services().get("api").containerRequest().apply(1).labels().get(ComposeLabels.DEPENDS_ON),
                "the label still says what the file says");
    }

    @Test
    void unknownServicesOnTheCommandLine() {
        Project p = Projects.load(dir, CHAIN);
        var e = assertThrows(DesiredStateException.class,
                () -> DesiredStates.from(p, DesiredOptions.defaults("1").withScale(Map.of("nope", 2))));
        assertTrue(e.getMessage().contains("no such service: nope"), e.getMessage());
        var e2 = assertThrows(DesiredStateException.class,
                () -> DesiredStates.from(p, DesiredOptions.defaults("1").withServices(List.of("ghost"), false)));
        assertTrue(e2.getMessage().contains("no such service: ghost"), e2.getMessage());
    }

    @Test
    void containerNameCannotBeScaled() {
        Project p = Projects.load(dir, """
                services:
                  web: {image: busybox, container_name: fixed}
                """);
        assertEquals(1, DesiredStates.from(p, DesiredOptions.defaults("1")).services().get("web").replicas());
        var e = assertThrows(DesiredStateException.class,
                () -> DesiredStates.from(p, DesiredOptions.defaults("1").withScale(Map.of("web", 2))));
        assertTrue(e.getMessage().startsWith("services.web.container_name: the service is using the custom container name \"fixed\""),
                e.getMessage());
    }

    @Test
    void imageLabelAndEnvironmentFileFromTheOptions() {
        Project p = Projects.load(dir, CHAIN);
        DesiredState s = DesiredStates.from(p, DesiredOptions.defaults("1").withImageIds(Map.of("web", "sha256:abc"))
                .withEnvFiles(List.of("/x/.env")));
        var labels = s.services().get("web").containerRequest().apply(1).labels();
        assertEquals("sha256:abc", labels.get(ComposeLabels.IMAGE));
        assertEquals("/x/.env", labels.get(ComposeLabels.ENVIRONMENT_FILE));
        assertTrue(!s.services().get("db").containerRequest().apply(1).labels().containsKey(ComposeLabels.IMAGE));
    }
}
