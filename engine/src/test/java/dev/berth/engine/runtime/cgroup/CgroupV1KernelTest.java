package dev.berth.engine.runtime.cgroup;

import static dev.berth.engine.runtime.cgroup.KernelProcesses.awaitExit;
import static dev.berth.engine.runtime.cgroup.KernelProcesses.release;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The v1 path on the real kernel (this host: every controller on a v1 hierarchy). Needs root. */
class CgroupV1KernelTest {

    private final String parent = "berth-test-" + UUID.randomUUID().toString().substring(0, 8);
    private final KernelProcesses processes = new KernelProcesses();
    private final List<String> writes = new ArrayList<>();
    private Cgroups cgroups;
    private CgroupLayout.V1 layout;

    @BeforeEach
    void onV1AsRoot() throws Exception {
        assumeTrue(KernelProcesses.isRoot(), "cgroup kernel tests need root");
        CgroupLayout detected = CgroupLayout.detect();
        assumeTrue(detected instanceof CgroupLayout.V1, "host is not cgroup v1/hybrid: " + detected);
        layout = (CgroupLayout.V1) detected;
        for (String c : List.of("memory", "cpu", "cpuacct", "cpuset", "pids", "freezer")) {
            assumeTrue(layout.controllers().containsKey(c), "v1 controller " + c + " is not mounted");
        }
        cgroups = new Cgroups(layout, parent, writes::add);
    }

    /** Kill, remove, and prove nothing with this test's prefix is left in any hierarchy. */
    @AfterEach
    void leaveNothing() throws Exception {
        if (cgroups == null) return;
        try {
            for (String id : cgroups.list()) cgroups.open(id).killAll();
        } finally {
            processes.close();
            for (String id : cgroups.list()) cgroups.open(id).remove();
            cgroups.removeParent();
        }
        for (Path mount : layout.controllers().values()) {
            try (var entries = Files.list(mount)) {
                assertEquals(List.of(), entries.filter(p -> p.getFileName().toString().startsWith(parent)).toList());
            }
        }
    }

    private static String read(Path dir, String file) throws Exception {
        return Files.readString(dir.resolve(file)).strip();
    }

    private Path dir(String controller, String id) {
        return layout.controllers().get(controller).resolve(parent).resolve(id);
    }

    @Test
    void limitsReadBackFromTheKernelFiles() throws Exception {
        Resources r = Resources.NONE.withMemory(32 << 20).withPidsLimit(20).withCpus(0.5).withCpusetCpus("0")
                .withCpuShares(512);
        ContainerCgroup c = cgroups.create("c1", r);

        assertEquals("33554432", read(dir("memory", "c1"), "memory.limit_in_bytes"));
        assertEquals("50000", read(dir("cpu", "c1"), "cpu.cfs_quota_us"));
        assertEquals("100000", read(dir("cpu", "c1"), "cpu.cfs_period_us"));
        assertEquals("512", read(dir("cpu", "c1"), "cpu.shares"));
        assertEquals("20", read(dir("pids", "c1"), "pids.max"));
        assertEquals("0", read(dir("cpuset", "c1"), "cpuset.cpus"));
        // mems copied down from the root: cpuset refuses tasks without it
        assertEquals(read(layout.controllers().get("cpuset"), "cpuset.mems"), read(dir("cpuset", "c1"), "cpuset.mems"));
        assertEquals(read(layout.controllers().get("cpuset"), "cpuset.cpus"),
                read(layout.controllers().get("cpuset").resolve(parent), "cpuset.cpus"));
        // one cgroup.procs per hierarchy, each in that hierarchy's leaf
        assertEquals(layout.controllers().values().stream().distinct().count(), c.procsFiles().size());
        for (Path procs : c.procsFiles()) assertTrue(Files.exists(procs), procs.toString());
    }

    @Test
    void unsetFieldsAreNotWritten() throws Exception {
        cgroups.create("c1", Resources.NONE.withPidsLimit(7));
        // only the cpuset inheritance (parent and leaf) and the one limit asked for
        List<String> knobs = writes.stream().map(w -> Path.of(w.substring(0, w.indexOf('='))).getFileName().toString())
                .toList();
        assertEquals(List.of("cpuset.cpus", "cpuset.mems", "cpuset.cpus", "cpuset.mems", "pids.max"), knobs);
        assertEquals("9223372036854771712", read(dir("memory", "c1"), "memory.limit_in_bytes"));
        assertEquals("-1", read(dir("cpu", "c1"), "cpu.cfs_quota_us"));
    }

    @Test
    void swapLimitWritesInTheOrderTheKernelAccepts() throws Exception {
        assumeTrue(cgroups.swapAccounting(), "kernel without swap accounting (memory.memsw.* missing)");
        ContainerCgroup c = cgroups.create("c1", Resources.NONE.withMemory(32 << 20).withMemorySwap(64 << 20));
        assertEquals(String.valueOf(64 << 20), read(dir("memory", "c1"), "memory.memsw.limit_in_bytes"));
        // raising memory above the current memory+swap works only with memsw written first …
        c.apply(Resources.NONE.withMemory(128 << 20).withMemorySwap(256 << 20));
        assertEquals(String.valueOf(128 << 20), read(dir("memory", "c1"), "memory.limit_in_bytes"));
        assertEquals(String.valueOf(256 << 20), read(dir("memory", "c1"), "memory.memsw.limit_in_bytes"));
        // … and lowering memory+swap below the current memory only with memory written first
        c.apply(Resources.NONE.withMemory(16 << 20).withMemorySwap(16 << 20));
        assertEquals(String.valueOf(16 << 20), read(dir("memory", "c1"), "memory.limit_in_bytes"));
        assertEquals(String.valueOf(16 << 20), read(dir("memory", "c1"), "memory.memsw.limit_in_bytes"));
    }

    @Test
    void aProcessJoinsEveryHierarchyBeforeItRuns() throws Exception {
        ContainerCgroup c = cgroups.create("c1", Resources.NONE.withPidsLimit(20));
        Process p = processes.suspended("exec sleep 300");
        c.addProcess(p.pid());
        release(p);

        assertEquals(List.of(p.pid()), c.pids());
        List<String> lines = KernelProcesses.cgroupLines(p.pid());
        for (String controller : List.of("memory", "cpu", "cpuacct", "cpuset", "pids", "freezer")) {
            assertTrue(lines.stream().anyMatch(l -> l.matches("\\d+:([^:]*,)?" + controller + "(,[^:]*)?:/" + parent + "/c1")),
                    controller + " not in " + lines);
        }
        c.killAll();
        assertEquals(137, awaitExit(p));
        assertEquals(List.of(), c.pids());
    }

    @Test
    void aMemoryHogIsOomKilledInsideTheLimit() throws Exception {
        Resources r = Resources.NONE.withMemory(32 << 20);
        if (cgroups.swapAccounting()) r = r.withMemorySwap(32 << 20); // no escape into swap
        ContainerCgroup c = cgroups.create("c1", r);
        assertFalse(c.oomKilled());
        // tail keeps the "last lines" of an endless line: its buffer grows until the limit
        Process hog = processes.suspended("exec tail /dev/zero");
        c.addProcess(hog.pid());
        release(hog);

        assertEquals(137, awaitExit(hog), "SIGKILL by the OOM killer");
        assertTrue(c.oomKilled());
        // it grew right up to the limit (failcnt is no proof: with memsw = memory this kernel leaves both at 0)
        assertEquals(String.valueOf(32 << 20), read(dir("memory", "c1"), "memory.max_usage_in_bytes"));
    }

    @Test
    void pidsMaxCapsAForkLoop() throws Exception {
        ContainerCgroup c = cgroups.create("c1", Resources.NONE.withPidsLimit(20));
        Process sh = processes.suspended("for i in $(seq 100); do sleep 300 & done; echo all forked");
        c.addProcess(sh.pid());
        release(sh);

        int exit = awaitExit(sh);
        String out = new String(sh.getInputStream().readAllBytes());
        assertFalse(out.contains("all forked"), "every fork succeeded: " + out);
        assertTrue(exit != 0);
        // the shell's children (some may not have exec'd sleep yet); the shell held the 20th slot
        // while forking, so 19 fit (dash stops at the first failed fork)
        List<Long> sleeps = c.pids();
        assertEquals(19, sleeps.size(), sleeps.toString());
        assertFalse(sleeps.contains(sh.pid()));
        assertTrue(CgroupFiles.readKey(dir("pids", "c1").resolve("pids.events"), "max") > 0, "pids.events max counts refused forks");

        c.killAll();
        assertEquals(List.of(), c.pids());
        // dead: gone, or a zombie until PID 1 (their reaper since the shell exited) collects it
        for (long pid : sleeps) {
            char state = KernelProcesses.state(pid);
            assertTrue(state == 'X' || state == 'Z', "sleep " + pid + " is in state " + state);
        }
    }

    @Test
    void freezeStopsTheProcessesAndThawLetsThemRun() throws Exception {
        ContainerCgroup c = cgroups.create("c1", Resources.NONE);
        Process p = processes.suspended("exec sleep 300");
        c.addProcess(p.pid());
        release(p);
        awaitState(p.pid(), 'S');

        c.freeze();
        assertTrue(c.frozen());
        assertEquals("FROZEN", read(dir("freezer", "c1"), "freezer.state"));
        // the v1 freezer parks tasks in an uninterruptible wait: /proc shows D (not S)
        assertEquals('D', KernelProcesses.state(p.pid()));

        c.thaw();
        assertFalse(c.frozen());
        assertEquals("THAWED", read(dir("freezer", "c1"), "freezer.state"));
        awaitState(p.pid(), 'S');
    }

    @Test
    void statsReportUsageAndLimits() throws Exception {
        ContainerCgroup c = cgroups.create("c1", Resources.NONE.withMemory(32 << 20).withPidsLimit(20));
        Process busy = processes.suspended("i=0; while [ $i -lt 300000 ]; do i=$((i+1)); done");
        c.addProcess(busy.pid());
        release(busy);
        assertEquals(0, awaitExit(busy));
        Process sleeper = processes.suspended("exec sleep 300");
        c.addProcess(sleeper.pid());
        release(sleeper);

        CgroupStats s = c.stats();
        assertTrue(s.cpuUsageNanos() > 10_000_000, "300000 shell loop rounds take well over 10 ms of CPU: " + s);
        assertTrue(s.memoryUsageBytes() > 0 && s.memoryUsageBytes() <= 32 << 20, s.toString());
        assertEquals(32L << 20, s.memoryLimitBytes());
        assertEquals(1, s.pidsCurrent());
        assertEquals(20, s.pidsLimit());

        CgroupStats unlimited = cgroups.create("c2", Resources.NONE).stats();
        assertEquals(-1, unlimited.memoryLimitBytes());
        assertEquals(-1, unlimited.pidsLimit());
        assertEquals(0, unlimited.pidsCurrent());
    }

    @Test
    void removeWhileBusyNamesTheDirectoryThenSucceedsAfterKill() throws Exception {
        ContainerCgroup c = cgroups.create("c1", Resources.NONE);
        Process p = processes.suspended("exec sleep 300");
        c.addProcess(p.pid());
        release(p);

        var busy = assertInstanceOf(CgroupBusyException.class, assertThrows(CgroupException.class, () -> c.remove(100)));
        assertTrue(busy.getMessage().contains(parent + "/c1"), busy.getMessage());
        assertEquals(List.of(p.pid()), busy.pids());

        c.killAll();
        c.remove();
        for (Path d : c.directories()) assertFalse(Files.exists(d), d + " still exists");
        assertEquals(java.util.Set.of(), cgroups.list());
    }

    @Test
    void aFailedCreateRemovesWhatItMade() throws Exception {
        // cpuset 99 does not exist on this machine: the kernel refuses the write
        var e = assertThrows(CgroupException.class, () -> cgroups.create("c1", Resources.NONE.withCpusetCpus("99")));
        assertTrue(e.getMessage().contains("cpuset.cpus"), e.getMessage());
        assertEquals(java.util.Set.of(), cgroups.list());
    }

    @Test
    void openFindsAnExistingCgroup() throws Exception {
        cgroups.create("c1", Resources.NONE.withPidsLimit(5));
        assertEquals(java.util.Set.of("c1"), cgroups.list());
        assertEquals(5, cgroups.open("c1").stats().pidsLimit());
    }

    private static void awaitState(long pid, char wanted) throws Exception {
        for (int i = 0; i < 6000 && KernelProcesses.state(pid) != wanted; i++) Thread.sleep(10);
        assertEquals(wanted, KernelProcesses.state(pid));
    }
}
