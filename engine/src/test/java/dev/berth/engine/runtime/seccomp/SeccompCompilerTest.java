package dev.berth.engine.runtime.seccomp;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.berth.engine.runtime.seccomp.SeccompProfile.ArgCondition;
import dev.berth.engine.runtime.seccomp.SeccompProfile.Filter;
import dev.berth.engine.runtime.seccomp.SeccompProfile.Op;
import dev.berth.engine.runtime.seccomp.SeccompProfile.Rule;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class SeccompCompilerTest {

    private static final KernelVersion KERNEL = new KernelVersion(6, 1);
    private static final Set<String> DEFAULT_CAPS = Capabilities.DOCKER_DEFAULT;
    private static final long[] EDGES = {0, 1, 2, 7, 38, 39, 40, 0x7fff_ffffL, 0x8000_0000L, 0xffff_fffeL, 0xffff_ffffL,
            0x1_0000_0000L, 0x1_0000_0001L, 0x1_ffff_ffffL, 0x7fff_ffff_ffff_ffffL, 0x8000_0000_0000_0000L, -2L, -1L};

    private static BpfInterpreter compileDefault(Set<String> caps) throws SeccompProfileException {
        return new BpfInterpreter(SeccompCompiler.compile(DefaultSeccompProfile.profile(), caps, KERNEL));
    }

    @Test
    void defaultProfileAllowsOrdinaryWorkAndDeniesHostAdministration() throws Exception {
        BpfInterpreter filter = compileDefault(DEFAULT_CAPS);
        SeccompAction eperm = SeccompAction.errno(SeccompAction.EPERM);
        for (String name : List.of("read", "write", "openat", "execve", "mmap", "futex", "exit_group", "chroot",
                "arch_prctl", "ptrace", "statx", "mseal")) {
            assertEquals(SeccompAction.ALLOW, filter.verdict(Arch.X86_64, name), name);
        }
        for (String name : List.of("mount", "umount2", "unshare", "setns", "keyctl", "add_key", "kexec_load",
                "init_module", "reboot", "swapon", "bpf", "perf_event_open", "io_uring_setup", "sethostname",
                "settimeofday", "open_by_handle_at", "pivot_root", "userfaultfd")) {
            assertEquals(eperm, filter.verdict(Arch.X86_64, name), name);
        }
        assertEquals(SeccompAction.ALLOW, filter.verdict(Arch.I386, "chown32"));
        assertEquals(SeccompAction.ALLOW, filter.verdict(Arch.I386, "socketcall"));
        assertEquals(eperm, filter.verdict(Arch.I386, "signal"));
        assertEquals(SeccompAction.ALLOW, filter.verdict(Arch.X32, "read"));
        assertEquals(SeccompAction.ALLOW, filter.verdict(Arch.X32, "rt_sigaction"), "the x32-only number 512");
        assertEquals(eperm, filter.verdict(Arch.X32, "mount"));
    }

    @Test
    void capabilitiesBringBackTheirSyscalls() throws Exception {
        BpfInterpreter admin = compileDefault(Capabilities.with(DEFAULT_CAPS, "CAP_SYS_ADMIN"));
        for (String name : List.of("mount", "umount2", "unshare", "setns", "sethostname", "bpf")) {
            assertEquals(SeccompAction.ALLOW, admin.verdict(Arch.X86_64, name), name);
        }
        assertEquals(SeccompAction.ALLOW, admin.verdict(Arch.X86_64, "clone", 0x4000_0011L), "CLONE_NEWNET");
        assertEquals(SeccompAction.ALLOW, admin.verdict(Arch.X86_64, "clone3"));
        assertEquals(SeccompAction.errno(SeccompAction.EPERM), admin.verdict(Arch.X86_64, "reboot"));
        BpfInterpreter noChroot = compileDefault(Capabilities.without(DEFAULT_CAPS, "CAP_SYS_CHROOT"));
        assertEquals(SeccompAction.errno(SeccompAction.EPERM), noChroot.verdict(Arch.X86_64, "chroot"));
    }

    @Test
    void argumentRulesOfTheDefaultProfile() throws Exception {
        BpfInterpreter filter = compileDefault(DEFAULT_CAPS);
        SeccompAction eperm = SeccompAction.errno(SeccompAction.EPERM);
        assertEquals(SeccompAction.ALLOW, filter.verdict(Arch.X86_64, "socket", 2, 1, 0), "AF_INET");
        assertEquals(eperm, filter.verdict(Arch.X86_64, "socket", 38, 5, 0), "AF_ALG");
        assertEquals(eperm, filter.verdict(Arch.X86_64, "socket", 40, 1, 0), "AF_VSOCK");
        assertEquals(SeccompAction.ALLOW, filter.verdict(Arch.X86_64, "socket", 0x1_0000_0026L),
                "a high half makes it another 64-bit value");
        assertEquals(eperm, filter.verdict(Arch.I386, "socket", 0x1_0000_0026L), "i386 compares the low half only");
        assertEquals(SeccompAction.ALLOW, filter.verdict(Arch.X86_64, "personality", 0xffff_ffffL));
        assertEquals(SeccompAction.ALLOW, filter.verdict(Arch.X86_64, "personality", 8));
        assertEquals(eperm, filter.verdict(Arch.X86_64, "personality", 0x40_0000L), "READ_IMPLIES_EXEC");
        assertEquals(SeccompAction.ALLOW, filter.verdict(Arch.X86_64, "clone", 0x11), "fork");
        assertEquals(SeccompAction.ALLOW, filter.verdict(Arch.X86_64, "clone", 0x3d0f00), "pthread_create");
        for (long flag : List.of(0x2_0000L, 0x200_0000L, 0x400_0000L, 0x800_0000L, 0x1000_0000L, 0x2000_0000L,
                0x4000_0000L)) {
            assertEquals(eperm, filter.verdict(Arch.X86_64, "clone", flag | 0x11), "CLONE_NEW* 0x" + Long.toHexString(flag));
        }
        assertEquals(SeccompAction.errno(SeccompAction.ENOSYS), filter.verdict(Arch.X86_64, "clone3"));
    }

    @Test
    void foreignArchitecturesAndUnknownNumbers() throws Exception {
        BpfInterpreter filter = compileDefault(DEFAULT_CAPS);
        assertEquals(SeccompAction.KILL_PROCESS, SeccompAction.ofRet(filter.run(0, 0xC000_00B7 /* aarch64 */)));
        assertEquals(SeccompAction.errno(SeccompAction.ENOSYS), SeccompAction.ofRet(filter.run(1000, Arch.X86_64.auditArch())),
                "above the table: ENOSYS so libc falls back");
        assertEquals(SeccompAction.errno(SeccompAction.EPERM), SeccompAction.ofRet(filter.run(400, Arch.X86_64.auditArch())),
                "a hole in the table: the default");
        SeccompProfile onlyNative = new SeccompProfile(SeccompAction.errno(1), List.of(), List.of(),
                List.of(Rule.allow(List.of("read"))));
        BpfInterpreter nativeOnly = new BpfInterpreter(SeccompCompiler.compile(onlyNative, Set.of(), KERNEL));
        assertEquals(SeccompAction.ALLOW, nativeOnly.verdict(Arch.X86_64, "read"));
        assertEquals(SeccompAction.KILL_PROCESS, nativeOnly.verdict(Arch.X32, "read"), "x32 not listed");
        assertEquals(SeccompAction.KILL_PROCESS, nativeOnly.verdict(Arch.I386, "read"), "i386 not listed");
    }

    @Test
    void allowByDefaultProfilesLeaveUnknownNumbersAlone() throws Exception {
        SeccompProfile denylist = new SeccompProfile(SeccompAction.ALLOW, List.of(), List.of(),
                List.of(new Rule(List.of("mkdir", "mkdirat"), SeccompAction.errno(13), List.of(), Filter.ANY, Filter.ANY)));
        BpfInterpreter filter = new BpfInterpreter(SeccompCompiler.compile(denylist, Set.of(), KERNEL));
        assertEquals(SeccompAction.errno(13), filter.verdict(Arch.X86_64, "mkdirat"));
        assertEquals(SeccompAction.ALLOW, filter.verdict(Arch.X86_64, "read"));
        assertEquals(SeccompAction.ALLOW, SeccompAction.ofRet(filter.run(5000, Arch.X86_64.auditArch())));
    }

    @ParameterizedTest
    @ValueSource(ints = {1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12})
    void randomProfilesDoWhatTheyMean(int seed) throws Exception {
        Random random = new Random(seed);
        SeccompProfile profile = randomProfile(random, 10 + random.nextInt(seed * 5));
        Set<String> caps = random.nextBoolean() ? DEFAULT_CAPS : Capabilities.PRIVILEGED;
        BpfProgram program = SeccompCompiler.compile(profile, caps, KERNEL);
        BpfInterpreter filter = new BpfInterpreter(program);
        ProfileModel model = new ProfileModel(profile, caps, KERNEL);
        int checked = 0;
        for (Arch arch : Arch.values()) {
            for (String name : arch.table().names()) {
                int nr = arch.number(name).orElseThrow();
                for (int i = 0; i < 12; i++) {
                    long[] args = new long[6];
                    for (int a = 0; a < 6; a++) {
                        args[a] = random.nextInt(3) == 0 ? random.nextLong() : EDGES[random.nextInt(EDGES.length)];
                    }
                    assertEquals(model.verdict(arch.auditArch(), nr, args),
                            SeccompAction.ofRet(filter.run(nr, arch.auditArch(), args)),
                            () -> "seed " + seed + ": " + arch + " " + name + " " + java.util.Arrays.toString(args));
                    checked++;
                }
            }
        }
        assertTrue(checked > 10_000);
    }

    @Test
    void farJumpsGoThroughTrampolines() throws Exception {
        SeccompProfile profile = randomProfile(new Random(99), 110);
        BpfProgram program = SeccompCompiler.compile(profile, DEFAULT_CAPS, KERNEL);
        assertTrue(program.size() > 1000, "a large program: " + program.size());
        assertTrue(program.instructions().stream().anyMatch(i -> i.code() == BpfInstruction.JA),
                "jumps beyond 255 instructions use JA");
        BpfInterpreter filter = new BpfInterpreter(program);
        ProfileModel model = new ProfileModel(profile, DEFAULT_CAPS, KERNEL);
        Random random = new Random(7);
        for (String name : Arch.X86_64.table().names()) {
            int nr = Arch.X86_64.number(name).orElseThrow();
            for (int i = 0; i < 20; i++) {
                long[] args = {EDGES[random.nextInt(EDGES.length)], EDGES[random.nextInt(EDGES.length)],
                        random.nextLong(), EDGES[random.nextInt(EDGES.length)], 0, 0};
                assertEquals(model.verdict(Arch.X86_64.auditArch(), nr, args),
                        SeccompAction.ofRet(filter.run(nr, Arch.X86_64.auditArch(), args)), name);
            }
        }
    }

    @Test
    void programsBeyondTheKernelLimitAreRefused() {
        List<Rule> rules = new ArrayList<>();
        for (String name : Arch.X86_64.table().names()) {
            for (int value = 0; value < 10; value++) {
                rules.add(new Rule(List.of(name), SeccompAction.ALLOW, List.of(new ArgCondition(0, value, 0, Op.EQ)),
                        Filter.ANY, Filter.ANY));
            }
        }
        SeccompProfile huge = new SeccompProfile(SeccompAction.errno(1), List.of(), List.of(), rules);
        SeccompProfileException e = assertThrows(SeccompProfileException.class,
                () -> SeccompCompiler.compile(huge, Set.of(), KERNEL));
        assertTrue(e.getMessage().contains("at most 4096"), e.getMessage());
    }

    @Test
    void writesTheSockFilterArray(@TempDir Path dir) throws Exception {
        BpfProgram program = SeccompCompiler.compile(DefaultSeccompProfile.profile(), DEFAULT_CAPS, KERNEL);
        Path file = dir.resolve("seccomp.bpf");
        program.write(file);
        byte[] bytes = Files.readAllBytes(file);
        assertEquals(program.size() * 8, bytes.length);
        // first: BPF_LD|BPF_W|BPF_ABS of seccomp_data.arch (offset 4), little endian
        assertArrayEquals(new byte[] {0x20, 0, 0, 0, 4, 0, 0, 0}, java.util.Arrays.copyOf(bytes, 8));
        assertEquals(program, BpfProgram.fromBytes(bytes));
        try (var listing = Files.list(dir)) {
            assertEquals(List.of(file), listing.toList(), "no temporary file left");
        }
    }

    /** Rules over random x86_64 names, actions, argument conditions and capability filters. */
    static SeccompProfile randomProfile(Random random, int ruleCount) {
        List<String> names = List.copyOf(Arch.X86_64.table().names());
        SeccompAction[] actions = {SeccompAction.ALLOW, SeccompAction.errno(1), SeccompAction.errno(13),
                SeccompAction.KILL_PROCESS, SeccompAction.KILL_THREAD, SeccompAction.LOG,
                new SeccompAction(SeccompAction.Kind.TRAP, 0), new SeccompAction(SeccompAction.Kind.TRACE, 7)};
        List<Rule> rules = new ArrayList<>();
        for (int r = 0; r < ruleCount; r++) {
            List<String> ruleNames = new ArrayList<>();
            int conditions = random.nextInt(3) == 0 ? 0 : 1 + random.nextInt(3);
            int count = 1 + random.nextInt(conditions == 0 && random.nextInt(4) == 0 ? 60 : 3);
            for (int n = 0; n < count; n++) {
                ruleNames.add(names.get(random.nextInt(names.size())));
            }
            List<ArgCondition> args = new ArrayList<>();
            for (int c = 0; c < conditions; c++) {
                Op op = Op.values()[random.nextInt(Op.values().length)];
                long value = random.nextInt(4) == 0 ? random.nextLong() : EDGES[random.nextInt(EDGES.length)];
                long valueTwo = op == Op.MASKED_EQ && random.nextBoolean() ? value & EDGES[random.nextInt(EDGES.length)] : 0;
                args.add(new ArgCondition(random.nextInt(4), value, valueTwo, op));
            }
            Filter includes = random.nextInt(5) == 0 ? Filter.caps("CAP_SYS_ADMIN") : Filter.ANY;
            Filter excludes = random.nextInt(6) == 0 ? Filter.caps("CAP_SYS_PTRACE") : Filter.ANY;
            rules.add(new Rule(ruleNames, actions[random.nextInt(actions.length)], args, includes, excludes));
        }
        SeccompAction fallback = actions[random.nextInt(actions.length)];
        List<String> arches = random.nextBoolean() ? List.of("SCMP_ARCH_X86", "SCMP_ARCH_X32") : List.of("SCMP_ARCH_X86");
        return new SeccompProfile(fallback, arches, List.of(), rules);
    }
}
