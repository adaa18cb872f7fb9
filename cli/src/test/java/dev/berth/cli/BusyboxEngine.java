package dev.berth.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
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
        Path netns = roots.run().resolve("netns");
        if (Files.isDirectory(netns)) {
            try (Stream<Path> left = Files.list(netns)) {
                assertEquals(List.of(), left.toList(), "no network namespace left");
            }
        }
        String table = roots.cgroupParent().replace('-', '_');
        Process nft = new ProcessBuilder("nft", "list", "tables").redirectErrorStream(true).start();
        String tables = new String(nft.getInputStream().readAllBytes());
        assertTrue(!tables.contains(table + "\n") && !tables.endsWith(table), "no nftables table " + table + " left: " + tables);
        // a container's veth goes with its namespace, in the kernel's own time (~30 ms): wait for it, then check
        List<String> ours = List.of();
        for (int i = 0; i < 60; i++) {
            try (Stream<Path> links = Files.list(Path.of("/sys/class/net"))) {
                ours = links.map(p -> p.getFileName().toString()).filter(n -> n.startsWith("bt") || n.startsWith("vb")).toList();
            }
            if (ours.isEmpty()) break;
            try {
                Thread.sleep(50);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
        }
        assertEquals(List.of(), ours, "no bridge or veth of berth's left");
        try (Stream<Path> cg = Files.list(Path.of("/sys/fs/cgroup"))) {
            for (Path hierarchy : cg.toList()) {
                Path parent = hierarchy.resolve(roots.cgroupParent());
                if (!Files.isDirectory(parent)) continue;
                try (Stream<Path> children = Files.list(parent)) {
                    assertEquals(List.of(), children.filter(Files::isDirectory).toList(), "no container cgroup left in " + hierarchy);
                }
            }
        }
        assertTrue(Files.readString(Path.of("/proc/self/mountinfo")).lines().noneMatch(l -> l.contains(dir.toString())),
                "no mount under the test's directory");
        assertTrue(ProcessHandle.allProcesses().noneMatch(p -> p.info().commandLine().map(c -> c.contains(dir.toString())).orElse(false)),
                "no process of the test's left (shims, berthd)");
    }
}
