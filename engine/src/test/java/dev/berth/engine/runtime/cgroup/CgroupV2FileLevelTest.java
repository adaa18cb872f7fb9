package dev.berth.engine.runtime.cgroup;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A FILE-LEVEL test of the cgroup v2 path: a temp directory shaped like a cgroup2 mount, with
 * the files the kernel would show, and assertions on exactly what berth writes. Why not the
 * real kernel: on the dev host every controller is bound to a v1 hierarchy, so its cgroup2
 * mount offers none (memory, cpu, pids, cpuset cannot be enabled there while v1 holds them);
 * {@link CgroupV2KernelTest} covers what that mount can do (join, freeze, kill, remove).
 */
class CgroupV2FileLevelTest {

    private static final Set<String> ALL = Set.of("cpuset", "cpu", "io", "memory", "pids");

    @TempDir
    Path root;

    private final List<String> writes = new ArrayList<>();
    private Path leaf;

    /** The tree as the kernel shows it: root, berth-test/ (offering what the root enables) and the leaf's knobs. */
    @BeforeEach
    void kernelLikeTree() throws Exception {
        write(root, "cgroup.controllers", "cpuset cpu io memory hugetlb pids rdma misc");
        write(root, "cgroup.subtree_control", "");
        Path parent = Files.createDirectories(root.resolve("berth-test"));
        write(parent, "cgroup.controllers", "cpuset cpu io memory pids");
        write(parent, "cgroup.subtree_control", "");
        leaf = Files.createDirectories(parent.resolve("c1"));
        Map<String, String> knobs = Map.ofEntries(
                Map.entry("cgroup.procs", ""), Map.entry("cgroup.freeze", "0"),
                Map.entry("cgroup.events", "populated 0\nfrozen 0"), Map.entry("cgroup.kill", ""),
                Map.entry("cpu.max", "max 100000"), Map.entry("cpu.weight", "100"),
                Map.entry("cpu.stat", "usage_usec 7\nuser_usec 5\nsystem_usec 2"),
                Map.entry("cpuset.cpus", ""), Map.entry("cpuset.mems", ""),
                Map.entry("memory.max", "max"), Map.entry("memory.swap.max", "max"), Map.entry("memory.current", "4096"),
                Map.entry("memory.events", "low 0\nhigh 0\nmax 0\noom 0\noom_kill 0"),
                Map.entry("pids.max", "max"), Map.entry("pids.current", "0"));
        for (var e : knobs.entrySet()) write(leaf, e.getKey(), e.getValue());
    }

    private static void write(Path dir, String file, String content) throws Exception {
        Files.writeString(dir.resolve(file), content);
    }

    private Cgroups cgroups(Set<String> offered) {
        return new Cgroups(new CgroupLayout.V2(root, offered), "berth-test", writes::add);
    }

    @Test
    void createEnablesControllersTopDownThenWritesEveryLimit() throws Exception {
        Resources r = Resources.NONE.withMemory(32 << 20).withMemorySwap(64 << 20).withCpus(0.5).withCpuShares(512)
                .withCpusetCpus("0").withCpusetMems("0").withPidsLimit(20);
        ContainerCgroup c = cgroups(ALL).create("c1", r);

        String rootCtl = root.resolve("cgroup.subtree_control") + "=";
        String parentCtl = root.resolve("berth-test/cgroup.subtree_control") + "=";
        String l = leaf + "/";
        assertEquals(List.of(
                rootCtl + "+cpuset", rootCtl + "+cpu", rootCtl + "+io", rootCtl + "+memory", rootCtl + "+pids",
                parentCtl + "+cpuset", parentCtl + "+cpu", parentCtl + "+io", parentCtl + "+memory", parentCtl + "+pids",
                l + "cpuset.cpus=0",
                l + "cpuset.mems=0",
                l + "memory.swap.max=33554432", // swap alone: memory+swap 64m minus memory 32m
                l + "memory.max=33554432",
                l + "cpu.weight=" + Resources.cpuWeight(512),
                l + "cpu.max=50000 100000",
                l + "pids.max=20"), writes);
        assertEquals(List.of(leaf.resolve("cgroup.procs")), c.procsFiles());
        assertEquals("50000 100000", Files.readString(leaf.resolve("cpu.max")));
    }

    @Test
    void alreadyEnabledControllersAreNotWrittenAgainAndUnsetLimitsNotAtAll() throws Exception {
        write(root, "cgroup.subtree_control", "cpuset cpu io memory pids");
        write(root.resolve("berth-test"), "cgroup.subtree_control", "cpu memory");
        cgroups(ALL).create("c1", Resources.NONE.withPidsLimit(0));

        String parentCtl = root.resolve("berth-test/cgroup.subtree_control") + "=";
        assertEquals(List.of(parentCtl + "+cpuset", parentCtl + "+io", parentCtl + "+pids", leaf + "/pids.max=max"), writes);
        assertEquals("max", Files.readString(leaf.resolve("memory.max")));
    }

    @Test
    void aLimitWhoseControllerIsNotOfferedIsRefusedByName() {
        write(() -> root.resolve("berth-test/cgroup.controllers"), "cpu");
        var e = assertThrows(CgroupException.class, () -> cgroups(Set.of("cpu")).create("c1", Resources.NONE.withMemory(1 << 20)));
        assertTrue(e.getMessage().contains("does not offer the memory controller"), e.getMessage());
        assertTrue(e.getMessage().contains("--memory"), e.getMessage());
    }

    @Test
    void swapLimitWithoutSwapAccountingSaysSo() throws Exception {
        Files.delete(leaf.resolve("memory.swap.max"));
        var e = assertThrows(CgroupException.class,
                () -> cgroups(ALL).create("c1", Resources.NONE.withMemory(1 << 20).withMemorySwap(2 << 20)));
        assertTrue(e.getMessage().contains("no swap accounting"), e.getMessage());
    }

    @Test
    void freezeWritesCgroupFreezeAndWaitsForTheEvent() throws Exception {
        ContainerCgroup c = cgroups(ALL).open("c1");
        write(leaf, "cgroup.events", "populated 1\nfrozen 1"); // what the kernel reports once all tasks stopped
        c.freeze();
        assertEquals(List.of(leaf + "/cgroup.freeze=1"), writes);
        assertTrue(c.frozen());
        write(leaf, "cgroup.events", "populated 1\nfrozen 0");
        c.thaw();
        assertEquals(List.of(leaf + "/cgroup.freeze=1", leaf + "/cgroup.freeze=0"), writes);
        assertFalse(c.frozen());
    }

    @Test
    void killAllUsesCgroupKill() throws Exception {
        cgroups(ALL).open("c1").killAll();
        assertEquals(List.of(leaf + "/cgroup.kill=1"), writes);
    }

    @Test
    void statsAndOomComeFromTheV2Files() throws Exception {
        ContainerCgroup c = cgroups(ALL).open("c1");
        assertEquals(new CgroupStats(7000, 4096, -1, 0, -1), c.stats());
        assertFalse(c.oomKilled());
        write(leaf, "memory.max", "33554432");
        write(leaf, "pids.max", "20");
        write(leaf, "pids.current", "3");
        write(leaf, "memory.events", "low 0\nhigh 0\nmax 12\noom 1\noom_kill 1");
        assertEquals(new CgroupStats(7000, 4096, 33554432, 3, 20), c.stats());
        assertTrue(c.oomKilled());
    }

    private interface PathSupplier {
        Path get();
    }

    private static void write(PathSupplier file, String content) {
        try {
            Files.writeString(file.get(), content);
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }
}
