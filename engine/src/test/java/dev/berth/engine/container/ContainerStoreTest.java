package dev.berth.engine.container;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ContainerStoreTest {

    @TempDir
    Path tmp;

    private static ContainerConfig config(Map<String, String> labels) {
        return new ContainerConfig("busybox:latest", List.of(), List.of("sleep", "900"), List.of("PATH=/bin"),
                "/", "", "", "", labels, false, false, false, null, null, null, null);
    }

    @Test
    void namesAreUniqueAndGeneratedWhenNotGiven() throws Exception {
        ContainerStore store = new ContainerStore(tmp);
        Container web = store.create("web", "sha256:1", config(Map.of()), HostConfig.defaults());
        assertEquals(64, web.id().length());
        ContainerConflictException e = assertThrows(ContainerConflictException.class,
                () -> store.create("web", "sha256:1", config(Map.of()), HostConfig.defaults()));
        assertTrue(e.getMessage().contains("The container name \"/web\" is already in use by container \"" + web.id()), e.getMessage());
        Container anon = store.create(null, "sha256:1", config(Map.of()), HostConfig.defaults());
        assertTrue(anon.name().matches("[a-z]+_[a-z0-9]+"), anon.name());
        assertThrows(IllegalArgumentException.class, () -> store.create("bad name", "sha256:1", config(Map.of()), HostConfig.defaults()));
        assertThrows(IllegalArgumentException.class, () -> store.create("a", "sha256:1", config(Map.of()), HostConfig.defaults()),
                "Docker's rule wants two characters at least");
    }

    @Test
    void foundByIdPrefixOrName() throws Exception {
        ContainerStore store = new ContainerStore(tmp);
        Container c = store.create("db", "sha256:1", config(Map.of()), HostConfig.defaults());
        assertEquals(c, store.get(c.id()));
        assertEquals(c, store.get(c.id().substring(0, 12)));
        assertEquals(c, store.get("db"));
        assertEquals(c, store.get("/db"));
        assertThrows(ContainerNotFoundException.class, () -> store.get("nothing"));
    }

    @Test
    void recordsSurviveANewStoreAndChangesAreAtomic() throws Exception {
        ContainerStore store = new ContainerStore(tmp);
        Container c = store.create("app", "sha256:1", config(Map.of("com.docker.compose.project", "demo")),
                new HostConfig(32 << 20, 0, 500_000_000, 0, null, 20, List.of(), List.of(), false,
                        List.of("no-new-privileges"), false, RestartPolicy.parse("on-failure:2"), true, false,
                        List.of(), Map.of(), null, 0));
        Instant started = Instant.parse("2026-11-28T14:00:00Z");
        store.update(c.id(), x -> x.withState(x.state().started(4242, started)));

        ContainerStore reopened = new ContainerStore(tmp); // berthd restarted
        Container back = reopened.get("app");
        assertEquals("running", back.state().status());
        assertEquals(4242, back.state().pid());
        assertEquals(started, back.state().startedAt());
        assertEquals(new RestartPolicy("on-failure", 2), back.hostConfig().restartPolicy());
        assertTrue(back.hostConfig().noNewPrivileges());
        assertEquals(c.config(), back.config());
        try (var files = Files.list(reopened.directory(c.id()))) {
            assertEquals(List.of("container.json"), files.map(p -> p.getFileName().toString()).toList(), "no temp file left");
        }
    }

    @Test
    void listFiltersByStateAndLabels() throws Exception {
        ContainerStore store = new ContainerStore(tmp);
        Container a = store.create("web1", "sha256:1", config(Map.of("com.docker.compose.project", "demo", "tier", "web")), HostConfig.defaults());
        store.create("web2", "sha256:1", config(Map.of("com.docker.compose.project", "other")), HostConfig.defaults());
        store.update(a.id(), x -> x.withState(x.state().started(1, Instant.now())));
        assertEquals(List.of("web1"), store.list(false, List.of()).stream().map(Container::name).toList(), "running only");
        assertEquals(2, store.list(true, List.of()).size());
        assertEquals(List.of("web1"), store.list(true, List.of("label=com.docker.compose.project=demo")).stream().map(Container::name).toList());
        assertEquals(List.of("web1"), store.list(true, List.of("label=tier")).stream().map(Container::name).toList());
        assertEquals(List.of(), store.list(true, List.of("label=tier=db")));
        assertEquals(List.of("web1"), store.list(false, List.of("name=web")).stream().map(Container::name).toList());
        assertEquals(2, store.list(false, List.of("status=created", "status=running")).size(), "a status filter lists stopped ones too");
        assertEquals(List.of(), store.list(true, List.of("id=zzz")));
        assertThrows(IllegalArgumentException.class, () -> store.list(true, List.of("status=sleeping")));
        assertThrows(IllegalArgumentException.class, () -> store.list(true, List.of("color=red")));
    }

    @Test
    void removeForgetsEverything() throws Exception {
        ContainerStore store = new ContainerStore(tmp);
        Container c = store.create("gone", "sha256:1", config(Map.of()), HostConfig.defaults());
        Files.writeString(store.directory(c.id()).resolve("container.log"), "{}\n");
        store.remove(c.id());
        assertFalse(Files.exists(store.directory(c.id())));
        assertThrows(ContainerNotFoundException.class, () -> store.get("gone"));
    }

    @Test
    void twoStoresOnOneRootInOneProcessDoNotTripOverTheirLocks() throws Exception {
        ContainerStore a = new ContainerStore(tmp);
        ContainerStore b = new ContainerStore(tmp);
        List<Thread> threads = new java.util.ArrayList<>();
        java.util.Queue<Throwable> failures = new java.util.concurrent.ConcurrentLinkedQueue<>();
        for (int i = 0; i < 8; i++) {
            ContainerStore store = i % 2 == 0 ? a : b;
            threads.add(Thread.ofPlatform().start(() -> {
                try {
                    store.create(null, "sha256:1", config(Map.of()), HostConfig.defaults());
                } catch (Throwable t) {
                    failures.add(t);
                }
            }));
        }
        for (Thread t : threads) t.join();
        assertEquals(List.of(), List.copyOf(failures));
        List<Container> all = a.list(true, List.of());
        assertEquals(8, all.size());
        assertEquals(8, all.stream().map(Container::name).distinct().count(), "every name unique");
    }
}
