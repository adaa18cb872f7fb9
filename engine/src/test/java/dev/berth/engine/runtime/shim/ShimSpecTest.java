package dev.berth.engine.runtime.shim;

import dev.berth.engine.container.Capability;
import dev.berth.engine.container.DockerDefaults;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The spec file as Java writes it: what spec.c parses (the container tests prove the two agree). */
class ShimSpecTest {

    private static final ShimSpec.Rootfs ROOTFS = ShimSpec.Rootfs.overlay(Path.of("/r/rootfs"),
            List.of(Path.of("/r/l2"), Path.of("/r/l1")), Path.of("/r/upper"), Path.of("/r/work"));

    @Test
    void argumentsAreEscaped() {
        assertEquals("a\\tb\\nc\\\\d", ShimSpec.escape("a\tb\nc\\d"));
        assertEquals("plain $x 'q' \"q\"", ShimSpec.escape("plain $x 'q' \"q\""));
        assertThrows(IllegalArgumentException.class, () -> ShimSpec.escape("nul\0"));
    }

    @Test
    void everyDirectiveIsWrittenOneALine() {
        ShimSpec spec = ShimSpec.builder(ROOTFS.readOnly(true), List.of("sh", "-c", "echo a\tb"))
                .hostname("web").env(List.of("PATH=/bin", "X=1\n2")).cwd("/app")
                .user(new ShimSpec.User(1000, 1001, List.of(5, 6)))
                .capabilities(Capabilities.of(Set.of(Capability.KILL, Capability.CHOWN)))
                .noNewPrivileges(true).seccompFilter(Path.of("/r/seccomp.bpf"))
                .rlimits(List.of(new ShimSpec.Rlimit("nofile", 1024, ShimSpec.Rlimit.UNLIMITED)))
                .maskedPaths(List.of("/proc/kcore")).readonlyPaths(List.of("/proc/sys"))
                .mounts(List.of(new ShimSpec.BindMount(Path.of("/r/hosts"), "/etc/hosts", true), new ShimSpec.Tmpfs("/run", "")))
                .cgroupProcs(List.of(Path.of("/sys/fs/cgroup/pids/x/cgroup.procs")))
                .network(ShimSpec.Network.join(Path.of("/run/netns/n1"))).init(true)
                .logFile(Path.of("/r/log")).exitFile(Path.of("/r/exit")).pidFile(Path.of("/r/pid"))
                .shimPidFile(Path.of("/r/shim.pid"))
                .build();
        assertEquals("""
                rootfs\t/r/rootfs
                lower\t/r/l2
                lower\t/r/l1
                upper\t/r/upper
                work\t/r/work
                readonly-rootfs
                hostname\tweb
                arg\tsh
                arg\t-c
                arg\techo a\\tb
                env\tPATH=/bin
                env\tX=1\\n2
                cwd\t/app
                user\t1000\t1001
                groups\t5\t6
                caps\teffective\tCAP_CHOWN\tCAP_KILL
                caps\tpermitted\tCAP_CHOWN\tCAP_KILL
                caps\tbounding\tCAP_CHOWN\tCAP_KILL
                no-new-privs
                seccomp\t/r/seccomp.bpf
                rlimit\tnofile\t1024\tunlimited
                masked\t/proc/kcore
                readonly\t/proc/sys
                bind\t/r/hosts\t/etc/hosts\tro
                tmpfs\t/run\t
                shm-size\t67108864
                cgroup\t/sys/fs/cgroup/pids/x/cgroup.procs
                net\t/run/netns/n1
                init
                log\t/r/log
                exit\t/r/exit
                pid\t/r/pid
                shim-pid\t/r/shim.pid
                """, spec.text());
    }

    @Test
    void interactiveDirectives() {
        ShimSpec spec = ShimSpec.builder(ROOTFS, List.of("sh")).interactive(ShimSpec.Interactive.attached(true, true,
                Path.of("/r/attach.sock"), Path.of("/r/control.sock"), java.time.Duration.ofSeconds(10))).build();
        assertTrue(spec.text().endsWith("stdin\nstdin-once\ntty\nattach\t/r/attach.sock\ncontrol\t/r/control.sock\nattach-wait\t10000\n"),
                spec.text());
        assertEquals(ShimSpec.Interactive.NONE, ShimSpec.builder(ROOTFS, List.of("sh")).build().interactive());
        assertTrue(ShimSpec.builder(ROOTFS, List.of("sh")).build().text().lines()
                .noneMatch(l -> l.startsWith("stdin") || l.startsWith("tty") || l.startsWith("attach")));
        assertEquals(spec, spec.toBuilder().build());
        assertThrows(IllegalArgumentException.class, () -> new ShimSpec.Interactive(false, false, false, null, null,
                java.time.Duration.ofSeconds(1)));
    }

    @Test
    void execSpecTakesTheContainersSettings() {
        ShimSpec container = ShimSpec.builder(ROOTFS, List.of("sh")).env(List.of("PATH=/bin", "A=1")).cwd("/app")
                .user(new ShimSpec.User(7, 8, List.of(9))).noNewPrivileges(true).seccompFilter(Path.of("/r/seccomp.bpf"))
                .capabilities(Capabilities.of(Set.of(Capability.KILL)))
                .rlimits(List.of(new ShimSpec.Rlimit("nofile", 10, 20)))
                .cgroupProcs(List.of(Path.of("/sys/fs/cgroup/pids/x/cgroup.procs"))).build();
        ExecSpec exec = ExecSpec.of(container, 4242, List.of("ps", "-ef")).withTty(true);
        assertEquals("""
                target-pid\t4242
                arg\tps
                arg\t-ef
                env\tPATH=/bin
                env\tA=1
                cwd\t/app
                user\t7\t8
                groups\t9
                caps\teffective\tCAP_KILL
                caps\tpermitted\tCAP_KILL
                caps\tbounding\tCAP_KILL
                no-new-privs
                seccomp\t/r/seccomp.bpf
                rlimit\tnofile\t10\t20
                cgroup\t/sys/fs/cgroup/pids/x/cgroup.procs
                tty
                """, exec.text());
        assertEquals("/", exec.withCwd("/").cwd());
        assertThrows(IllegalArgumentException.class, () -> ExecSpec.of(container, 1, List.of("ps")));
        assertThrows(IllegalArgumentException.class, () -> ExecSpec.of(container, 4242, List.of()));
    }

    @Test
    void defaultsAreDockers() {
        ShimSpec spec = ShimSpec.builder(ROOTFS, List.of("true")).build();
        assertEquals(DockerDefaults.CAPABILITIES, spec.capabilities().bounding());
        assertEquals(Set.of(), spec.capabilities().ambient());
        assertEquals(DockerDefaults.MASKED_PATHS, spec.maskedPaths().subList(0, DockerDefaults.MASKED_PATHS.size()));
        assertTrue(spec.maskedPaths().stream().skip(DockerDefaults.MASKED_PATHS.size()).allMatch(p -> p.endsWith("/thermal_throttle")));
        assertEquals(DockerDefaults.READONLY_PATHS, spec.readonlyPaths());
        assertEquals(ShimSpec.Network.NONE, spec.network());
        assertTrue(spec.text().contains("caps\teffective\tCAP_CHOWN\tCAP_DAC_OVERRIDE\tCAP_FOWNER\tCAP_FSETID\tCAP_KILL\t"));
        assertTrue(spec.text().lines().noneMatch(l -> l.startsWith("no-new-privs")), "no_new_privs is off by default");
    }

    @Test
    void relativeHostPathsAndEmptyCommandsAreRefused() {
        var relative = ShimSpec.builder(ROOTFS, List.of("true")).logFile(Path.of("log")).build();
        assertThrows(IllegalArgumentException.class, relative::text);
        assertThrows(IllegalArgumentException.class, () -> ShimSpec.builder(ROOTFS, List.of()).build());
        assertThrows(IllegalArgumentException.class, () -> ShimSpec.Rootfs.overlay(Path.of("/m"), List.of(Path.of("/l")), null, null));
    }

    @Test
    void capabilityNamesAndMasks() {
        assertEquals(Capability.NET_BIND_SERVICE, Capability.parse("cap_net_bind_service"));
        assertEquals(Capability.SYS_ADMIN, Capability.parse("SYS_ADMIN"));
        assertEquals(21, Capability.SYS_ADMIN.number());
        assertEquals(40, Capability.CHECKPOINT_RESTORE.number());
        assertEquals(0xa80425fbL, Capability.mask(DockerDefaults.CAPABILITIES));
        assertThrows(IllegalArgumentException.class, () -> Capability.parse("CAP_FLY"));
    }

    @Test
    void writeReplacesTheSpecFile(@TempDir Path tmp) throws Exception {
        Path bundle = tmp.resolve("bundle");
        ShimSpec spec = ShimSpec.builder(ROOTFS, List.of("true")).build();
        Path file = spec.write(bundle);
        assertEquals(bundle.resolve("spec"), file);
        assertEquals(spec.text(), Files.readString(file));
        spec.toBuilder().args(List.of("false")).build().write(bundle);
        assertTrue(Files.readString(file).contains("arg\tfalse\n"));
        assertEquals(List.of(file), Files.list(bundle).toList());
    }
}
