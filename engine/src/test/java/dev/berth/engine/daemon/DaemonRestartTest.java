package dev.berth.engine.daemon;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.berth.engine.EngineRoots;
import dev.berth.engine.api.BerthdLauncher;
import dev.berth.engine.api.CreateRequest;
import dev.berth.engine.api.EngineClient;
import dev.berth.engine.api.LogOptions;
import dev.berth.engine.container.Container;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The crash test: berthd (its own process, started on first use as the CLI does) is
 * killed with SIGKILL while five containers run; the next berthd re-adopts them — they still
 * run, their logs go on, stop works — and a container that ended while no berthd ran shows its
 * exit status.
 */
class DaemonRestartTest {

    @TempDir
    Path dir;

    private EngineRoots roots;

    @AfterEach
    void stopDaemon() throws Exception {
        if (roots == null) return;
        EngineClient engine = BerthdLauncher.connect(roots, Map.of(), "test");
        for (Container c : engine.list(true, List.of())) engine.remove(c.id(), true);
        BerthdLauncher.stop(roots);
        EngineFixture.assertNothingLeft(dir);
    }

    @Test
    void containersOutliveASigkilledBerthdAndAreReadopted() throws Exception {
        roots = EngineFixture.rootsWithBusybox(dir);
        EngineClient engine = BerthdLauncher.connect(roots, Map.of(), "test");
        ProcessHandle first = BerthdLauncher.running(roots).orElseThrow();
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            String id = engine.create(CreateRequest.of("busybox").withName("c" + i)
                    .withCmd(List.of("sh", "-c", "i=0; while true; do i=$((i+1)); echo tick $i; sleep 0.1; done")));
            engine.start(id);
            ids.add(id);
        }
        engine.start(engine.create(CreateRequest.of("busybox").withName("ending").withCmd(List.of("sh", "-c", "sleep 1; exit 3"))));

        first.destroyForcibly(); // SIGKILL: no shutdown hook, no clean-up
        first.onExit().get();
        Thread.sleep(1500); // meanwhile "ending" ends with no berthd to see it

        EngineClient again = BerthdLauncher.connect(roots, Map.of(), "test"); // starts a new berthd
        ProcessHandle second = BerthdLauncher.running(roots).orElseThrow();
        assertNotEquals(first.pid(), second.pid());
        List<Container> running = again.list(false, List.of());
        assertEquals(5, running.size(), "all five still run: " + running);
        for (Container c : running) assertTrue(ProcessHandle.of(c.state().pid()).map(ProcessHandle::isAlive).orElse(false), c.name());

        Container ended = again.inspect("ending");
        ContainerLifecycleTest.eventually("the exit seen after the restart", () -> {
            try {
                return again.inspect("ending").state().status().equals("exited");
            } catch (java.io.IOException e) {
                return false;
            }
        });
        ended = again.inspect("ending");
        assertEquals(3, ended.state().exitCode(), "the exit status written while no berthd ran");

        String c0 = ids.getFirst();
        int before = ticks(again, c0);
        ContainerLifecycleTest.eventually("the log goes on", () -> ticks(again, c0) > before + 3);

        Container stopped = again.stop(c0, 1);
        assertEquals("exited", stopped.state().status());
        assertEquals(4, again.list(false, List.of()).size());
        assertTrue(Files.exists(roots.run().resolve("berthd.sock")));
    }

    private static int ticks(EngineClient engine, String id) {
        List<String> lines = new ArrayList<>();
        try {
            engine.logs(id, LogOptions.ALL, e -> lines.add(e.log()));
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
        return lines.size();
    }
}
