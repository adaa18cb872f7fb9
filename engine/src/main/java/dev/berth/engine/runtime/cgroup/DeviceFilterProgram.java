package dev.berth.engine.runtime.cgroup;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.List;

/**
 * The cgroup v2 device controller: an eBPF program of type {@code BPF_PROG_TYPE_CGROUP_DEVICE}
 * that the kernel runs on every open and mknod of a device node, returning 1 (allow) or 0 (deny).
 * Its context is {@code struct bpf_cgroup_dev_ctx {u32 access_type; u32 major; u32 minor;}} with
 * the device type in the low 16 bits of access_type and the access bits above. The program has
 * the shape of runc's {@code devicefilter.go} (after crun's {@code ebpf.c}): load the four values
 * into r2..r5, then one block per allowed rule that jumps to the next block on a mismatch and
 * returns 1 otherwise; returning 0 at the end. Instructions are 8 bytes:
 * {@code u8 opcode; u8 dst:4, src:4; s16 offset; s32 immediate}, in the host's byte order.
 */
final class DeviceFilterProgram {

    // opcode = class | operation | source (include/uapi/linux/bpf.h, bpf_common.h)
    private static final int LDX_MEM_W = 0x01 | 0x60 | 0x00;   // rD = *(u32 *)(rS + off)
    private static final int ALU32_AND_K = 0x04 | 0x50 | 0x00; // wD &= imm
    private static final int ALU32_RSH_K = 0x04 | 0x70 | 0x00; // wD >>= imm
    private static final int ALU32_MOV_K = 0x04 | 0xb0 | 0x00; // wD = imm
    private static final int ALU32_MOV_X = 0x04 | 0xb0 | 0x08; // wD = wS
    private static final int JMP_JNE_K = 0x05 | 0x50 | 0x00;   // if rD != imm goto +off
    private static final int JMP_JNE_X = 0x05 | 0x50 | 0x08;   // if rD != rS goto +off
    private static final int JMP_EXIT = 0x05 | 0x90;

    private static final int R0 = 0, R1 = 1, R2 = 2, R3 = 3, R4 = 4, R5 = 5;
    private static final int DEV_BLOCK = 1, DEV_CHAR = 2; // BPF_DEVCG_DEV_*
    private static final int ALL_ACCESS = 7;

    /** One instruction. */
    record Insn(int opcode, int dst, int src, int offset, int imm) {}

    private DeviceFilterProgram() {}

    /** The program for an allow list (every other device is denied). */
    static List<Insn> instructions(DeviceRules rules) {
        if (rules.allowAll()) throw new IllegalArgumentException("allow-all needs no device program");
        List<Insn> p = new ArrayList<>();
        p.add(new Insn(LDX_MEM_W, R2, R1, 0, 0));
        p.add(new Insn(ALU32_AND_K, R2, 0, 0, 0xffff));      // r2 = type
        p.add(new Insn(LDX_MEM_W, R3, R1, 0, 0));
        p.add(new Insn(ALU32_RSH_K, R3, 0, 0, 16));          // r3 = access
        p.add(new Insn(LDX_MEM_W, R4, R1, 4, 0));            // r4 = major
        p.add(new Insn(LDX_MEM_W, R5, R1, 8, 0));            // r5 = minor
        for (DeviceRule rule : rules.allowed()) {
            List<Insn> checks = new ArrayList<>(); // each jumps past the block on a mismatch; offsets fixed below
            if (rule.type() != 'a') checks.add(new Insn(JMP_JNE_K, R2, 0, 0, rule.type() == 'c' ? DEV_CHAR : DEV_BLOCK));
            if (rule.accessBits() != ALL_ACCESS) {
                // (access & allowed) != access: something asked for is not allowed (r1, the context, is free now)
                checks.add(new Insn(ALU32_MOV_X, R1, R3, 0, 0));
                checks.add(new Insn(ALU32_AND_K, R1, 0, 0, rule.accessBits()));
                checks.add(new Insn(JMP_JNE_X, R1, R3, 0, 0));
            }
            if (rule.major() != DeviceRule.ANY) checks.add(new Insn(JMP_JNE_K, R4, 0, 0, (int) rule.major()));
            if (rule.minor() != DeviceRule.ANY) checks.add(new Insn(JMP_JNE_K, R5, 0, 0, (int) rule.minor()));
            int blockEnd = checks.size() + 2; // the checks, then r0 = 1 and exit
            for (int i = 0; i < checks.size(); i++) {
                Insn c = checks.get(i);
                boolean jump = c.opcode() == JMP_JNE_K || c.opcode() == JMP_JNE_X;
                // a jump's offset counts from the next instruction
                p.add(jump ? new Insn(c.opcode(), c.dst(), c.src(), blockEnd - (i + 1), c.imm()) : c);
            }
            p.add(new Insn(ALU32_MOV_K, R0, 0, 0, 1));
            p.add(new Insn(JMP_EXIT, 0, 0, 0, 0));
        }
        p.add(new Insn(ALU32_MOV_K, R0, 0, 0, 0));
        p.add(new Insn(JMP_EXIT, 0, 0, 0, 0));
        return p;
    }

    /** The instructions as the kernel reads them. */
    static byte[] encode(List<Insn> program) {
        ByteBuffer b = ByteBuffer.allocate(program.size() * 8).order(ByteOrder.nativeOrder());
        for (Insn i : program) {
            b.put((byte) i.opcode());
            // the register byte is a C bitfield {dst:4, src:4}: dst in the low nibble on little-endian hosts
            b.put((byte) (ByteOrder.nativeOrder() == ByteOrder.LITTLE_ENDIAN ? (i.src() << 4) | i.dst() : (i.dst() << 4) | i.src()));
            b.putShort((short) i.offset());
            b.putInt(i.imm());
        }
        return b.array();
    }

    /**
     * Runs the program on one request, the way the kernel would (for tests: the same instructions
     * that are loaded, interpreted over the few opcodes this class emits).
     */
    static boolean run(List<Insn> program, char type, long major, long minor, String access) {
        long[] r = new long[11];
        int accessBits = (access.contains("m") ? 1 : 0) | (access.contains("r") ? 2 : 0) | (access.contains("w") ? 4 : 0);
        long[] ctx = {((long) accessBits << 16) | (type == 'c' ? DEV_CHAR : DEV_BLOCK), major, minor};
        int pc = 0;
        while (true) {
            Insn i = program.get(pc++);
            switch (i.opcode()) {
                case LDX_MEM_W -> r[i.dst()] = ctx[i.offset() / 4] & 0xffffffffL;
                case ALU32_AND_K -> r[i.dst()] = (r[i.dst()] & i.imm()) & 0xffffffffL;
                case ALU32_RSH_K -> r[i.dst()] = (r[i.dst()] & 0xffffffffL) >>> i.imm();
                case ALU32_MOV_K -> r[i.dst()] = i.imm() & 0xffffffffL;
                case ALU32_MOV_X -> r[i.dst()] = r[i.src()] & 0xffffffffL;
                case JMP_JNE_K -> pc += r[i.dst()] != (long) i.imm() ? i.offset() : 0; // 64-bit compare, imm sign-extended
                case JMP_JNE_X -> pc += r[i.dst()] != r[i.src()] ? i.offset() : 0;
                case JMP_EXIT -> {
                    return r[R0] == 1;
                }
                default -> throw new IllegalStateException("opcode " + i.opcode());
            }
        }
    }
}
