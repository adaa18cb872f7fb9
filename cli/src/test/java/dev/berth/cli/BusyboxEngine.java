package dev.berth.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Assumptions;

/**
 * An engine of a test's own (BERTH_ROOT and BERTH_RUN under its temp dir) with busybox:latest
 * imported by berth itself from Debian's static busybox (all applets), and the end-of-test check:
 * the berthd the commands started is stopped, and no cgroup, mount or shim is left.
 */
record BusyboxEngine(Path dir, Map<String, String> env) {

    private static final Path BUSYBOX = Path.of("/usr/bin/busybox");

    static BusyboxEngine create(Path dir) throws Exception {
        Assumptions.assumeTrue("root".equals(System.getProperty("user.name")), "skipped: containers need root");
        Assumptions.assumeTrue(Files.isExecutable(BUSYBOX), "skipped: /usr/bin/busybox missing (apt-get install busybox-static)");
        BusyboxEngine engine = new BusyboxEngine(dir,
                Map.of("BERTH_ROOT", dir.resolve("root").toString(), "BERTH_RUN", dir.resolve("run").toString()));
        Path rootfs = dir.resolve("rootfs");
        Files.createDirectories(rootfs.resolve("bin"));
        for (String d : List.of("etc", "tmp", "proc", "sys", "dev", "root")) Files.createDirectories(rootfs.resolve(d));
        Files.copy(BUSYBOX, rootfs.resolve("bin/busybox"));
        Process list = new ProcessBuilder(BUSYBOX.toString(), "--list").start();
        for (String applet : new String(list.getInputStream().readAllBytes()).split("\n")) {
            if (!applet.isBlank() && !applet.equals("busybox")) Files.createSymbolicLink(rootfs.resolve("bin/" + applet), Path.of("busybox"));
        }
        list.waitFor();
        Files.writeString(rootfs.resolve("etc/passwd"), "root:x:0:0:root:/root:/bin/sh\nwww:x:33:33:www:/var/www:/bin/sh\n");
        Files.writeString(rootfs.resolve("etc/group"), "root:x:0:\nwww:x:33:\nstaff:x:50:www\n");
        BerthRun imported = engine.berth("image", "import", "--change", "CMD [\"sh\"]", rootfs.toString(), "busybox:latest");
        assertEquals(0, imported.exitCode(), imported::toString);
        return engine;
    }

    BerthRun berth(String... args) {
        return BerthRun.in(dir, env, "", args);
    }

    BerthRun ok(String... args) {
        BerthRun run = berth(args);
        assertEquals(0, run.exitCode(), run::toString);
        return run;
    }

    /** Stops the berthd the test's first command started, then checks nothing of the test's is left. */
    void stopAndCheckNothingLeft() throws IOException {
        var roots = dev.berth.engine.EngineRoots.fromEnvironment(env);
        // what a failed test left running goes first (containers outlive berthd, by design), then the leak check
        if (dev.berth.engine.api.BerthdLauncher.answers(dev.berth.engine.api.BerthdLauncher.socket(roots))) {
            String ids = berth("ps", "-a", "-q", "--no-trunc").out();
            for (String id : ids.lines().toList()) berth("rm", "-f", id);
        }
        dev.berth.engine.api.BerthdLauncher.stop(roots);
        // networks and their bridges outlive berthd by design (as docker0 does): a test's engine takes them away
        dev.berth.engine.network.NetworkService.removeAll(roots);
        assertEquals(List.of(), dev.berth.engine.HostLeftovers.of(roots, dir), "nothing of the test's engine left on the host");
        assertTrue(ProcessHandle.allProcesses().noneMatch(p -> p.info().commandLine().map(c -> c.contains(dir.toString())).orElse(false)),
                "no process of the test's left (shims, berthd)");
    }
}
