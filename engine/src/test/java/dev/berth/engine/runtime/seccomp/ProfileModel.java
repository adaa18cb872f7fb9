package dev.berth.engine.runtime.seccomp;

import dev.berth.engine.runtime.seccomp.SeccompProfile.ArgCondition;
import dev.berth.engine.runtime.seccomp.SeccompProfile.Rule;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * What a profile means, evaluated directly in Java (no BPF): the semantics {@link SeccompCompiler}
 * documents. Tests compare compiled programs against it.
 */
final class ProfileModel {

    private final SeccompProfile profile;
    private final List<Rule> rules;
    private final Set<Arch> arches;

    ProfileModel(SeccompProfile profile, Set<String> caps, KernelVersion kernel) {
        this.profile = profile;
        Set<String> normalized = Set.copyOf(caps.stream().map(SeccompProfile::capabilityName).toList());
        this.rules = profile.syscalls().stream().filter(r -> SeccompCompiler.applies(r, normalized, kernel)).toList();
        this.arches = SeccompCompiler.arches(profile);
    }

    SeccompAction verdict(int auditArch, int nr, long... args) {
        Arch arch;
        if (auditArch == Arch.I386.auditArch()) {
            arch = Arch.I386;
        } else if (auditArch == Arch.X86_64.auditArch()) {
            arch = (nr & Arch.X32_SYSCALL_BIT) != 0 ? Arch.X32 : Arch.X86_64;
        } else {
            return SeccompCompiler.BAD_ARCH;
        }
        if (!arches.contains(arch)) {
            return SeccompCompiler.BAD_ARCH;
        }
        Optional<String> name = nameOf(arch, nr);
        SeccompAction fallback = profile.defaultAction();
        if (name.isEmpty()) {
            boolean denies = switch (fallback.kind()) {
                case ERRNO, KILL_PROCESS, KILL_THREAD, TRAP -> true;
                default -> false;
            };
            long highest = Integer.toUnsignedLong(arch.number(nameOf(arch)).orElseThrow());
            return denies && Integer.toUnsignedLong(nr) > highest
                    ? SeccompAction.errno(SeccompAction.ENOSYS) : fallback;
        }
        SeccompAction unconditional = null;
        for (Rule rule : rules) {
            if (!rule.names().contains(name.get())) {
                continue;
            }
            if (rule.args().isEmpty()) {
                unconditional = unconditional == null ? rule.action() : unconditional;
            } else if (rule.args().stream().allMatch(c -> holds(c, arch.wideArgs(), args[c.index()]))) {
                return rule.action();
            }
        }
        return unconditional == null ? fallback : unconditional;
    }

    private static boolean holds(ArgCondition c, boolean wide, long arg) {
        if (wide) {
            return c.holdsFor(arg);
        }
        long low = 0xffff_ffffL;
        return new ArgCondition(c.index(), c.value() & low, c.valueTwo() & low, c.op()).holdsFor(arg & low);
    }

    private static final Map<Arch, Map<Integer, String>> NAMES = new HashMap<>();

    private static Optional<String> nameOf(Arch arch, int nr) {
        Map<Integer, String> names = NAMES.computeIfAbsent(arch, a -> {
            Map<Integer, String> byNumber = new HashMap<>();
            a.table().names().forEach(n -> byNumber.put(a.number(n).orElseThrow(), n));
            return byNumber;
        });
        return Optional.ofNullable(names.get(nr));
    }

    /** The name with the highest number. */
    private static String nameOf(Arch arch) {
        return arch.table().names().stream()
                .max((a, b) -> Integer.compare(arch.table().number(a).orElseThrow(), arch.table().number(b).orElseThrow()))
                .orElseThrow();
    }
}
