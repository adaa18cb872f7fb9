package dev.berth.engine.runtime.cgroup;

import static dev.berth.engine.runtime.cgroup.KernelProcesses.awaitExit;
import static dev.berth.engine.runtime.cgroup.KernelProcesses.release;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.berth.engine.sys.Syscalls;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The device rules on the real kernel: a shell in the cgroup opens device nodes made in a temp dir
 * ({@code /dev/mem} c 1:1, {@code /dev/null} c 1:3, a disk b 8:0, {@code /dev/fuse} c 10:229) and
 * makes one with mknod. v1 through the devices controller, v2 through the eBPF program on the
 * host's cgroup2 mount (on this hybrid host: the controller-less {@code unified} one — device
 * programs attach to any cgroup2 directory). Needs root.
 */
class DeviceCgroupKernelTest {

    private static final String EPERM = "Operation not permitted";

    private final String parent = "berth-test-" + UUID.randomUUID().toString().substring(0, 8);
    private final KernelProcesses processes = new KernelProcesses();
    private Cgroups cgroups;
    private Path nodes;

    @TempDir
    Path dir;

    @BeforeEach
    void deviceNodes() throws Exception {
        assumeTrue(KernelProcesses.isRoot(), "device cgroup tests need root");
        Syscalls sys = Syscalls.linux();
        nodes = Files.createDirectories(dir.resolve("dev"));
        sys.mknod(nodes.resolve("mem"), Syscalls.S_IFCHR | 0600, 1, 1);
        sys.mknod(nodes.resolve("null"), Syscalls.S_IFCHR | 0666, 1, 3);
        sys.mknod(nodes.resolve("disk"), Syscalls.S_IFBLK | 0600, 8, 0);
        sys.mknod(nodes.resolve("fuse"), Syscalls.S_IFCHR | 0666, 10, 229);
    }

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
        for (Path p : cgroups.parentDirectories()) assertFalse(Files.exists(p), p + " left behind");
    }

    /** What the shell reports per node: "opened", or the error text of open(2); then whether mknod worked. */
    private String tryDevices(ContainerCgroup cgroup) throws Exception {
        String script = "for n in mem null disk fuse; do if (: < " + nodes + "/$n) 2>/dev/null; then echo \"$n opened\";"
                + " else (: < " + nodes + "/$n) 2>&1 | sed \"s|.*: |$n |\"; fi; done;"
                + " mknod " + nodes + "/made c 1 1 && echo mknod ok; rm -f " + nodes + "/made";
        Process p = processes.suspended(script);
        cgroup.addProcess(p.pid());
        release(p);
        assertEquals(0, awaitExit(p), new String(p.getErrorStream().readAllBytes()));
        return new String(p.getInputStream().readAllBytes());
    }

    private static String line(String out, String node) {
        return out.lines().filter(l -> l.startsWith(node + " ")).findFirst().orElseThrow(() -> new AssertionError(node + " not in " + out));
    }

    private static void assertDockerDefault(String out) {
        assertEquals("mem " + EPERM, line(out, "mem"));
        assertEquals("null opened", line(out, "null"));
        assertEquals("disk " + EPERM, line(out, "disk"));
        assertEquals("fuse " + EPERM, line(out, "fuse"));
        assertTrue(out.contains("mknod ok"), "c *:* m allows mknod: " + out);
    }

    /**
     * Control: the same shell, allowed everything, gets past the device cgroup for every node (so the
     * test can fail): open succeeds or the driver answers (ENXIO: this kernel has no /dev/mem, no disk 8:0).
     */
    private static void assertAllAllowed(String out) {
        assertTrue(Set.of("mem opened", "mem No such device or address").contains(line(out, "mem")), out);
        assertTrue(Set.of("disk opened", "disk No such device or address").contains(line(out, "disk")), out);
        assertEquals("null opened", line(out, "null"));
        assertFalse(out.contains(EPERM), out);
        assertTrue(out.contains("mknod ok"), out);
    }

    @Test
    void v1DeniesWhatDockerDenies() throws Exception {
        CgroupLayout detected = CgroupLayout.detect();
        assumeTrue(detected instanceof CgroupLayout.V1 v1 && v1.mount("devices").isPresent(), "no v1 devices controller");
        CgroupLayout.V1 layout = (CgroupLayout.V1) detected;
        cgroups = new Cgroups(layout, parent);

        ContainerCgroup restricted = cgroups.create("c1", Resources.NONE.withDevices(DeviceRules.dockerDefault()));
        Path list = layout.mount("devices").orElseThrow().resolve(parent).resolve("c1").resolve("devices.list");
        assertEquals(DeviceRules.dockerDefault().allowed().stream().map(DeviceRule::cgroupText).collect(Collectors.toSet()),
                Set.copyOf(Files.readAllLines(list)));
        assertDockerDefault(tryDevices(restricted));

        ContainerCgroup privileged = cgroups.create("c2", Resources.NONE.withDevices(DeviceRules.allowAllDevices()));
        assertEquals(List.of("a *:* rwm"), Files.readAllLines(list.getParent().resolveSibling("c2").resolve("devices.list")));
        assertAllAllowed(tryDevices(privileged));
    }

    @Test
    void v2AttachesAnEbpfProgramThatGoesWithTheCgroup() throws Exception {
        CgroupLayout.V2 layout = switch (CgroupLayout.detect()) {
            case CgroupLayout.V2 v2 -> v2;
            case CgroupLayout.V1 v1 -> v1.unified().map(CgroupLayout.V2::at).orElse(null);
        };
        assumeTrue(layout != null, "no cgroup2 mount on this host");
        cgroups = new Cgroups(layout, parent);

        V2ContainerCgroup restricted = (V2ContainerCgroup) cgroups.create("c1", Resources.NONE.withDevices(DeviceRules.dockerDefault()));
        List<Integer> programs = restricted.devicePrograms();
        assertEquals(1, programs.size(), "one device program attached: " + programs);
        int first = programs.getFirst();
        assertTrue(Bpf.programExists(first));
        assertDockerDefault(tryDevices(restricted));

        // applying again replaces the program rather than stacking a second one
        restricted.apply(Resources.NONE.withDevices(DeviceRules.dockerDefault()));
        List<Integer> now = restricted.devicePrograms();
        assertEquals(1, now.size(), now.toString());
        assertNotEquals(first, now.getFirst());
        awaitGone(first);

        // no program: everything allowed
        V2ContainerCgroup privileged = (V2ContainerCgroup) cgroups.create("c2", Resources.NONE.withDevices(DeviceRules.allowAllDevices()));
        assertEquals(List.of(), privileged.devicePrograms());
        assertAllAllowed(tryDevices(privileged));

        // the program lives as long as the cgroup holds it: removing the cgroup frees it
        int last = now.getFirst();
        restricted.killAll();
        restricted.remove();
        awaitGone(last);
    }

    /** The kernel frees a detached program (or a removed cgroup's) from a work queue: wait, bounded, for that. */
    private static void awaitGone(int programId) throws Exception {
        for (int i = 0; i < 1000 && Bpf.programExists(programId); i++) Thread.sleep(10);
        assertFalse(Bpf.programExists(programId), "eBPF program " + programId + " is still loaded");
    }
}
