package dev.berth.engine.network;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class NetworkStoreTest {

    @TempDir
    Path dir;

    private static Network network(String name, Map<String, String> labels) {
        return new Network(NetworkStore.newId(), name, Instant.parse("2026-11-28T16:00:00Z"), "bridge", false, false, labels,
                Map.of(), "172.18.0.0/16", "172.18.0.1", "", "bt-" + name);
    }

    @Test
    void recordsSurviveAReopenAndAreFoundByNameIdOrPrefix() throws Exception {
        NetworkStore store = new NetworkStore(dir);
        Network noah = store.create(network("noah_net", Map.of("tier", "back")));
        NetworkStore reopened = new NetworkStore(dir); // berthd restarted
        assertEquals(noah, reopened.get("noah_net"));
        assertEquals(noah, reopened.get(noah.id()));
        assertEquals(noah, reopened.get(noah.id().substring(0, 6)));
        assertEquals("network nothing not found", assertThrows(NetworkNotFoundException.class, () -> reopened.get("nothing")).getMessage());
    }

    @Test
    void namesAreUniqueAndValid() throws Exception {
        NetworkStore store = new NetworkStore(dir);
        store.create(network("front", Map.of()));
        assertEquals("network with name front already exists",
                assertThrows(NetworkConflictException.class, () -> store.create(network("front", Map.of()))).getMessage());
        assertThrows(IllegalArgumentException.class, () -> store.create(network("bad name", Map.of())));
    }

    @Test
    void listsByNameWithDockersFilters() throws Exception {
        NetworkStore store = new NetworkStore(dir);
        store.create(network("web", Map.of("com.docker.compose.project", "demo")));
        store.create(network("db", Map.of()));
        assertEquals(List.of("db", "web"), store.list(n -> true).stream().map(Network::name).toList());
        assertEquals(List.of("web"), store.list(NetworkStore.filter(Map.of("label", List.of("com.docker.compose.project=demo"))))
                .stream().map(Network::name).toList());
        assertEquals(List.of("db"), store.list(NetworkStore.filter(Map.of("name", List.of("d")))).stream().map(Network::name).toList());
        Network web = store.get("web");
        store.remove(web.id());
        assertEquals(List.of("db"), store.list(n -> true).stream().map(Network::name).toList());
        assertThrows(IllegalArgumentException.class, () -> NetworkStore.filter(Map.of("color", List.of("red"))));
    }
}
