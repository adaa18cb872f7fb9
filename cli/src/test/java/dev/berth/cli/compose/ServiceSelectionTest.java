package dev.berth.cli.compose;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.berth.compose.model.Project;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The service scopes and orders of the lifecycle commands, on a project tree: web → api → db, worker → db (restart: true). */
class ServiceSelectionTest {

    private static Map<String, Object> dependsOn(String service, String condition, boolean restart) {
        return Map.of(service, Map.of("condition", condition, "required", true, "restart", restart));
    }

    private final ServiceSelection selection;

    ServiceSelectionTest() {
        Map<String, Object> services = new LinkedHashMap<>();
        services.put("web", Map.of("image", "busybox", "depends_on", dependsOn("api", "service_started", false)));
        services.put("api", Map.of("image", "busybox", "depends_on", dependsOn("db", "service_healthy", false)));
        services.put("worker", Map.of("image", "busybox", "scale", 0, "depends_on", dependsOn("db", "service_started", true)));
        services.put("db", Map.of("image", "busybox"));
        selection = new ServiceSelection(new Project("p", Path.of("/"), List.of(), Map.of(),
                Map.of("name", "p", "services", services), Map.of()));
    }

    @Test
    void namedServicesExistAndBringTheirDependencies() {
        var e = assertThrows(IllegalArgumentException.class, () -> selection.check(List.of("web", "nosuch")));
        assertEquals("no such service: nosuch", e.getMessage());
        assertEquals(Set.of("web", "api", "db"), selection.withDependencies(List.of("web")));
        assertEquals(Set.of("web", "api", "worker", "db"), selection.withDependencies(List.of()));
        assertEquals(List.of("db", "api", "web"), selection.upOrder(selection.withDependencies(List.of("web"))));
    }

    @Test
    void levelsPutIndependentServicesTogetherAfterWhatTheyDependOn() {
        List<List<String>> levels = selection.upLevels(selection.orAll(List.of()));
        assertEquals(List.of("db"), levels.getFirst());
        assertEquals(Set.of("api", "worker"), Set.copyOf(levels.get(1)));
        assertEquals(List.of("web"), levels.get(2));
    }

    @Test
    void restartTakesTheDependentsThatAskForIt() {
        assertEquals(Set.of("db", "worker"), selection.withRestartingDependents(Set.of("db")));
        assertEquals(Set.of("api"), selection.withRestartingDependents(Set.of("api")));
    }

    @Test
    void dependsOnSettingsAndReplicas() {
        var api = selection.dependencies("api").getFirst();
        assertEquals(new ServiceSelection.Dependency("db", "service_healthy", true, false), api);
        assertEquals(0, selection.replicas("worker"));
        assertEquals(1, selection.replicas("web"));
    }
}
