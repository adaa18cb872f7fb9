package dev.berth.engine.runtime.seccomp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

class DefaultSeccompProfileTest {

    private static Set<String> tableNames() {
        Set<String> names = new HashSet<>();
        for (Arch arch : Arch.values()) {
            names.addAll(arch.table().names());
        }
        return names;
    }

    @Test
    void everyListedNameIsASyscall() {
        Set<String> known = tableNames();
        List<String> unknown = Stream.of(DefaultSeccompProfile.DENIED.values().stream().flatMap(List::stream),
                        DefaultSeccompProfile.BY_CAPABILITY.values().stream().flatMap(List::stream),
                        DefaultSeccompProfile.TRACING.stream(), DefaultSeccompProfile.BY_ARGUMENT.stream())
                .flatMap(s -> s).filter(n -> !known.contains(n)).toList();
        assertEquals(List.of(), unknown, "typos would silently allow the syscall meant");
    }

    @Test
    void deniedNamesAreNotAlsoGrantedByACapability() {
        List<String> both = new ArrayList<>();
        DefaultSeccompProfile.DENIED.values().stream().flatMap(List::stream)
                .filter(n -> DefaultSeccompProfile.BY_CAPABILITY.values().stream().anyMatch(l -> l.contains(n)))
                .forEach(both::add);
        assertEquals(List.of(), both);
    }

    /**
     * Pins what "everything else" means: a syscall added to {@link SyscallTable} becomes allowed. When this
     * fails after the table grew, decide for each new syscall whether it belongs in DENIED, then update.
     */
    @Test
    void theAlwaysAllowedSetIsReviewed() {
        Set<String> allowed = DefaultSeccompProfile.alwaysAllowed();
        assertEquals(360, allowed.size(), "always-allowed syscalls changed: review DefaultSeccompProfile");
        assertEquals(tableNames().size(), allowed.size() + deniedOrGatedCount());
        assertTrue(allowed.containsAll(List.of("read", "execve", "arch_prctl", "modify_ldt", "socketcall", "ipc")));
    }

    private static int deniedOrGatedCount() {
        Set<String> names = new HashSet<>();
        DefaultSeccompProfile.DENIED.values().forEach(names::addAll);
        DefaultSeccompProfile.BY_CAPABILITY.values().forEach(names::addAll);
        names.addAll(DefaultSeccompProfile.TRACING);
        names.addAll(DefaultSeccompProfile.BY_ARGUMENT);
        return names.size();
    }

    @Test
    void defaultFilterFigures() throws Exception {
        long start = System.nanoTime();
        BpfProgram program = SeccompCompiler.compile(DefaultSeccompProfile.profile(), Capabilities.DOCKER_DEFAULT,
                new KernelVersion(6, 1));
        long micros = (System.nanoTime() - start) / 1000;
        for (int i = 0; i < 50; i++) {
            SeccompCompiler.compile(DefaultSeccompProfile.profile(), Capabilities.DOCKER_DEFAULT, new KernelVersion(6, 1));
        }
        long warm = (System.nanoTime() - start) / 1000;
        BpfInterpreter filter = new BpfInterpreter(program);
        int most = 0;
        long total = 0;
        for (String name : Arch.X86_64.table().names()) {
            filter.verdict(Arch.X86_64, name, 2, 1, 0, 0, 0, 0);
            most = Math.max(most, filter.executed());
            total += filter.executed();
        }
        System.out.printf("berth default seccomp filter: %d instructions; per x86_64 syscall %.1f executed on average,"
                        + " %d at most; first compile %d us, 51 compiles %d us%n", program.size(),
                (double) total / Arch.X86_64.table().names().size(), most, micros, warm);
        assertTrue(program.size() < BpfProgram.MAX_INSTRUCTIONS);
        java.nio.file.Path reference = java.nio.file.Path.of("/work/shared/runtime/seccomp-default.json");
        if (java.nio.file.Files.isRegularFile(reference)) {
            System.out.printf("Docker's default.json through the same compiler: %d instructions%n", SeccompCompiler
                    .compile(SeccompProfile.read(reference), Capabilities.DOCKER_DEFAULT, new KernelVersion(6, 1)).size());
        }
    }
}
