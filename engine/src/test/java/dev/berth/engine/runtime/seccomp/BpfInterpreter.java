package dev.berth.engine.runtime.seccomp;

import java.util.List;

/**
 * Runs a seccomp BPF program the way the kernel does, on a {@code struct seccomp_data} (nr, arch,
 * instruction pointer, six 64-bit arguments, little endian), after the checks the kernel's
 * {@code seccomp_check_filter} makes: known opcodes, in-range loads and jumps, ending in RET.
 */
final class BpfInterpreter {

    private final List<BpfInstruction> program;
    private int executed;

    BpfInterpreter(BpfProgram program) {
        this.program = program.instructions();
        validate();
    }

    private void validate() {
        if (program.isEmpty() || program.size() > BpfProgram.MAX_INSTRUCTIONS) {
            throw new AssertionError("program size " + program.size() + " is outside 1.." + BpfProgram.MAX_INSTRUCTIONS);
        }
        for (int pc = 0; pc < program.size(); pc++) {
            BpfInstruction insn = program.get(pc);
            switch (insn.code()) {
                case BpfInstruction.LD_W_ABS -> {
                    if (insn.k() < 0 || insn.k() > 60 || insn.k() % 4 != 0) {
                        throw new AssertionError("pc " + pc + ": load outside seccomp_data: " + insn);
                    }
                }
                case BpfInstruction.ALU_AND_K, BpfInstruction.RET_K -> { }
                case BpfInstruction.JA -> target(pc, insn.k());
                case BpfInstruction.JEQ_K, BpfInstruction.JGT_K, BpfInstruction.JGE_K -> {
                    target(pc, insn.jt());
                    target(pc, insn.jf());
                }
                default -> throw new AssertionError("pc " + pc + ": opcode the compiler should not emit: " + insn);
            }
        }
        if (program.getLast().code() != BpfInstruction.RET_K) {
            throw new AssertionError("the last instruction must be RET: " + program.getLast());
        }
    }

    private void target(int pc, int offset) {
        if (offset < 0 || pc + 1L + Integer.toUnsignedLong(offset) >= program.size()) {
            throw new AssertionError("pc " + pc + ": jump beyond the program: " + program.get(pc));
        }
    }

    int run(int nr, int arch, long... args) {
        int[] data = new int[16];
        data[0] = nr;
        data[1] = arch;
        for (int i = 0; i < args.length; i++) {
            data[4 + 2 * i] = (int) args[i];
            data[5 + 2 * i] = (int) (args[i] >>> 32);
        }
        int a = 0;
        int pc = 0;
        for (executed = 1; executed <= program.size(); executed++) {
            BpfInstruction insn = program.get(pc);
            switch (insn.code()) {
                case BpfInstruction.LD_W_ABS -> a = data[insn.k() / 4];
                case BpfInstruction.ALU_AND_K -> a &= insn.k();
                case BpfInstruction.RET_K -> {
                    return insn.k();
                }
                case BpfInstruction.JA -> pc += insn.k();
                case BpfInstruction.JEQ_K -> pc += a == insn.k() ? insn.jt() : insn.jf();
                case BpfInstruction.JGT_K -> pc += Integer.compareUnsigned(a, insn.k()) > 0 ? insn.jt() : insn.jf();
                case BpfInstruction.JGE_K -> pc += Integer.compareUnsigned(a, insn.k()) >= 0 ? insn.jt() : insn.jf();
                default -> throw new AssertionError("unknown opcode " + insn);
            }
            pc++;
        }
        throw new AssertionError("program did not return (a backward jump?)");
    }

    /** How many instructions the last {@link #run} executed. */
    int executed() {
        return executed;
    }

    /** The action for syscall {@code name} of {@code arch}; fails if the ABI has no such syscall. */
    SeccompAction verdict(Arch arch, String name, long... args) {
        int nr = arch.number(name).orElseThrow(() -> new AssertionError(arch + " has no syscall " + name));
        return SeccompAction.ofRet(run(nr, arch.auditArch(), args));
    }
}
