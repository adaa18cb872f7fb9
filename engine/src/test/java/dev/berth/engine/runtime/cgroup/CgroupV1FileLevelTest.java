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
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * File-level checks of v1 cases the dev host cannot show: a kernel without swap accounting
 * (no memory.memsw.* files) and cpu+cpuacct co-mounted in one hierarchy. The rest of v1 runs
 * on the real kernel in {@link CgroupV1KernelTest}.
 */
class CgroupV1FileLevelTest {

    @TempDir
    Path root;

    private final List<String> writes = new ArrayList<>();

    private CgroupLayout.V1 layout() throws Exception {
        Path cpu = Files.createDirectories(root.resolve("cpu,cpuacct/berth-test/c1"));
        Path memory = Files.createDirectories(root.resolve("memory/berth-test/c1"));
        Files.writeString(memory.resolve("memory.limit_in_bytes"), "9223372036854771712");
        for (String f : List.of("cpu.cfs_period_us", "cpu.cfs_quota_us", "cpu.shares")) Files.writeString(cpu.resolve(f), "");
        Path comounted = root.resolve("cpu,cpuacct");
        return new CgroupLayout.V1(Map.of("cpu", comounted, "cpuacct", comounted, "memory", root.resolve("memory")),
                Optional.empty());
    }

    @Test
    void swapLimitWithoutSwapAccountingIsRefusedWithTheFix() throws Exception {
        Cgroups cgroups = new Cgroups(layout(), "berth-test", writes::add);
        assertFalse(cgroups.swapAccounting());
        var e = assertThrows(CgroupException.class,
                () -> cgroups.open("c1").apply(Resources.NONE.withMemory(32 << 20).withMemorySwap(64 << 20)));
        assertTrue(e.getMessage().contains("no swap accounting") && e.getMessage().contains("swapaccount=1"), e.getMessage());
        assertEquals(List.of(), writes, "nothing written when the request cannot be met whole");

        cgroups.open("c1").apply(Resources.NONE.withMemory(32 << 20).withMemorySwap(64 << 20).withoutSwapLimit());
        assertEquals(List.of(root.resolve("memory/berth-test/c1/memory.limit_in_bytes") + "=33554432"), writes);
    }

    @Test
    void coMountedCpuAndCpuacctShareOneDirectoryAndOneProcsFile() throws Exception {
        ContainerCgroup c = new Cgroups(layout(), "berth-test", writes::add).open("c1");
        assertEquals(List.of(root.resolve("cpu,cpuacct/berth-test/c1/cgroup.procs"), root.resolve("memory/berth-test/c1/cgroup.procs")),
                c.procsFiles());
        c.apply(Resources.NONE.withCpus(1.5));
        String cpu = root.resolve("cpu,cpuacct/berth-test/c1") + "/";
        assertEquals(List.of(cpu + "cpu.cfs_period_us=100000", cpu + "cpu.cfs_quota_us=150000"), writes);
    }
}
