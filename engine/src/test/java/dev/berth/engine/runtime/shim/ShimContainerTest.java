package dev.berth.engine.runtime.shim;

import dev.berth.engine.container.Capability;
import dev.berth.engine.container.DockerDefaults;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** berth-shim on the real kernel, as root, with a busybox rootfs: what a container must see and not see. */
class ShimContainerTest {

    @TempDir
    Path tmp;
    ShimFixture f;

    @BeforeEach
    void setUp() throws Exception {
        f = new ShimFixture(tmp);
    }

    @AfterEach
    void nothingLeft() throws Exception {
        if (f != null) f.assertNothingLeft();
    }

    @Test
    void echoHiIsLoggedAsJsonLinesAndExitsZero() throws Exception {
        Instant before = Instant.now();
        ShimResult r = f.run("echo", "hi");
        assertEquals(0, r.shimExitCode(), r.messages());
        assertEquals(0, r.exit().exitCode());
        assertEquals(0, r.exit().signal());
        assertEquals(List.of(new LogEntry("hi\n", "stdout", r.log().getFirst().time())), r.log());
        assertFalse(r.log().getFirst().time().isBefore(before.minusSeconds(1)), "log time " + r.log().getFirst().time());
        assertFalse(r.exit().finishedAt().isBefore(r.log().getFirst().time()));
        assertTrue(r.exit().error().isEmpty());
    }

    @Test
    void exitCodePassesThrough() throws Exception {
        ShimResult r = f.run("sh", "-c", "echo out; echo err >&2; exit 3");
        assertEquals(3, r.shimExitCode(), r.messages());
        assertEquals(3, r.exit().exitCode());
        assertEquals("out\n", r.stdout());
        assertEquals("err\n", r.stderr());
    }

    @Test
    void pid1IsTheCommand() throws Exception {
        assertEquals("1\n", f.run("sh", "-c", "echo $$").stdout());
    }

    @Test
    void hostProcessesAreInvisible() throws Exception {
        ShimResult r = f.run("ls", "/proc");
        List<String> pids = r.stdout().lines().filter(l -> l.chars().allMatch(Character::isDigit)).toList();
        assertEquals(List.of("1"), pids, r.stdout());
        String ps = f.run("ps", "-o", "pid,comm").stdout();
        assertEquals(List.of("1"), ps.lines().skip(1).map(l -> l.trim().split("\\s+")[0]).toList(), ps);
    }

    @Test
    void hostnameIsTheSpecs() throws Exception {
        assertEquals("box1\n", f.run("cat", "/proc/sys/kernel/hostname").stdout());
        assertEquals("other\n", f.run(f.spec("hostname").hostname("other").build()).stdout());
    }

    @Test
    void capabilitiesAreDockersDefaultSetAndNoNewPrivsIsOff() throws Exception {
        String status = f.run("cat", "/proc/self/status").stdout();
        String docker = String.format("%016x", Capability.mask(DockerDefaults.CAPABILITIES));
        assertEquals("00000000a80425fb", docker, "Docker's 14 default capabilities");
        assertEquals(docker, ShimFixture.statusField(status, "CapEff"));
        assertEquals(docker, ShimFixture.statusField(status, "CapPrm"));
        assertEquals(docker, ShimFixture.statusField(status, "CapBnd"));
        assertEquals("0000000000000000", ShimFixture.statusField(status, "CapInh"));
        assertEquals("0000000000000000", ShimFixture.statusField(status, "CapAmb"));
        assertEquals("0", ShimFixture.statusField(status, "NoNewPrivs"));
        assertEquals("0", ShimFixture.statusField(status, "Seccomp"));
    }

    @Test
    void noNewPrivsWhenAsked() throws Exception {
        String status = f.run(f.spec("cat", "/proc/self/status").noNewPrivileges(true).build()).stdout();
        assertEquals("1", ShimFixture.statusField(status, "NoNewPrivs"));
    }

    @Test
    void aNonRootUserLosesCapabilitiesAtExecUnlessAmbient() throws Exception {
        var user = new ShimSpec.User(65534, 65534, List.of(10, 20));
        var bind = java.util.Set.of(Capability.NET_BIND_SERVICE);
        String out = f.run(f.spec("sh", "-c", "id; grep Cap /proc/self/status").user(user)
                .capabilities(Capabilities.of(bind)).build()).stdout();
        assertTrue(out.startsWith("uid=65534(nobody) gid=65534(nobody) groups=10,20"), out);
        // as with Docker: exec as non-root without file capabilities clears permitted and effective
        assertEquals("0000000000000000", ShimFixture.statusField(out, "CapEff"));
        assertEquals("0000000000000400", ShimFixture.statusField(out, "CapBnd"));
        String ambient = f.run(f.spec("cat", "/proc/self/status").user(user)
                .capabilities(new Capabilities(bind, bind, bind, bind, bind)).build()).stdout();
        assertEquals("0000000000000400", ShimFixture.statusField(ambient, "CapEff"));
        assertEquals("0000000000000400", ShimFixture.statusField(ambient, "CapAmb"));
    }

    @Test
    void mountAndWritingProcSysFail() throws Exception {
        ShimResult r = f.run("sh", "-c", "mkdir -p /mnt; mount -t tmpfs none /mnt; echo mount=$?;"
                + " echo evil > /proc/sys/kernel/hostname; echo write=$?; cat /proc/sys/kernel/hostname");
        List<String> lines = r.stdout().lines().toList();
        assertNotEquals("mount=0", lines.get(0), r.stderr());
        assertTrue(lines.get(0).startsWith("mount="), r.stdout());
        assertNotEquals("write=0", lines.get(1), r.stderr());
        assertEquals("box1", lines.get(2));
        assertTrue(r.stderr().contains("Read-only file system"), r.stderr());
    }

    @Test
    void writesLandInTheUpperDirOnly() throws Exception {
        ShimResult r = f.run("sh", "-c", "echo data > /newfile && echo changed >> /etc/group && cat /etc/passwd | head -1");
        assertEquals(0, r.exit().exitCode(), r.stderr());
        assertEquals("root:x:0:0:root:/root:/bin/sh\n", r.stdout());
        assertEquals("data\n", Files.readString(f.upper.resolve("newfile")));
        assertFalse(Files.exists(f.lower.resolve("newfile")));
        assertTrue(Files.readString(f.upper.resolve("etc/group")).endsWith("changed\n"));
        assertFalse(Files.readString(f.lower.resolve("etc/group")).contains("changed"));
    }

    @Test
    void commandNotFoundIs127WithAClearMessage() throws Exception {
        ShimResult r = f.run("nosuchcmd", "x");
        assertEquals(127, r.shimExitCode());
        assertEquals(127, r.exit().exitCode());
        assertEquals("exec: \"nosuchcmd\": executable file not found in $PATH", r.exit().error().orElseThrow());
        assertTrue(r.messages().contains("executable file not found"), r.messages());
        assertEquals(127, f.run("/bin/nosuch").exit().exitCode());
    }

    @Test
    void aFileThatCannotBeExecutedIs126() throws Exception {
        ShimResult r = f.run("/etc/passwd");
        assertEquals(126, r.exit().exitCode(), r.messages());
        assertTrue(r.exit().error().orElseThrow().contains("permission denied"), r.exit().toString());
    }

    @Test
    void sigtermIsForwardedToPid1() throws Exception {
        ShimProcess p = f.start(f.spec("sh", "-c",
                "trap 'echo got TERM; exit 7' TERM; echo ready; while true; do sleep 1 & wait; done").build());
        ShimFixture.awaitLog(p, "ready");
        p.signal(ShimProcess.SIGTERM);
        assertEquals(7, p.waitFor(Duration.ofSeconds(20)), p.messages());
        assertEquals(7, p.exitStatus().orElseThrow().exitCode());
        assertTrue(LogEntry.text(p.log(), "stdout").contains("got TERM"));
    }

    @Test
    void initIsPid1ReapsZombiesAndForwardsSignals() throws Exception {
        ShimProcess p = f.start(f.spec("sh", "-c",
                "echo pid=$$; (sleep 0 &); (sleep 0 &); (sleep 0 &); echo ready; exec sleep 1000").init(true).build());
        ShimFixture.awaitLog(p, "ready");
        assertTrue(LogEntry.text(p.log(), "stdout").startsWith("pid=2\n"), "the command runs as PID 2 under init");
        long init = p.containerPid().orElseThrow();
        // the orphaned sleeps are re-parented to init: once they ended, init must have reaped them
        long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
        List<String> children = ShimFixture.childrenOf(init);
        while (children.size() != 1 && System.nanoTime() < deadline) {
            Thread.sleep(20);
            children = ShimFixture.childrenOf(init);
        }
        assertEquals(1, children.size(), "init's children (zombies not reaped?): " + children);
        assertFalse(children.getFirst().endsWith(":Z"), children.toString());
        p.signal(ShimProcess.SIGTERM);
        assertEquals(128 + 15, p.waitFor(Duration.ofSeconds(20)), p.messages());
    }

    @Test
    void seccompFilterIsLoaded() throws Exception {
        Path filter = ShimFixture.denyMkdirFilter(tmp.resolve("deny-mkdir.bpf"));
        org.junit.jupiter.api.Assumptions.assumeTrue(System.getProperty("os.arch").equals("amd64"), "skipped: the test filter is for x86_64");
        ShimResult r = f.run(f.spec("sh", "-c", "mkdir /made; echo rc=$?; grep Seccomp: /proc/self/status")
                .seccompFilter(filter).build());
        assertTrue(r.stdout().startsWith("rc=1\n"), r.stdout() + r.stderr());
        assertEquals("2", ShimFixture.statusField(r.stdout(), "Seccomp"));
        assertTrue(r.stderr().contains("Operation not permitted"), r.stderr());
        assertFalse(Files.exists(f.upper.resolve("made")));
        // and with no_new_privs the filter is loaded after the capability drop
        ShimResult nnp = f.run(f.spec("mkdir", "/made").seccompFilter(filter).noNewPrivileges(true).build());
        assertEquals(1, nnp.exit().exitCode(), nnp.stderr());
        assertEquals(0, f.run("mkdir", "/made").exit().exitCode(), "without the filter mkdir works");
    }

    @Test
    void rlimitsAreAppliedAndAHardLimitAboveOursFailsClearly() throws Exception {
        ShimResult ok = f.run(f.spec("sh", "-c", "ulimit -n; ulimit -Hn")
                .rlimits(List.of(new ShimSpec.Rlimit("nofile", 100, 200))).build());
        assertEquals("100\n200\n", ok.stdout(), ok.messages());
        long hard = hardNofile();
        org.junit.jupiter.api.Assumptions.assumeFalse(hasCapability(24), "skipped: this root has CAP_SYS_RESOURCE, raising works");
        ShimResult r = f.run(f.spec("true").rlimits(List.of(new ShimSpec.Rlimit("RLIMIT_NOFILE", hard + 1, hard + 1))).build());
        assertEquals(125, r.exit().exitCode());
        String error = r.exit().error().orElseThrow();
        assertTrue(error.contains("RLIMIT_NOFILE") && error.contains("CAP_SYS_RESOURCE") && error.contains("at most " + hard), error);
    }

    @Test
    void bindMountsAndTmpfsAreInPlace() throws Exception {
        Path hosts = Files.writeString(tmp.resolve("hosts"), "127.0.0.1 localhost\n");
        Path data = Files.createDirectories(tmp.resolve("data"));
        ShimSpec spec = f.spec("sh", "-c", "cat /etc/hosts; echo x >> /etc/hosts || echo ro; echo written > /data/f;"
                        + " grep ' /run ' /proc/mounts; grep ' /dev/shm ' /proc/mounts")
                .mounts(List.of(new ShimSpec.BindMount(hosts, "/etc/hosts", true),
                        new ShimSpec.BindMount(data, "/data", false, "rprivate"),
                        new ShimSpec.Tmpfs("/run", "size=1m,mode=755,noexec"))).build();
        ShimResult r = f.run(spec);
        List<String> lines = r.stdout().lines().toList();
        assertEquals(0, r.exit().exitCode(), r.messages() + r.stderr());
        assertEquals("127.0.0.1 localhost", lines.get(0), r.stdout() + r.stderr());
        assertEquals("ro", lines.get(1));
        assertTrue(lines.get(2).startsWith("tmpfs /run tmpfs rw,nosuid,nodev,noexec"), "noexec is a flag, not tmpfs data: " + lines.get(2));
        assertTrue(lines.get(2).contains("size=1024k"), lines.get(2));
        assertTrue(lines.get(3).contains("size=65536k"), lines.get(3));
        assertEquals("written\n", Files.readString(data.resolve("f")));
        assertEquals("127.0.0.1 localhost\n", Files.readString(hosts));
        assertFalse(Files.exists(f.upper.resolve("data/f")));
    }

    @Test
    void readOnlyRootfs() throws Exception {
        ShimSpec base = f.spec("sh", "-c", "touch /x || echo denied; echo ok > /dev/shm/y && cat /dev/shm/y").build();
        ShimResult r = f.run(base.toBuilder().rootfs(base.rootfs().readOnly(true)).build());
        assertEquals("denied\nok\n", r.stdout(), r.stderr());
        assertFalse(Files.exists(f.upper.resolve("x")));
    }

    @Test
    void devHasTheStandardDevicesAndMaskedPathsAreEmpty() throws Exception {
        ShimResult r = f.run("sh", "-c", "ls /dev | tr '\\n' ' '; echo; head -c 4 /dev/zero | wc -c; echo x > /dev/null && echo null-ok;"
                + " cat /proc/timer_list | wc -c; ls /sys/firmware | wc -l; grep -c devpts /proc/mounts");
        List<String> lines = r.stdout().lines().toList();
        assertEquals(0, r.exit().exitCode(), r.messages() + r.stderr());
        List<String> dev = Arrays.asList(lines.get(0).trim().split(" "));
        for (String d : List.of("null", "zero", "full", "random", "urandom", "tty", "ptmx", "pts", "shm", "mqueue",
                "fd", "stdin", "stdout", "stderr")) {
            assertTrue(dev.contains(d), "/dev has no " + d + ": " + dev);
        }
        assertEquals(List.of("4", "null-ok", "0", "0", "1"), lines.subList(1, Math.min(6, lines.size())), r.stdout() + r.stderr());
    }

    @Test
    void networkNoneHasOnlyLoopbackUp() throws Exception {
        ShimResult r = f.run("cat", "/proc/net/dev");
        List<String> ifaces = r.stdout().lines().skip(2).map(l -> l.trim().split(":")[0]).toList();
        assertEquals(List.of("lo"), ifaces);
        ShimResult host = f.run(f.spec("cat", "/proc/net/dev").network(ShimSpec.Network.HOST).build());
        assertTrue(host.stdout().lines().skip(2).count() > 1, "host network shows the host's interfaces: " + host.stdout());
    }

    @Test
    void theContainerJoinsItsCgroupBeforeItRuns() throws Exception {
        Path cg = Path.of("/sys/fs/cgroup/pids/berth-shim-test-" + ProcessHandle.current().pid());
        org.junit.jupiter.api.Assumptions.assumeTrue(Files.isDirectory(cg.getParent()), "skipped: no cgroup v1 pids hierarchy");
        Files.createDirectories(cg);
        try {
            Files.writeString(cg.resolve("pids.max"), "1");
            // PID 1 is the only task the cgroup allows: a fork fails, so it was inside from its first instruction
            ShimResult r = f.run(f.spec("sh", "-c", "echo start; (true); echo after")
                    .cgroupProcs(List.of(cg.resolve("cgroup.procs"))).build());
            assertTrue(r.stdout().startsWith("start\n"), r.stdout() + r.stderr() + r.messages());
            assertTrue(r.stderr().contains("can't fork"), r.stderr());
            ShimResult ns = f.run(f.spec("cat", "/proc/self/cgroup").cgroupProcs(List.of(cg.resolve("cgroup.procs"))).build());
            assertTrue(ns.stdout().contains(":pids:/\n"), "the cgroup namespace's root is the container's cgroup: " + ns.stdout());
        } finally {
            Files.delete(cg);
        }
    }

    @Test
    void theContainerJoinsEveryCgroupGiven() throws Exception {
        String name = "berth-shim-test-" + ProcessHandle.current().pid();
        List<Path> dirs = new java.util.ArrayList<>();
        for (String hierarchy : List.of("pids", "freezer", "unified")) {
            Path root = Path.of("/sys/fs/cgroup", hierarchy);
            if (Files.isRegularFile(root.resolve("cgroup.procs"))) dirs.add(Files.createDirectories(root.resolve(name)));
        }
        org.junit.jupiter.api.Assumptions.assumeTrue(dirs.size() >= 2, "skipped: needs two cgroup hierarchies");
        try {
            ShimProcess p = f.start(f.spec("sh", "-c", "echo ready; exec sleep 1000")
                    .cgroupProcs(dirs.stream().map(d -> d.resolve("cgroup.procs")).toList()).build());
            ShimFixture.awaitLog(p, "ready");
            long pid = p.containerPid().orElseThrow();
            List<String> cgroups = Files.readAllLines(Path.of("/proc/" + pid + "/cgroup"));
            for (Path d : dirs) {
                String hierarchy = d.getParent().getFileName().toString();
                String prefix = hierarchy.equals("unified") ? "0::" : "";
                assertTrue(cgroups.stream().anyMatch(l -> l.endsWith(":/" + name) && (prefix.isEmpty() ? l.contains(":" + hierarchy + ":") : l.startsWith(prefix))),
                        hierarchy + " not joined: " + cgroups);
            }
            ProcessHandle.of(pid).orElseThrow().destroyForcibly();
            p.waitFor(Duration.ofSeconds(20));
        } finally {
            for (Path d : dirs) {
                waitGone(f.dir.resolve("container.pid"));
                Files.delete(d);
            }
        }
    }

    @Test
    void overlayPathsWithCommasAndColonsAreEscaped() throws Exception {
        Path odd = dev.berth.engine.image.build.BusyboxRootfs.create(
                dev.berth.engine.image.build.BusyboxRootfs.DEFAULT_BINARY, tmp.resolve("l:a,y er"));
        Path upper = Files.createDirectories(tmp.resolve("u,p:per"));
        Path work = Files.createDirectories(tmp.resolve("w:ork"));
        ShimSpec spec = f.spec("sh", "-c", "echo ok > /f; cat /f").build();
        ShimResult r = f.run(spec.toBuilder().rootfs(ShimSpec.Rootfs.overlay(spec.rootfs().mountPoint(), List.of(odd), upper, work)).build());
        assertEquals("ok\n", r.stdout(), r.messages());
        assertTrue(Files.exists(upper.resolve("f")));
    }

    @Test
    void longLinesAreSplitAndTextIsEscaped() throws Exception {
        ShimResult r = f.run("sh", "-c", "printf 'q\"b\\\\s\\tt\\001\\n'; head -c 20000 /dev/zero | tr '\\0' x; echo; printf 'no newline'");
        List<LogEntry> log = r.log();
        assertEquals("q\"b\\s\tt\u0001\n", log.get(0).log());
        assertEquals(16384, log.get(1).log().length());
        assertEquals("x".repeat(20000 - 16384) + "\n", log.get(2).log());
        assertEquals("no newline", log.get(3).log());
        assertTrue(Files.readString(tmp.resolve("container.log")).contains("\\u0001"));
    }

    @Test
    void invalidUtf8BecomesReplacementCharacters() throws Exception {
        ShimResult r = f.run("printf", "caf\\303\\251 \\377!\\n");
        assertEquals("caf\u00e9 \ufffd!\n", r.log().getFirst().log());
    }

    @Test
    void environmentAndWorkingDirectory() throws Exception {
        ShimResult r = f.run(f.spec("sh", "-c", "pwd; echo \"$GREETING\"").env(List.of("PATH=/bin", "GREETING=a\tb c"))
                .cwd("/srv/app").build());
        assertEquals("/srv/app\na\tb c\n", r.stdout(), r.messages());
        assertTrue(Files.isDirectory(f.upper.resolve("srv/app")), "the working directory is created in the container's layer");
    }

    @Test
    void aKilledContainerReportsTheSignal() throws Exception {
        ShimProcess p = f.start(f.spec("sh", "-c", "echo ready; exec sleep 1000").build());
        ShimFixture.awaitLog(p, "ready");
        ProcessHandle.of(p.containerPid().orElseThrow()).orElseThrow().destroyForcibly();
        assertEquals(137, p.waitFor(Duration.ofSeconds(20)));
        ExitStatus exit = p.exitStatus().orElseThrow();
        assertEquals(137, exit.exitCode());
        assertEquals(9, exit.signal());
    }

    @Test
    void aContainerJoinsAnotherOnesNetworkNamespace() throws Exception {
        ShimProcess first = f.start(f.spec("sh", "-c", "readlink /proc/self/ns/net; echo ready; exec sleep 1000").build());
        ShimFixture.awaitLog(first, "ready");
        String netns = LogEntry.text(first.log(), "stdout").lines().findFirst().orElseThrow();
        Path path = Path.of("/proc/" + first.containerPid().orElseThrow() + "/ns/net");
        Path second = Files.createDirectories(tmp.resolve("second"));
        ShimSpec join = f.spec("readlink", "/proc/self/ns/net").network(ShimSpec.Network.join(path))
                .logFile(second.resolve("log")).exitFile(second.resolve("exit")).pidFile(null).shimPidFile(null).build();
        ShimResult r = f.runner.run(join, second.resolve("bundle"), Duration.ofSeconds(30));
        assertEquals(netns + "\n", r.stdout(), r.messages());
        assertNotEquals(Files.readSymbolicLink(Path.of("/proc/self/ns/net")).toString(), netns, "not the host's");
        ProcessHandle.of(first.containerPid().orElseThrow()).orElseThrow().destroyForcibly();
        first.waitFor(Duration.ofSeconds(20));
    }

    @Test
    void detachedShimReturnsOnceTheContainerRuns() throws Exception {
        ShimSpec spec = f.spec("sh", "-c", "echo started; sleep 1; echo done").build();
        assertEquals(0, f.runner.startDetached(spec, f.bundle, Duration.ofSeconds(20)));
        long shim = Long.parseLong(Files.readString(tmp.resolve("shim.pid")).trim());
        assertTrue(Files.exists(tmp.resolve("container.pid")));
        long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
        while (ExitStatus.read(tmp.resolve("exit.json")).isEmpty() && System.nanoTime() < deadline) Thread.sleep(20);
        assertEquals(0, ExitStatus.read(tmp.resolve("exit.json")).orElseThrow().exitCode());
        while (Files.exists(Path.of("/proc/" + shim)) && System.nanoTime() < deadline) Thread.sleep(20);
        assertFalse(Files.exists(Path.of("/proc/" + shim)), "the detached monitor exits after the container");
        assertEquals("started\ndone\n", LogEntry.text(LogEntry.readAll(tmp.resolve("container.log")), "stdout"));
        Files.delete(tmp.resolve("exit.json"));
        assertEquals(127, f.runner.startDetached(f.spec("nosuch").build(), f.bundle, Duration.ofSeconds(20)));
        assertEquals(127, ExitStatus.read(tmp.resolve("exit.json")).orElseThrow().exitCode(), "written before -d returns");
        assertTrue(Files.readString(f.bundle.resolve(ShimRunner.MESSAGES)).contains("executable file not found"));
    }

    @Test
    void killingTheMonitorKillsTheContainer() throws Exception {
        ShimProcess p = f.start(f.spec("sh", "-c", "echo ready; exec sleep 1000").build());
        ShimFixture.awaitLog(p, "ready");
        long container = p.containerPid().orElseThrow();
        assertTrue(Files.exists(Path.of("/proc/" + container)));
        p.destroy();
        p.waitFor(Duration.ofSeconds(20));
        waitGone(container);
        assertFalse(Files.exists(Path.of("/proc/" + container)), "container PID 1 outlived its monitor");
    }

    @Test
    void monitorRssIsSmall() throws Exception {
        ShimProcess p = f.start(f.spec("sh", "-c",
                "trap 'exit 0' TERM; echo ready; while true; do sleep 1 & wait; done").build());
        ShimFixture.awaitLog(p, "ready");
        long rssKb = Files.readAllLines(Path.of("/proc/" + p.pid() + "/status")).stream()
                .filter(l -> l.startsWith("VmRSS:")).map(l -> l.replaceAll("\\D", "")).mapToLong(Long::parseLong)
                .findFirst().orElseThrow();
        System.out.println("berth-shim monitor VmRSS: " + rssKb + " kB");
        // the overlay and every other mount live in the container's mount namespace only
        assertEquals(List.of(), dev.berth.engine.sys.MountTable.mountsUnder(tmp), "mounts leaked to the host");
        p.signal(ShimProcess.SIGTERM);
        assertEquals(0, p.waitFor(Duration.ofSeconds(20)));
        waitGone(p.containerPid().orElseThrow());
        assertTrue(rssKb <= 1024, "monitor RSS " + rssKb + " kB, target ≤ 1 MiB");
    }

    private static void waitGone(Path pidFile) throws Exception {
        if (Files.exists(pidFile)) waitGone(Long.parseLong(Files.readString(pidFile).trim()));
    }

    private static void waitGone(long pid) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
        while (Files.exists(Path.of("/proc/" + pid)) && System.nanoTime() < deadline) Thread.sleep(20);
    }

    private static long hardNofile() throws Exception {
        return Files.readAllLines(Path.of("/proc/self/limits")).stream().filter(l -> l.startsWith("Max open files"))
                .map(l -> l.trim().split("\\s+")).mapToLong(a -> Long.parseLong(a[4])).findFirst().orElseThrow();
    }

    private static boolean hasCapability(int cap) throws Exception {
        String eff = Files.readAllLines(Path.of("/proc/self/status")).stream().filter(l -> l.startsWith("CapEff:"))
                .findFirst().orElseThrow().substring(7).trim();
        return (Long.parseUnsignedLong(eff, 16) & (1L << cap)) != 0;
    }
}
