package dev.berth.engine.runtime.seccomp;

import java.util.Optional;

/**
 * The x86 syscall ABIs a filter on an x86_64 kernel can see. {@code seccomp_data.arch} tells
 * x86_64/x32 ({@code AUDIT_ARCH_X86_64}) from i386 ({@code AUDIT_ARCH_I386}); x32 calls are x86_64 calls
 * whose number carries {@link #X32_SYSCALL_BIT}.
 */
public enum Arch {
    X86_64("SCMP_ARCH_X86_64", 0xC000_003E, SyscallTable.X86_64, 0, true),
    X32("SCMP_ARCH_X32", 0xC000_003E, SyscallTable.X32, 0x4000_0000, false),
    I386("SCMP_ARCH_X86", 0x4000_0003, SyscallTable.I386, 0, false);

    public static final int X32_SYSCALL_BIT = 0x4000_0000;

    private final String scmpName;
    private final int auditArch;
    private final SyscallTable table;
    private final int numberBase;
    private final boolean wideArgs;

    Arch(String scmpName, int auditArch, SyscallTable table, int numberBase, boolean wideArgs) {
        this.scmpName = scmpName;
        this.auditArch = auditArch;
        this.table = table;
        this.numberBase = numberBase;
        this.wideArgs = wideArgs;
    }

    /** libseccomp's name, as in a profile's {@code architectures}. */
    public String scmpName() {
        return scmpName;
    }

    /** The {@code AUDIT_ARCH_*} value the kernel puts in {@code seccomp_data.arch}. */
    public int auditArch() {
        return auditArch;
    }

    public SyscallTable table() {
        return table;
    }

    /** The number {@code seccomp_data.nr} holds for {@code name}, if this ABI has it. */
    public Optional<Integer> number(String name) {
        return table.number(name).map(n -> n | numberBase);
    }

    /** The lowest number of this ABI's number space. */
    int lowestNumber() {
        return numberBase;
    }

    /**
     * Whether syscall arguments are 64 bits wide. libseccomp compares only the low 32 bits on i386 and
     * x32, whose arguments are 32-bit values; we do the same.
     */
    public boolean wideArgs() {
        return wideArgs;
    }

    static Optional<Arch> ofScmpName(String name) {
        for (Arch arch : values()) {
            if (arch.scmpName.equals(name)) {
                return Optional.of(arch);
            }
        }
        return Optional.empty();
    }
}
