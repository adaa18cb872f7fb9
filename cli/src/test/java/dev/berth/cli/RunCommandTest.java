package dev.berth.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.berth.engine.container.Container;
import dev.berth.engine.container.ContainerStore;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code berth run} on the real kernel (as root): a busybox image made offline with berth's own
 * import, run through berth-shim with namespaces, Docker's capabilities and seccomp, a cgroup.
 */
class RunCommandTest {

    @TempDir
    Path dir;

    private BusyboxEngine engine;

    @BeforeEach
    void busyboxImage() throws Exception {
        engine = BusyboxEngine.create(dir);
    }

    @AfterEach
    void nothingLeft() throws IOException {
        if (engine != null) engine.stopAndCheckNothingLeft();
    }

    private BerthRun berth(String... args) {
        return engine.berth(args);
    }

    private BerthRun ok(String... args) {
        return engine.ok(args);
    }

    @Test
    void printsTheOutputAndPassesTheExitCodeThrough() throws IOException {
        assertEquals("hi\n", ok("run", "--rm", "busybox", "echo", "hi").out());
        BerthRun three = berth("run", "--rm", "busybox", "sh", "-c", "echo oops >&2; exit 3");
        assertEquals(3, three.exitCode(), three::toString);
        assertEquals("oops\n", three.err());
        try (Stream<Path> left = Files.list(dir.resolve("root/containers"))) {
            assertEquals(0, left.filter(Files::isDirectory).count(), "--rm leaves no container behind");
        }
    }

    @Test
    void isolatedLikeADockerContainer() {
        String out = ok("run", "--rm", "busybox", "sh", "-c",
                "echo pid=$$; grep -E '^(CapEff|Seccomp|NoNewPrivs):' /proc/self/status; hostname; ls /proc | grep -c '^[0-9]'").out();
        assertTrue(out.contains("pid=1\n"), out);
        assertTrue(out.contains("CapEff:\t00000000a80425fb\n"), out);
        assertTrue(out.contains("Seccomp:\t2\n"), out);
        assertTrue(out.contains("NoNewPrivs:\t0\n"), out);
        assertTrue(out.lines().anyMatch(l -> l.matches("[0-9a-f]{12}")), "the hostname is the container's: " + out);
        assertTrue(out.lines().toList().getLast().matches("[1-4]"), "only the container's processes are visible: " + out);
        assertTrue(ok("run", "--rm", "--security-opt", "no-new-privileges", "busybox", "grep", "NoNewPrivs", "/proc/self/status")
                .out().contains("NoNewPrivs:\t1"));
        BerthRun refused = berth("run", "--rm", "busybox", "sh", "-c",
                "mount -t tmpfs none /mnt || echo mount-refused; echo x > /proc/sys/kernel/hostname || echo proc-readonly; unshare -n true || echo unshare-refused");
        assertTrue(refused.out().contains("mount-refused") && refused.out().contains("proc-readonly")
                && refused.out().contains("unshare-refused"), refused::toString);
    }

    @Test
    void writesStayInTheContainersOwnLayer() throws IOException {
        ok("run", "--name", "writer", "busybox", "sh", "-c", "echo hello > /etc/motd; rm /bin/true");
        ContainerStore store = new ContainerStore(dir.resolve("root/containers"));
        Container c = store.get("writer");
        Path upper = store.directory(c.id()).resolve("upper");
        assertEquals("hello\n", Files.readString(upper.resolve("etc/motd")));
        assertEquals("exited", c.state().status());
        try (Stream<Path> layers = Files.list(dir.resolve("root/layers/sha256"))) {
            Path layer = layers.filter(Files::isDirectory).findFirst().orElseThrow();
            assertFalse(Files.exists(layer.resolve("etc/motd")), "the image's layer is untouched");
            assertTrue(Files.exists(layer.resolve("bin/true"), java.nio.file.LinkOption.NOFOLLOW_LINKS));
        }
        assertEquals("hi\n", ok("run", "--rm", "busybox", "sh", "-c", "test -e /etc/motd || echo hi").out(),
                "another container does not see the first one's writes");
        assertEquals("writer\n", ok("rm", "writer").out());
        assertFalse(Files.exists(store.directory(c.id())));
    }

    @Test
    void memoryAndPidsLimitsHold() throws IOException {
        BerthRun hog = berth("run", "--name", "hog", "--memory", "32m", "busybox", "tail", "/dev/zero");
        assertEquals(137, hog.exitCode(), hog::toString);
        Container c = new ContainerStore(dir.resolve("root/containers")).get("hog");
        assertTrue(c.state().oomKilled(), "recorded as OOMKilled");
        assertEquals(137, c.state().exitCode());
        ok("rm", "hog");

        // `echo` is a shell builtin: one "started" per fork that worked; the shell stops at the first that fails
        BerthRun forks = berth("run", "--rm", "--pids-limit", "20", "busybox", "sh", "-c",
                "for i in $(seq 40); do sleep 5 & echo started; done");
        long started = forks.out().lines().filter(l -> l.equals("started")).count();
        assertTrue(started >= 10 && started <= 19, "the shell plus at most 19 children: " + forks);
        assertTrue(forks.err().contains("can't fork"), forks::toString);
    }

    private String waitForLog(String name, String text) throws InterruptedException {
        String logs = "";
        for (int i = 0; i < 100 && !logs.contains(text); i++) {
            Thread.sleep(50);
            logs = ok("logs", name).out();
        }
        return logs;
    }

    @Test
    void detachedContainersStopLogAndGo() throws Exception {
        String id = ok("run", "-d", "--name", "polite", "busybox", "sh", "-c",
                "echo started; trap 'echo bye; exit 0' TERM; while true; do sleep 1; done").out().strip();
        assertTrue(id.matches("[0-9a-f]{64}"), id);
        assertTrue(waitForLog("polite", "started").contains("started"));
        assertTrue(ok("ps").out().contains("Up "), "running");
        ok("stop", "polite");
        assertTrue(ok("logs", "polite").out().contains("bye"), "SIGTERM reached the container's trap");
        assertTrue(ok("ps", "-a").out().contains("Exited (0)"));
        ok("rm", "polite");

        ok("run", "-d", "--name", "stubborn", "busybox", "sh", "-c", "trap '' TERM; echo up; while true; do sleep 1; done");
        waitForLog("stubborn", "up");
        ok("stop", "-t", "1", "stubborn");
        assertTrue(ok("ps", "-a").out().contains("Exited (137)"), "SIGKILL after the grace period");
        ok("rm", "stubborn");

        ok("run", "-d", "--name", "forced", "busybox", "sleep", "300");
        BerthRun refused = berth("rm", "forced");
        assertEquals(1, refused.exitCode());
        assertTrue(refused.err().contains("container is running: stop the container before removing or force remove"), refused::toString);
        assertEquals("forced\n", ok("rm", "-f", "forced").out());
        assertEquals("", ok("ps", "-a", "-q").out());
    }

    @Test
    void aCommandThatIsNotThereIs127() {
        BerthRun fg = berth("run", "--rm", "busybox", "nosuchcmd");
        assertEquals(127, fg.exitCode(), fg::toString);
        assertTrue(fg.err().contains("executable file not found"), fg::toString);
        BerthRun bg = berth("run", "-d", "--name", "broken", "busybox", "nosuchcmd");
        assertEquals(127, bg.exitCode(), bg::toString);
        ok("rm", "broken");
    }

    @Test
    void inspectShowsTheContainerLikeDocker() throws Exception {
        berth("run", "--name", "inspected", "--memory", "32m", "-l", "tier=web", "busybox", "sh", "-c", "exit 4");
        var json = new com.fasterxml.jackson.databind.ObjectMapper().readTree(ok("inspect", "inspected").out());
        assertEquals(1, json.size());
        var c = json.get(0);
        assertEquals("/inspected", c.get("Name").asText());
        assertEquals("exited", c.at("/State/Status").asText());
        assertEquals(4, c.at("/State/ExitCode").asInt());
        assertFalse(c.at("/State/Running").asBoolean());
        assertEquals(33554432, c.at("/HostConfig/Memory").asLong());
        assertEquals("web", c.at("/Config/Labels/tier").asText());
        assertEquals("sh", c.get("Path").asText());
        var image = new com.fasterxml.jackson.databind.ObjectMapper().readTree(ok("inspect", "busybox:latest").out());
        assertEquals("layers", image.get(0).at("/RootFS/Type").asText(), "not a container: the image");
        BerthRun missing = berth("inspect", "nothing");
        assertEquals(1, missing.exitCode());
        assertEquals("[]\n", missing.out());
        ok("rm", "inspected");
    }
}
