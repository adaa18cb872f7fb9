package dev.berth.engine.runtime.seccomp;

import dev.berth.engine.runtime.seccomp.BpfAssembler.Label;
import dev.berth.engine.runtime.seccomp.BpfAssembler.Return;
import dev.berth.engine.runtime.seccomp.BpfAssembler.Target;
import dev.berth.engine.runtime.seccomp.SeccompProfile.ArgCondition;
import dev.berth.engine.runtime.seccomp.SeccompProfile.Filter;
import dev.berth.engine.runtime.seccomp.SeccompProfile.Rule;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Collectors;

/**
 * Compiles a {@link SeccompProfile} for one container (its capability set, the running kernel) into the
 * classic BPF program the shim installs with {@code seccomp(SECCOMP_SET_MODE_FILTER)} on x86_64.
 *
 * <p>What the program does, in order:
 * <ol>
 *   <li>{@code seccomp_data.arch}: x86_64 (and x32) or i386; any other ABI, or one the profile does not
 *       list, is killed ({@link #BAD_ARCH}, libseccomp's default is to kill as well). x86_64 is always
 *       accepted, as libseccomp always adds the native architecture.</li>
 *   <li>On {@code AUDIT_ARCH_X86_64}, a number with {@link Arch#X32_SYSCALL_BIT} is an x32 call: the x32
 *       section if the profile accepts x32, killed otherwise.</li>
 *   <li>Per ABI, a <b>binary search on the syscall number</b>: numbers are grouped into ranges with one
 *       outcome (neighbouring allowed syscalls, gaps with the default action), and a tree of {@code JGE}
 *       picks the range in about log2(ranges) jumps (8 or 9 for Docker's default profile instead of up to
 *       400 in a linear list). A range's outcome is a {@code RET}, or for syscalls with argument rules a
 *       short block that compares the arguments.</li>
 *   <li>Numbers above the highest syscall berth knows for the ABI return ENOSYS rather than the default
 *       errno when the default denies (as runc does), so a libc probing a newer syscall falls back to an
 *       older one instead of failing with EPERM.</li>
 * </ol>
 *
 * <p>Rule semantics: a rule applies when the container holds all {@code includes.caps}, none of
 * {@code excludes.caps}, the native architecture ({@code amd64}) matches the arches filters and the kernel is
 * at least {@code includes.minKernel}. A name the ABI has no number for is skipped (as runc does). Per
 * syscall, rules with arguments are tried in profile order (all of a rule's conditions must hold, the
 * first rule that matches gives the action); if none matches, the first argument-less rule's action
 * applies, else the default action. 64-bit arguments are compared as two 32-bit halves, unsigned; on i386
 * and x32 only the low half (libseccomp does the same).
 */
public final class SeccompCompiler {

    /** What a syscall of an ABI the profile does not accept gets. */
    public static final SeccompAction BAD_ARCH = SeccompAction.KILL_PROCESS;

    /** Docker's name (Go's GOARCH) for this machine's architecture in {@code includes.arches}. */
    private static final Set<String> NATIVE_ARCH_NAMES = Set.of("amd64", "x86_64");

    private static final int OFFSET_NR = 0;
    private static final int OFFSET_ARCH = 4;
    private static final int OFFSET_ARGS = 16;

    private SeccompCompiler() {
    }

    /**
     * @param capabilities the container's capabilities ({@code CAP_SYS_ADMIN} or {@code SYS_ADMIN}); Docker
     *                     passes the bounding set, which for berth equals the effective set
     * @param kernel       the kernel the filter will run on, for {@code minKernel}
     */
    public static BpfProgram compile(SeccompProfile profile, Set<String> capabilities, KernelVersion kernel)
            throws SeccompProfileException {
        Set<String> caps = capabilities.stream().map(SeccompProfile::capabilityName).collect(Collectors.toSet());
        List<Rule> rules = profile.syscalls().stream().filter(rule -> applies(rule, caps, kernel)).toList();
        Set<Arch> arches = arches(profile);
        BpfAssembler asm = new BpfAssembler();
        SeccompAction fallback = profile.defaultAction();
        Target i386 = arches.contains(Arch.I386)
                ? section(asm, Arch.I386, rules, fallback, true) : ret(BAD_ARCH);
        Target x32 = arches.contains(Arch.X32)
                ? section(asm, Arch.X32, rules, fallback, false) : ret(BAD_ARCH);
        Target x86_64 = section(asm, Arch.X86_64, rules, fallback, false);
        x86_64 = asm.jump(BpfInstruction.JGE_K, Arch.X32_SYSCALL_BIT, x32, x86_64);
        x86_64 = load(asm, OFFSET_NR, x86_64);
        Label notX86_64 = asm.jump(BpfInstruction.JEQ_K, Arch.I386.auditArch(), i386, ret(BAD_ARCH));
        load(asm, OFFSET_ARCH, asm.jump(BpfInstruction.JEQ_K, Arch.X86_64.auditArch(), x86_64, notX86_64));
        BpfProgram program = asm.program();
        if (program.size() > BpfProgram.MAX_INSTRUCTIONS) {
            throw new SeccompProfileException("the compiled seccomp filter has " + program.size()
                    + " instructions; the kernel accepts at most " + BpfProgram.MAX_INSTRUCTIONS
                    + ": use fewer argument rules");
        }
        return program;
    }

    /** The ABIs the filter accepts: x86_64 always, plus those the profile lists or maps x86_64 to. */
    static Set<Arch> arches(SeccompProfile profile) {
        List<String> names = new ArrayList<>(profile.architectures());
        profile.archMap().stream()
                .filter(m -> m.architecture().equals(Arch.X86_64.scmpName()))
                .forEach(m -> {
                    names.add(m.architecture());
                    names.addAll(m.subArchitectures());
                });
        Set<Arch> arches = EnumSet.of(Arch.X86_64);
        names.forEach(name -> Arch.ofScmpName(name).ifPresent(arches::add)); // other CPUs' ABIs never show up here
        return arches;
    }

    static boolean applies(Rule rule, Set<String> caps, KernelVersion kernel) {
        Filter in = rule.includes();
        Filter out = rule.excludes();
        return caps.containsAll(in.caps())
                && (in.arches().isEmpty() || in.arches().stream().anyMatch(NATIVE_ARCH_NAMES::contains))
                && (in.minKernel().isEmpty() || kernel.atLeast(KernelVersion.parse(in.minKernel())))
                && out.caps().stream().noneMatch(caps::contains)
                && out.arches().stream().noneMatch(NATIVE_ARCH_NAMES::contains)
                && (out.minKernel().isEmpty() || !kernel.atLeast(KernelVersion.parse(out.minKernel())));
    }

    /** What one syscall number does: argument rules in order, then the argument-less action. */
    private record SyscallPolicy(List<Rule> conditional, SeccompAction unconditional) {}

    private record Range(long low, Target target) {}

    /** One ABI's search tree (and argument blocks); the accumulator holds the syscall number on entry. */
    private static Target section(BpfAssembler asm, Arch arch, List<Rule> rules, SeccompAction fallback,
                                  boolean loadNumber) {
        Map<Integer, SyscallPolicy> policies = policies(arch, rules);
        List<Range> ranges = new ArrayList<>();
        Return deny = ret(fallback);
        long next = Integer.toUnsignedLong(arch.lowestNumber());
        for (Map.Entry<Integer, SyscallPolicy> entry : policies.entrySet()) {
            long nr = Integer.toUnsignedLong(entry.getKey());
            if (nr > next) {
                add(ranges, next, deny);
            }
            SyscallPolicy policy = entry.getValue();
            SeccompAction otherwise = policy.unconditional() == null ? fallback : policy.unconditional();
            add(ranges, nr, policy.conditional().isEmpty()
                    ? ret(otherwise) : argumentBlock(asm, policy.conditional(), otherwise, arch.wideArgs()));
            next = nr + 1;
        }
        long aboveTable = Integer.toUnsignedLong(arch.table().highest() | arch.lowestNumber()) + 1;
        if (deniesUnknown(fallback)) {
            if (aboveTable > next) {
                add(ranges, next, deny);
            }
            add(ranges, Math.max(next, aboveTable), ret(SeccompAction.errno(SeccompAction.ENOSYS)));
        } else {
            add(ranges, next, deny);
        }
        Target tree = tree(asm, ranges, 0, ranges.size() - 1);
        return loadNumber ? load(asm, OFFSET_NR, tree) : tree;
    }

    private static boolean deniesUnknown(SeccompAction fallback) {
        return switch (fallback.kind()) {
            case ERRNO, KILL_PROCESS, KILL_THREAD, TRAP -> true;
            case ALLOW, LOG, TRACE -> false;
        };
    }

    private static void add(List<Range> ranges, long low, Target target) {
        if (!ranges.isEmpty() && ranges.getLast().target().equals(target)) {
            return; // same outcome as the range below: one range
        }
        ranges.add(new Range(low, target));
    }

    private static Map<Integer, SyscallPolicy> policies(Arch arch, List<Rule> rules) {
        Map<Integer, List<Rule>> conditional = new TreeMap<>(Integer::compareUnsigned);
        Map<Integer, SeccompAction> unconditional = new TreeMap<>(Integer::compareUnsigned);
        for (Rule rule : rules) {
            for (String name : rule.names()) {
                arch.number(name).ifPresent(nr -> {
                    if (rule.args().isEmpty()) {
                        unconditional.putIfAbsent(nr, rule.action());
                    } else {
                        conditional.computeIfAbsent(nr, k -> new ArrayList<>()).add(rule);
                    }
                });
            }
        }
        Map<Integer, SyscallPolicy> policies = new TreeMap<>(Integer::compareUnsigned);
        for (Integer nr : unconditional.keySet()) {
            policies.put(nr, new SyscallPolicy(List.of(), unconditional.get(nr)));
        }
        for (Integer nr : conditional.keySet()) {
            policies.put(nr, new SyscallPolicy(conditional.get(nr), unconditional.get(nr)));
        }
        return policies;
    }

    /** Binary search over {@code ranges[from..to]} by their low bound. */
    private static Target tree(BpfAssembler asm, List<Range> ranges, int from, int to) {
        if (from == to) {
            return ranges.get(from).target();
        }
        int mid = (from + to + 1) >>> 1;
        Target upper = tree(asm, ranges, mid, to);
        Target lower = tree(asm, ranges, from, mid - 1);
        return asm.jump(BpfInstruction.JGE_K, (int) ranges.get(mid).low(), upper, lower);
    }

    /** Tries each rule's conditions in order; the first rule whose conditions all hold gives its action. */
    private static Label argumentBlock(BpfAssembler asm, List<Rule> rules, SeccompAction otherwise, boolean wide) {
        Target next = ret(otherwise);
        for (Rule rule : rules.reversed()) {
            Target matched = ret(rule.action());
            for (ArgCondition condition : rule.args().reversed()) {
                matched = compare(asm, condition, wide, matched, next);
            }
            next = matched;
        }
        return asm.label(next);
    }

    /** Code that goes to {@code yes} when the argument satisfies {@code c}, else to {@code no}. */
    private static Label compare(BpfAssembler asm, ArgCondition c, boolean wide, Target yes, Target no) {
        int low = OFFSET_ARGS + 8 * c.index();
        int high = low + 4; // little endian: the high half follows the low one
        int valueLow = (int) c.value();
        int valueHigh = (int) (c.value() >>> 32);
        return switch (c.op()) {
            case EQ -> equal(asm, wide, low, high, valueLow, valueHigh, yes, no);
            case NE -> equal(asm, wide, low, high, valueLow, valueHigh, no, yes);
            case GT -> greater(asm, BpfInstruction.JGT_K, wide, low, high, valueLow, valueHigh, yes, no);
            case GE -> greater(asm, BpfInstruction.JGE_K, wide, low, high, valueLow, valueHigh, yes, no);
            case LE -> greater(asm, BpfInstruction.JGT_K, wide, low, high, valueLow, valueHigh, no, yes);
            case LT -> greater(asm, BpfInstruction.JGE_K, wide, low, high, valueLow, valueHigh, no, yes);
            case MASKED_EQ -> maskedEqual(asm, wide, low, high, c.value(), c.valueTwo(), yes, no);
        };
    }

    private static Label equal(BpfAssembler asm, boolean wide, int low, int high, int valueLow, int valueHigh,
                               Target yes, Target no) {
        Label entry = load(asm, low, asm.jump(BpfInstruction.JEQ_K, valueLow, yes, no));
        return wide ? load(asm, high, asm.jump(BpfInstruction.JEQ_K, valueHigh, entry, no)) : entry;
    }

    /** Unsigned {@code arg > value} (JGT) or {@code arg >= value} (JGE): the high halves decide unless equal. */
    private static Label greater(BpfAssembler asm, int jump, boolean wide, int low, int high, int valueLow,
                                 int valueHigh, Target yes, Target no) {
        Label entry = load(asm, low, asm.jump(jump, valueLow, yes, no));
        if (!wide) {
            return entry;
        }
        Label highEqual = asm.jump(BpfInstruction.JEQ_K, valueHigh, entry, no);
        return load(asm, high, asm.jump(BpfInstruction.JGT_K, valueHigh, yes, highEqual));
    }

    private static Label maskedEqual(BpfAssembler asm, boolean wide, int low, int high, long mask, long datum,
                                     Target yes, Target no) {
        Label entry = maskAndCompare(asm, low, (int) mask, (int) datum, yes, no);
        boolean highMatters = (mask >>> 32) != 0 || (datum >>> 32) != 0;
        return wide && highMatters ? maskAndCompare(asm, high, (int) (mask >>> 32), (int) (datum >>> 32), entry, no)
                : entry;
    }

    private static Label maskAndCompare(BpfAssembler asm, int offset, int mask, int datum, Target yes, Target no) {
        Label compare = asm.jump(BpfInstruction.JEQ_K, datum, yes, no);
        return load(asm, offset, asm.emit(BpfInstruction.statement(BpfInstruction.ALU_AND_K, mask), compare));
    }

    /** Loads the 32-bit word at {@code offset} of {@code seccomp_data}, then continues with {@code then}. */
    private static Label load(BpfAssembler asm, int offset, Target then) {
        return asm.emit(BpfInstruction.statement(BpfInstruction.LD_W_ABS, offset), then);
    }

    private static Return ret(SeccompAction action) {
        return new Return(action.ret());
    }
}
