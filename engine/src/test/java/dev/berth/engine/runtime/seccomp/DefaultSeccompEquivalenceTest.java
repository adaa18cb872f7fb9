package dev.berth.engine.runtime.seccomp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * berth's default profile has the effect of Docker's: both are compiled by {@link SeccompCompiler} and the
 * two BPF programs are run side by side on every syscall of every x86 ABI, with argument values that
 * probe each argument rule (and its edges). Reads Docker's profile in place; skipped without it.
 */
class DefaultSeccompEquivalenceTest {

    private static final Path REFERENCE = Path.of("/work/shared/runtime/seccomp-default.json");
    private static final KernelVersion KERNEL = new KernelVersion(6, 1);

    /** Argument vectors: zero, socket families around AF_ALG/AF_VSOCK, personalities, clone flags, high bits. */
    private static final List<long[]> ARGUMENTS = arguments();

    private static List<long[]> arguments() {
        List<long[]> vectors = new ArrayList<>();
        long[] firstArgs = {0, 1, 2, 10, 16, 17, 37, 38, 39, 40, 41, 45, 8, 0x2_0000L, 0x2_0008L, 0x2_0001L,
                0xffff_ffffL, 0xffff_fffeL, 0x1_0000_0000L, 0x1_ffff_ffffL, 0xffff_ffff_ffff_ffffL, 0x1_0000_0026L,
                0x11, 0x3d0f00, 0x1200011, 0x2_0011L, 0x200_0011L, 0x400_0011L, 0x800_0011L, 0x1000_0011L,
                0x2000_0011L, 0x4000_0011L, 0x8000_0011L, 0x80, 0x7E02_0000L, 0x1_0000_0011L};
        for (long first : firstArgs) {
            vectors.add(new long[] {first, 0, 0, 0, 0, 0});
        }
        vectors.add(new long[] {0x11, 0x7E02_0000L, 0, 0, 0, 0}); // namespace flags in the second argument
        vectors.add(new long[] {2, 1, 0, 0, 0, 0});
        return vectors;
    }

    static Stream<Arguments> capabilitySets() {
        return Stream.of(
                Arguments.of("docker default", Capabilities.DOCKER_DEFAULT),
                Arguments.of("default - SYS_CHROOT", Capabilities.without(Capabilities.DOCKER_DEFAULT,
                        "CAP_SYS_CHROOT")),
                Arguments.of("default + SYS_ADMIN", Capabilities.with(Capabilities.DOCKER_DEFAULT, "CAP_SYS_ADMIN")),
                Arguments.of("default + SYS_PTRACE", Capabilities.with(Capabilities.DOCKER_DEFAULT,
                        "CAP_SYS_PTRACE")),
                Arguments.of("privileged-ish", Capabilities.PRIVILEGED),
                Arguments.of("none", Set.of()));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("capabilitySets")
    void sameVerdictAsDockerForEverySyscall(String label, Set<String> caps) throws Exception {
        Assumptions.assumeTrue(Files.isRegularFile(REFERENCE), "skipped: " + REFERENCE + " (Docker's profile) is absent");
        BpfInterpreter docker = new BpfInterpreter(SeccompCompiler.compile(SeccompProfile.read(REFERENCE), caps, KERNEL));
        BpfInterpreter berth = new BpfInterpreter(SeccompCompiler.compile(DefaultSeccompProfile.profile(), caps, KERNEL));
        List<String> differences = new ArrayList<>();
        int compared = 0;
        for (Arch arch : Arch.values()) {
            for (String name : arch.table().names()) {
                for (long[] args : ARGUMENTS) {
                    SeccompAction expected = docker.verdict(arch, name, args);
                    SeccompAction actual = berth.verdict(arch, name, args);
                    compared++;
                    if (!expected.equals(actual) && differences.size() < 40) {
                        differences.add(arch + " " + name + "(0x" + Long.toHexString(args[0]) + ", 0x" + Long.toHexString(args[1]) + "): docker " + expected
                                + ", berth " + actual);
                    }
                }
            }
        }
        assertEquals(List.of(), differences, label);
        assertTrue(compared > 30_000, "compared " + compared + " syscall/argument combinations");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("capabilitySets")
    void sameVerdictForEveryNumberAndArch(String label, Set<String> caps) throws Exception {
        Assumptions.assumeTrue(Files.isRegularFile(REFERENCE), "skipped: " + REFERENCE + " (Docker's profile) is absent");
        BpfInterpreter docker = new BpfInterpreter(SeccompCompiler.compile(SeccompProfile.read(REFERENCE), caps, KERNEL));
        BpfInterpreter berth = new BpfInterpreter(SeccompCompiler.compile(DefaultSeccompProfile.profile(), caps, KERNEL));
        int[] arches = {Arch.X86_64.auditArch(), Arch.I386.auditArch(), 0xC000_00B7 /* aarch64 */, 0};
        for (int arch : arches) {
            for (long nr = 0; nr < 1100; nr++) {
                for (long base : new long[] {0, Arch.X32_SYSCALL_BIT, 0xffff_ff00L}) {
                    int number = (int) (base + nr);
                    assertEquals(docker.run(number, arch, 0), berth.run(number, arch, 0),
                            label + ": arch 0x" + Integer.toHexString(arch) + " nr 0x" + Integer.toHexString(number));
                }
            }
        }
    }
}
