package dev.berth.planner.desired;

import dev.berth.planner.engine.ComposeLabels;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.berth.compose.loader.LoadOptions;
import dev.berth.compose.loader.ProjectLoader;
import dev.berth.compose.model.Project;
import dev.berth.engine.api.CreateRequest;
import dev.berth.engine.container.NetworkEndpointConfig;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** samples/quickstart/compose.yaml, the sample `berth up` runs: db (healthy) before api before web, one network. */
class QuickstartDesiredStateTest {

    private static final Path SAMPLE = Path.of("..", "samples", "quickstart").toAbsolutePath().normalize();

    private final Project project = ProjectLoader.load(LoadOptions.defaults(SAMPLE, Map.of()).withFiles("compose.yaml"));
    private final DesiredState state = DesiredStates.from(project, DesiredOptions.defaults("0.1.0"));

    @Test
    void servicesInDependencyOrderWithTheirConditions() {
        assertEquals("quickstart", state.project());
        assertEquals(List.of("db", "api", "web"), List.copyOf(state.services().keySet()));
        DesiredService api = state.services().get("api");
        assertEquals(Map.of("db", new DesiredService.Dependency(DesiredService.Dependency.HEALTHY, true, false)), api.dependsOn());
        assertEquals(Map.of("api", new DesiredService.Dependency(DesiredService.Dependency.STARTED, true, false)),
                state.services().get("web").dependsOn());
        assertTrue(state.services().get("db").dependsOn().isEmpty());
        assertEquals(1, api.replicas());
        assertEquals("busybox:latest", api.image());
        assertEquals(List.of("backend"), api.networks());
        assertEquals(List.of(), state.warnings());
    }

    @Test
    void containerRequestHasComposeNameLabelsAndEndpoints() {
        CreateRequest web = state.services().get("web").containerRequest().apply(1);
        assertEquals("quickstart-web-1", web.name());
        assertEquals("busybox:latest", web.image());
        assertNull(web.entrypoint());
        assertEquals("sh", web.cmd().getFirst());
        Map<String, String> labels = web.labels();
        assertEquals("quickstart", labels.get(ComposeLabels.PROJECT));
        assertEquals("web", labels.get(ComposeLabels.SERVICE));
        assertEquals("1", labels.get(ComposeLabels.CONTAINER_NUMBER));
        assertEquals("False", labels.get(ComposeLabels.ONEOFF));
        assertEquals("0.1.0", labels.get(ComposeLabels.VERSION));
        assertEquals(SAMPLE.toString(), labels.get(ComposeLabels.WORKING_DIR));
        assertEquals(SAMPLE.resolve("compose.yaml").toString(), labels.get(ComposeLabels.CONFIG_FILES));
        assertEquals(state.services().get("web").configHash(), labels.get(ComposeLabels.CONFIG_HASH));
        assertTrue(labels.get(ComposeLabels.CONFIG_HASH).matches("[0-9a-f]{64}"));
        assertEquals("api:service_started:false", labels.get(ComposeLabels.DEPENDS_ON));
        assertEquals("db:service_healthy:false",
                state.services().get("api").containerRequest().apply(1).labels().get(ComposeLabels.DEPENDS_ON));

        assertEquals("quickstart_backend", web.hostConfig().networkMode());
        assertEquals(Map.of("quickstart_backend", new NetworkEndpointConfig(List.of("quickstart-web-1", "web"), "")), web.endpoints());
    }

    @Test
    void healthcheckInNanoseconds() {
        var hc = state.services().get("db").containerRequest().apply(1).healthcheck();
        assertEquals(List.of("CMD", "wget", "-q", "-O", "/dev/null", "http://127.0.0.1:5432/"), hc.test());
        assertEquals(2_000_000_000L, hc.interval());
        assertEquals(2_000_000_000L, hc.timeout());
        assertEquals(10_000_000_000L, hc.startPeriod());
        assertEquals(200_000_000L, hc.startInterval());
        assertEquals(10, hc.retries());
        assertNull(state.services().get("api").containerRequest().apply(1).healthcheck(), "none: the image's");
    }

    @Test
    void theNetworkWithComposeLabels() {
        assertEquals(1, state.networks().size());
        DesiredNetwork n = state.networks().getFirst();
        assertEquals("backend", n.key());
        assertEquals("quickstart_backend", n.name());
        assertEquals("bridge", n.driver());
        assertEquals("backend", n.labels().get(ComposeLabels.NETWORK));
        assertEquals("quickstart", n.labels().get(ComposeLabels.PROJECT));
        assertTrue(state.volumes().isEmpty());
        assertTrue(Files.isRegularFile(SAMPLE.resolve("compose.yaml")));
    }
}
