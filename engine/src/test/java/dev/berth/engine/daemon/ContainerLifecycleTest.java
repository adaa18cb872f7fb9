package dev.berth.engine.daemon;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.berth.engine.EngineRoots;
import dev.berth.engine.api.CreateRequest;
import dev.berth.engine.api.EngineClient;
import dev.berth.engine.api.LogOptions;
import dev.berth.engine.api.WaitCondition;
import dev.berth.engine.container.Container;
import dev.berth.engine.container.ContainerConflictException;
import dev.berth.engine.container.ContainerNotFoundException;
import dev.berth.engine.container.HostConfig;
import dev.berth.engine.container.RestartPolicy;
import dev.berth.engine.runtime.shim.LogEntry;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * berthd owning containers, through its real HTTP API on the unix socket (as the CLI uses it),
 * with real shims, namespaces and cgroups: restart policies, stop/kill/pause, wait, --rm.
 */
class ContainerLifecycleTest {

    @TempDir
    Path dir;

    private Berthd daemon;
    private EngineClient engine;
    private final List<String> created = new ArrayList<>();

    @BeforeEach
    void daemonWithBusybox() throws Exception {
        EngineRoots roots = EngineFixture.rootsWithBusybox(dir);
        daemon = Berthd.start(roots, "test");
        engine = new EngineClient(daemon.socket());
    }

    @AfterEach
    void removeEverything() throws Exception {
        if (daemon == null) return;
        for (String id : engine.list(true, List.of()).stream().map(Container::id).toList()) {
            try {
                engine.remove(id, true);
            } catch (ContainerNotFoundException gone) {
                // removed by the test (or --rm)
            }
        }
        daemon.close();
        EngineFixture.assertNothingLeft(dir);
    }

    private Container run(CreateRequest request) throws Exception {
        String id = engine.create(request);
        created.add(id);
        engine.start(id);
        return engine.inspect(id);
    }

    private static CreateRequest sh(String script) {
        return CreateRequest.of("busybox").withCmd(List.of("sh", "-c", script));
    }

    private static HostConfig policy(String restart) {
        return new HostConfig(0, 0, 0, 0, null, 0, null, null, false, null, false, RestartPolicy.parse(restart), false,
                false, null, null, "none", 0);
    }

    static void eventually(String what, BooleanSupplier condition) throws InterruptedException {
        for (int i = 0; i < 600; i++) {
            if (condition.getAsBoolean()) return;
            Thread.sleep(50);
        }
        throw new AssertionError("not within 30 s: " + what);
    }

    private Container inspect(String id) {
        try {
            return engine.inspect(id);
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    @Test
    void onFailureTwoRestartsTwiceThenStaysExited() throws Exception {
        Container c = run(sh("echo run; exit 1").withHostConfig(policy("on-failure:2")));
        eventually("two restarts, then exited", () -> {
            Container now = inspect(c.id());
            return now.restartCount() == 2 && now.state().status().equals("exited");
        });
        Thread.sleep(1500); // longer than the next back-off (400 ms): a third run would have started
        Container after = inspect(c.id());
        assertEquals(2, after.restartCount());
        assertEquals("exited", after.state().status());
        assertEquals(1, after.state().exitCode());
        List<LogEntry> log = new ArrayList<>();
        engine.logs(c.id(), LogOptions.ALL, log::add);
        assertEquals(3, log.stream().filter(e -> e.log().equals("run\n")).count(), "the first run and two restarts: " + log);
    }

    @Test
    void aSuccessfulExitIsNotRestartedOnFailureButAlwaysIs() throws Exception {
        Container ok = run(sh("exit 0").withHostConfig(policy("on-failure")));
        assertEquals(0, engine.wait(ok.id(), WaitCondition.NOT_RUNNING).statusCode());
        assertEquals(0, inspect(ok.id()).restartCount());

        Container always = run(sh("exit 0").withHostConfig(policy("always")));
        eventually("restarted by always", () -> inspect(always.id()).restartCount() >= 2);
        Container stopped = engine.stop(always.id(), 1);
        int count = stopped.restartCount();
        Thread.sleep(1000);
        Container after = inspect(always.id());
        assertEquals("exited", after.state().status(), "stopped by hand: not restarted");
        assertEquals(count, after.restartCount());
    }

    @Test
    void stopSendsTheStopSignalThenKills() throws Exception {
        Container polite = run(sh("trap 'echo bye; exit 0' TERM; echo up; while true; do sleep 1; done"));
        awaitLog(polite.id(), "up");
        Container stopped = engine.stop(polite.id(), 10);
        assertEquals(0, stopped.state().exitCode());
        assertTrue(logText(polite.id()).contains("bye"));

        Container stubborn = run(sh("trap '' TERM; echo up; while true; do sleep 1; done"));
        awaitLog(stubborn.id(), "up");
        assertEquals(137, engine.stop(stubborn.id(), 1).state().exitCode(), "SIGKILL after the grace period");

        CreateRequest hup = sh("trap 'echo hup; exit 0' HUP; echo up; while true; do sleep 1; done");
        hup = new CreateRequest(null, "busybox", null, hup.cmd(), null, null, null, null, null, null, false, false, false,
                "SIGHUP", null, null, null, null, null);
        Container custom = run(hup);
        awaitLog(custom.id(), "up");
        assertEquals(0, engine.stop(custom.id(), 10).state().exitCode(), "the container's own stop signal");
        assertTrue(logText(custom.id()).contains("hup"));
    }

    @Test
    void killSendsAnySignalAndWaitReturnsTheCode() throws Exception {
        Container c = run(sh("trap 'echo got-usr1; exit 7' USR1; echo up; while true; do sleep 1; done"));
        awaitLog(c.id(), "up");
        var waiting = engine.waitAsync(c.id(), WaitCondition.NEXT_EXIT);
        engine.kill(c.id(), "USR1");
        assertEquals(7, waiting.get().statusCode());
        assertTrue(logText(c.id()).contains("got-usr1"));
        assertThrows(ContainerConflictException.class, () -> engine.kill(c.id(), "KILL"), "not running");
        assertThrows(IllegalArgumentException.class, () -> engine.kill(c.id(), "SIGNOPE"));
    }

    @Test
    void pauseFreezesAndUnpauseThaws() throws Exception {
        Container c = run(sh("i=0; while true; do i=$((i+1)); echo $i; sleep 0.1; done"));
        awaitLog(c.id(), "3");
        assertEquals("paused", engine.pause(c.id()).state().status());
        int before = logText(c.id()).split("\n").length;
        Thread.sleep(600);
        assertEquals(before, logText(c.id()).split("\n").length, "no output while frozen");
        assertThrows(ContainerConflictException.class, () -> engine.pause(c.id()));
        assertEquals("running", engine.unpause(c.id()).state().status());
        awaitLog(c.id(), String.valueOf(before + 2));
        engine.remove(c.id(), true);
        assertThrows(ContainerNotFoundException.class, () -> engine.inspect(c.id()));
    }

    @Test
    void removeRefusesARunningContainerUnlessForced() throws Exception {
        Container c = run(sh("sleep 300"));
        var e = assertThrows(ContainerConflictException.class, () -> engine.remove(c.id(), false));
        assertTrue(e.getMessage().contains("stop the container before removing or force remove"), e.getMessage());
        var removed = engine.waitAsync(c.id(), WaitCondition.REMOVED);
        engine.remove(c.id(), true);
        assertEquals(137, removed.get().statusCode());
    }

    @Test
    void autoRemoveGoesWithTheExitAndTheOutputIsStillDelivered() throws Exception {
        HostConfig rm = new HostConfig(0, 0, 0, 0, null, 0, null, null, false, null, false, null, false, true, null, null, "none", 0);
        String id = engine.create(sh("echo one; echo two >&2; exit 5").withHostConfig(rm));
        List<LogEntry> out = new ArrayList<>();
        try (var attached = engine.attach(id)) {
            var exit = engine.waitAsync(id, WaitCondition.REMOVED);
            engine.start(id);
            attached.forEach(out::add);
            assertEquals(5, exit.get().statusCode());
        }
        assertEquals(List.of("one\n", "two\n"), out.stream().map(LogEntry::log).toList());
        assertEquals(List.of("stdout", "stderr"), out.stream().map(LogEntry::stream).toList());
        assertThrows(ContainerNotFoundException.class, () -> engine.inspect(id));
        assertFalse(Files.exists(dir.resolve("root/containers").resolve(id)));
    }

    @Test
    void startFailureKeepsDockersCodeAndRestartIsOnlyForRuns() throws Exception {
        String id = engine.create(CreateRequest.of("busybox").withCmd(List.of("/nonexistent")).withHostConfig(policy("always")));
        created.add(id);
        var e = assertThrows(dev.berth.engine.api.RemoteStartException.class, () -> engine.start(id));
        assertEquals(127, e.exitCode());
        assertEquals("exited", inspect(id).state().status());
        assertThrows(dev.berth.engine.image.store.ImageNotFoundException.class,
                () -> engine.create(CreateRequest.of("nothere:1").withCmd(List.of("true"))));
    }

    private void awaitLog(String id, String line) throws InterruptedException {
        eventually("log line " + line, () -> logText(id).lines().anyMatch(line::equals));
    }

    private String logText(String id) {
        StringBuilder b = new StringBuilder();
        try {
            engine.logs(id, LogOptions.ALL, e -> b.append(e.log()));
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
        return b.toString();
    }
}
