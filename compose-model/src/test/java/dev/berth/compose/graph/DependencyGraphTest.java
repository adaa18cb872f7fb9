package dev.berth.compose.graph;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.berth.compose.ComposeException;
import dev.berth.compose.yaml.YamlReader;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class DependencyGraphTest {

    @SuppressWarnings("unchecked")
    private static DependencyGraph graph(String yaml) {
        Map<String, Object> root = (Map<String, Object>) YamlReader.read("test.yaml", yaml).getFirst().root();
        return DependencyGraph.ofProject(root);
    }

    /** compose-go graph_test exampleProject: test1 → test2 → test3. */
    private static final String CHAIN = """
            services:
              test1:
                depends_on: {test2: {condition: service_started}}
              test2:
                depends_on: {test3: {condition: service_started}}
              test3: {}
            """;

    @Test
    void behaviour154_upOrderStartsDependenciesFirst() {
        assertEquals(List.of("test3", "test2", "test1"), graph(CHAIN).upOrder());
    }

    @Test
    void behaviour154_downOrderStopsDependentsFirst() {
        assertEquals(List.of("test1", "test2", "test3"), graph(CHAIN).downOrder());
    }

    @Test
    void behaviour154_iterationOrderFollowsDependenciesNotNames() {
        // types/config_test Test_WithServices: 1 → 3 → 2 gives [service_2, service_3, service_1]
        DependencyGraph g = graph("""
                services:
                  service_1:
                    depends_on: [service_3]
                  service_2: {}
                  service_3:
                    depends_on: [service_2]
                """);
        assertEquals(List.of("service_2", "service_3", "service_1"), g.upOrder());
    }

    @Test
    void behaviour154_hundredParentsEachVisitedOnce() {
        Map<String, Object> services = new LinkedHashMap<>();
        Map<String, Object> dependsOn = new LinkedHashMap<>();
        for (int i = 1; i <= 100; i++) {
            services.put("svc_" + i, new HashMap<>());
            dependsOn.put("svc_" + i, Map.of());
        }
        services.put("dependent", Map.of("depends_on", dependsOn));
        List<String> order = DependencyGraph.of(services).upOrder();
        assertEquals(101, order.size());
        assertEquals(101, Set.copyOf(order).size());
        assertEquals("dependent", order.getLast());
    }

    @Test
    void servicesThatCanStartTogetherComeAlphabetically() {
        DependencyGraph g = graph("""
                services:
                  web:
                    depends_on: [db, cache]
                  worker:
                    depends_on: [db]
                  db: {}
                  cache: {}
                  admin: {}
                """);
        assertEquals(List.of(List.of("admin", "cache", "db"), List.of("web", "worker")), g.upLevels());
        assertEquals(List.of("admin", "cache", "db", "web", "worker"), g.upOrder());
        assertEquals(List.of("admin", "web", "worker", "cache", "db"), g.downOrder());
    }

    @Test
    void transitiveDependenciesAndDependents() {
        DependencyGraph g = graph(CHAIN);
        assertEquals(Set.of("test2", "test3"), g.dependencies("test1"));
        assertEquals(Set.of(), g.dependencies("test3"));
        assertEquals(Set.of("test1", "test2"), g.dependents("test3"));
        assertEquals(Set.of("test2"), g.directDependencies("test1"));
        ComposeException e = assertThrows(ComposeException.class, () -> g.dependencies("nope"));
        assertEquals("no such service: nope", e.getMessage());
    }

    @Test
    void behaviour114_implicitDependenciesAreEdgesToo() {
        DependencyGraph g = graph("""
                services:
                  app:
                    network_mode: service:vpn
                    volumes_from: [data]
                    links: [db:database]
                  vpn: {}
                  data: {}
                  db: {}
                """);
        assertEquals(Set.of("data", "db", "vpn"), g.dependencies("app"));
        assertEquals("app", g.upOrder().getLast());
    }

    @Test
    void dependenciesOnUnknownServicesAreNotEdges() {
        DependencyGraph g = graph("""
                services:
                  app:
                    depends_on: [ghost, db]
                  db: {}
                """);
        assertEquals(Map.of("app", Set.of("ghost")), g.unknownDependencies());
        assertEquals(List.of("db", "app"), g.upOrder());
    }

    @Test
    void behaviour74_cycleIsReportedWithTheComposeGoMessage() {
        DependencyGraph g = graph("""
                services:
                  service1:
                    depends_on: [service2]
                  service2:
                    depends_on: [service3]
                  service3:
                    depends_on: [service1]
                """);
        assertEquals(List.of("service1", "service2", "service3", "service1"), g.findCycle().orElseThrow());
        assertEquals("dependency cycle detected: service1 -> service2 -> service3 -> service1",
                g.cycleError().orElseThrow().message());
        ComposeException e = assertThrows(ComposeException.class, g::upOrder);
        assertTrue(e.getMessage().contains("dependency cycle detected: service1 -> service2 -> service3 -> service1"));
        assertThrows(ComposeException.class, g::downOrder);
    }

    @Test
    void behaviour74_selfDependencyIsACycle() {
        DependencyGraph g = graph("""
                services:
                  service1:
                    depends_on: [service1]
                """);
        assertEquals("dependency cycle detected: service1 -> service1", g.cycleError().orElseThrow().message());
    }

    @Test
    void cycleSearchWalksNamesInOrderLikeComposeGo() {
        // compose-go graph_test Test_detectCycle: the example graph plus B → D
        DependencyGraph g = graph("""
                services:
                  A: {}
                  B: {depends_on: [D]}
                  C: {depends_on: [A, B]}
                  D: {depends_on: [C, E]}
                  E: {depends_on: [B]}
                  F: {depends_on: [D]}
                  G: {depends_on: [A]}
                """);
        assertEquals("dependency cycle detected: B -> D -> C -> B", g.cycleError().orElseThrow().message());
    }

    @Test
    void acyclicGraphHasNoCycle() {
        assertTrue(graph(CHAIN).findCycle().isEmpty());
    }

    @Test
    void behaviour74_loaderFixturesWithCycles() throws IOException {
        Path dir = dev.berth.compose.SharedData.composeSpec().resolve("compose-go/loader/testdata");
        assertEquals("dependency cycle detected: service1 -> service2 -> service3 -> service1",
                graph(Files.readString(dir.resolve("compose-depends-on-cycle.yaml"))).cycleError().orElseThrow().message());
        assertEquals("dependency cycle detected: service1 -> service1",
                graph(Files.readString(dir.resolve("compose-depends-on-self.yaml"))).cycleError().orElseThrow().message());
    }
}
