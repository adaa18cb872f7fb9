package dev.berth.engine.runtime.shim;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import dev.berth.engine.image.build.BusyboxRootfs;
import dev.berth.engine.sys.MountTable;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeoutException;
import org.junit.jupiter.api.Assumptions;

/**
 * A busybox rootfs as the one overlay lower layer, upper/work/mount point and the shim's files in
 * one temp dir; {@link #assertNothingLeft()} checks that no mount and no process outlived a test.
 */
final class ShimFixture {

    /** Applets beyond BusyboxRootfs's that the tests use. */
    static final List<String> EXTRA_APPLETS = List.of("ps", "mkdir", "mount", "grep", "head", "tr", "touch",
            "hostname", "printf", "id", "kill", "wc", "readlink", "pwd", "stat");

    final Path dir;
    final Path lower;
    final Path upper;
    final Path bundle;
    final ShimRunner runner;
    private final List<ShimProcess> started = new ArrayList<>();

    ShimFixture(Path dir) throws IOException {
        Assumptions.assumeTrue(isRoot(), "skipped: berth-shim tests run as root (namespaces, mounts)");
        Assumptions.assumeTrue(Files.isExecutable(BusyboxRootfs.DEFAULT_BINARY),
                "skipped: /usr/bin/busybox missing (apt-get install busybox-static)");
        this.dir = dir;
        this.lower = BusyboxRootfs.create(BusyboxRootfs.DEFAULT_BINARY, dir.resolve("lower"));
        for (String applet : EXTRA_APPLETS) {
            Path link = lower.resolve("bin").resolve(applet);
            if (!Files.exists(link, java.nio.file.LinkOption.NOFOLLOW_LINKS)) Files.createSymbolicLink(link, Path.of("busybox"));
        }
        this.upper = Files.createDirectories(dir.resolve("upper"));
        Files.createDirectories(dir.resolve("work"));
        Files.createDirectories(dir.resolve("rootfs"));
        this.bundle = dir.resolve("bundle");
        this.runner = new ShimRunner(ShimBinary.locate(dir.resolve("bin")));
    }

    static boolean isRoot() {
        try {
            return Files.readAllLines(Path.of("/proc/self/status")).stream()
                    .anyMatch(l -> l.startsWith("Uid:") && l.split("\\s+")[1].equals("0"));
        } catch (IOException e) {
            return false;
        }
    }

    /** Docker's defaults, the log/exit/pid files in the temp dir, the given command. */
    ShimSpec.Builder spec(String... args) {
        ShimSpec.Rootfs rootfs = ShimSpec.Rootfs.overlay(dir.resolve("rootfs"), List.of(lower), upper, dir.resolve("work"));
        return ShimSpec.builder(rootfs, List.of(args))
                .hostname("box1")
                .logFile(dir.resolve("container.log"))
                .exitFile(dir.resolve("exit.json"))
                .pidFile(dir.resolve("container.pid"))
                .shimPidFile(dir.resolve("shim.pid"));
    }

    /** Runs to the end; each run starts with no log, exit or pid file (the log file is appended to). */
    ShimResult run(ShimSpec spec) throws IOException, InterruptedException, TimeoutException {
        for (Path p : new Path[] {spec.logFile(), spec.exitFile(), spec.pidFile()}) {
            if (p != null) Files.deleteIfExists(p);
        }
        return runner.run(spec, bundle, Duration.ofSeconds(30));
    }

    ShimResult run(String... args) throws IOException, InterruptedException, TimeoutException {
        return run(spec(args).build());
    }

    /** Starts in the foreground; a test that fails midway still gets its shim killed by {@link #assertNothingLeft()}. */
    ShimProcess start(ShimSpec spec) throws IOException {
        ShimProcess p = runner.start(spec, bundle);
        started.add(p);
        return p;
    }

    /** Waits until the log's stdout contains {@code text} (the container got that far). */
    static void awaitLog(ShimProcess p, String text) throws Exception {
        long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
        while (!LogEntry.text(p.log(), "stdout").contains(text)) {
            if (!p.isAlive()) throw new AssertionError("the shim ended before logging '" + text + "': " + p.messages() + p.log());
            if (System.nanoTime() > deadline) throw new AssertionError("no '" + text + "' in the log: " + p.log());
            Thread.sleep(20);
        }
    }

    /** No mount below the temp dir, no process that names the bundle, the container's PID gone. */
    void assertNothingLeft() throws Exception {
        for (ShimProcess p : started) {
            if (p.isAlive()) {
                p.destroy();
                p.waitFor(Duration.ofSeconds(20));
                throw new AssertionError("the test left shim " + p.pid() + " running (killed now)");
            }
        }
        awaitGone(dir.resolve("container.pid"));
        assertEquals(List.of(), MountTable.mountsUnder(dir), "mounts left under " + dir);
        assertEquals(List.of(), processesMentioning(bundle.toString()), "shim processes left");
        Path pidFile = dir.resolve("container.pid");
        if (Files.exists(pidFile)) {
            long pid = Long.parseLong(Files.readString(pidFile).trim());
            assertFalse(Files.exists(Path.of("/proc/" + pid)) && !isZombieOrOther(pid), "container PID " + pid + " still runs");
        }
    }

    /** A container whose monitor died gets SIGKILL from the kernel; give it the moment that takes. */
    private static void awaitGone(Path pidFile) throws IOException, InterruptedException {
        if (!Files.exists(pidFile)) return;
        long pid = Long.parseLong(Files.readString(pidFile).trim());
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        while (Files.exists(Path.of("/proc/" + pid)) && !isZombieOrOther(pid) && System.nanoTime() < deadline) Thread.sleep(10);
    }

    /** The PID may have been reused by a host process: only one in a child PID namespace (NSpid has 2 ids) is ours. */
    private static boolean isZombieOrOther(long pid) {
        try {
            return Files.readAllLines(Path.of("/proc/" + pid + "/status")).stream()
                    .filter(l -> l.startsWith("NSpid:")).noneMatch(l -> l.trim().split("\\s+").length > 2);
        } catch (IOException e) {
            return true;
        }
    }

    static List<Long> processesMentioning(String text) throws IOException {
        List<Long> out = new ArrayList<>();
        try (var s = Files.list(Path.of("/proc"))) {
            for (Path p : s.toList()) {
                String name = p.getFileName().toString();
                if (!name.chars().allMatch(Character::isDigit)) continue;
                try {
                    String cmdline = new String(Files.readAllBytes(p.resolve("cmdline"))).replace('\0', ' ');
                    if (cmdline.contains(text) && Long.parseLong(name) != ProcessHandle.current().pid()) out.add(Long.parseLong(name));
                } catch (IOException gone) {
                    // exited while we looked
                }
            }
        }
        return out;
    }

    /** Host PIDs whose parent is {@code ppid}, with their state letter (Z: zombie). */
    static List<String> childrenOf(long ppid) throws IOException {
        List<String> out = new ArrayList<>();
        try (var s = Files.list(Path.of("/proc"))) {
            for (Path p : s.toList()) {
                if (!p.getFileName().toString().chars().allMatch(Character::isDigit)) continue;
                try {
                    String stat = Files.readString(p.resolve("stat"));
                    String[] f = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
                    if (Long.parseLong(f[1]) == ppid) out.add(p.getFileName() + ":" + f[0]);
                } catch (IOException gone) {
                    // exited while we looked
                }
            }
        }
        return out;
    }

    /** A line of /proc/self/status as the container printed it, e.g. CapEff → 00000000a80425fb. */
    static String statusField(String status, String field) {
        return status.lines().filter(l -> l.startsWith(field + ":")).map(l -> l.substring(field.length() + 1).trim())
                .findFirst().orElseThrow(() -> new AssertionError("no " + field + " in " + status));
    }

    /**
     * A test-only seccomp filter (x86_64): mkdir and mkdirat fail with EPERM, everything else is allowed.
     * struct sock_filter { u16 code; u8 jt; u8 jf; u32 k; } in host (little-endian) order.
     */
    static Path denyMkdirFilter(Path file) throws IOException {
        int ld = 0x20, jeq = 0x15, ret = 0x06;
        int[][] prog = {
                {ld, 0, 0, 4},                 // 0: A = arch
                {jeq, 0, 3, 0xc000003e},       // 1: x86_64? else allow (5)
                {ld, 0, 0, 0},                 // 2: A = syscall number
                {jeq, 2, 0, 83},               // 3: mkdir → 6
                {jeq, 1, 0, 258},              // 4: mkdirat → 6
                {ret, 0, 0, 0x7fff0000},       // 5: SECCOMP_RET_ALLOW
                {ret, 0, 0, 0x00050000 | 1},   // 6: SECCOMP_RET_ERRNO | EPERM
        };
        ByteBuffer b = ByteBuffer.allocate(prog.length * 8).order(ByteOrder.LITTLE_ENDIAN);
        for (int[] i : prog) b.putShort((short) i[0]).put((byte) i[1]).put((byte) i[2]).putInt(i[3]);
        return Files.write(file, b.array());
    }
}
