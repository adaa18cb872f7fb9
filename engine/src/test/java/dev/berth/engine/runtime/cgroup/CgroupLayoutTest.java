package dev.berth.engine.runtime.cgroup;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CgroupLayoutTest {

    /** This host's shape: every controller on its own v1 hierarchy, plus an empty cgroup2. */
    private static final String HYBRID_MOUNTINFO = """
            31 23 0:28 / /sys/fs/cgroup rw,relatime - tmpfs tmpfs rw,mode=755
            32 31 0:29 / /sys/fs/cgroup/cpu rw,relatime - cgroup cgroup rw,cpu
            33 31 0:30 / /sys/fs/cgroup/cpuacct rw,relatime - cgroup cgroup rw,cpuacct
            34 31 0:31 / /sys/fs/cgroup/cpuset rw,relatime - cgroup cgroup rw,cpuset
            35 31 0:32 / /sys/fs/cgroup/memory rw,relatime - cgroup cgroup rw,memory
            37 31 0:34 / /sys/fs/cgroup/freezer rw,relatime - cgroup cgroup rw,freezer
            39 31 0:36 / /sys/fs/cgroup/pids rw,relatime - cgroup cgroup rw,pids
            40 31 0:37 / /sys/fs/cgroup/systemd rw,relatime - cgroup cgroup rw,name=systemd
            41 31 0:38 / /sys/fs/cgroup/unified rw,relatime - cgroup2 cgroup2 rw
            """;
    private static final String HYBRID_SELF = """
            9:name=systemd:/
            8:pids:/
            4:memory:/process_api/x
            0::/
            """;

    @TempDir
    Path tmp;

    @Test
    void hybridHostIsV1ForControllers() throws Exception {
        var v1 = assertInstanceOf(CgroupLayout.V1.class, CgroupLayout.parse(HYBRID_MOUNTINFO, HYBRID_SELF));
        assertTrue(v1.hybrid());
        assertEquals(Optional.of(Path.of("/sys/fs/cgroup/unified")), v1.unified());
        assertEquals(Path.of("/sys/fs/cgroup/memory"), v1.controllers().get("memory"));
        assertEquals(Path.of("/sys/fs/cgroup/cpuacct"), v1.controllers().get("cpuacct"));
        assertEquals(6, v1.controllers().size(), v1.controllers().toString()); // name=systemd is not a controller
    }

    @Test
    void coMountedControllersShareAMountPoint() throws Exception {
        String mountinfo = """
                25 24 0:22 / /sys/fs/cgroup/cpu,cpuacct rw,nosuid - cgroup cgroup rw,cpu,cpuacct
                26 24 0:23 / /sys/fs/cgroup/net\\040cls rw - cgroup cgroup rw,net_cls
                27 24 0:24 / /sys/fs/cgroup/memory rw shared:9 - cgroup cgroup rw,memory
                """;
        var v1 = assertInstanceOf(CgroupLayout.V1.class, CgroupLayout.parse(mountinfo, "3:cpu,cpuacct:/\n2:memory:/\n"));
        assertFalse(v1.hybrid());
        assertEquals(Path.of("/sys/fs/cgroup/cpu,cpuacct"), v1.controllers().get("cpu"));
        assertEquals(Path.of("/sys/fs/cgroup/cpu,cpuacct"), v1.controllers().get("cpuacct"));
        assertEquals(Path.of("/sys/fs/cgroup/memory"), v1.controllers().get("memory")); // optional field before "-"
    }

    @Test
    void pureV2HostReadsTheOfferedControllers() throws Exception {
        Files.writeString(tmp.resolve("cgroup.controllers"), "cpuset cpu io memory pids\n");
        String mountinfo = "29 23 0:26 / " + tmp + " rw,nosuid - cgroup2 cgroup2 rw,nsdelegate\n";
        var v2 = assertInstanceOf(CgroupLayout.V2.class, CgroupLayout.parse(mountinfo, "0::/user.slice\n"));
        assertEquals(tmp, v2.mount());
        assertEquals(java.util.Set.of("cpuset", "cpu", "io", "memory", "pids"), v2.controllers());
    }

    @Test
    void noCgroupMountSaysWhatToMount() {
        var e = assertThrows(CgroupException.class,
                () -> CgroupLayout.parse("22 1 0:5 / /proc rw - proc proc rw\n", "0::/\n"));
        assertTrue(e.getMessage().contains("mount -t cgroup2"), e.getMessage());
    }

    @Test
    void thisHostIsDetectedAsHybridV1() throws Exception {
        assumeTrue(Files.exists(Path.of("/sys/fs/cgroup/memory/memory.limit_in_bytes")),
                "this test describes the dev host: v1 memory hierarchy at /sys/fs/cgroup/memory");
        var v1 = assertInstanceOf(CgroupLayout.V1.class, CgroupLayout.detect());
        assertEquals(Path.of("/sys/fs/cgroup/memory"), v1.controllers().get("memory"));
        assertTrue(v1.controllers().keySet().containsAll(java.util.Set.of("cpu", "cpuacct", "cpuset", "pids", "freezer")));
    }
}
