package dev.berth.engine.runtime.seccomp;

/** One classic BPF instruction, {@code struct sock_filter}: u16 code, u8 jt, u8 jf, u32 k. */
public record BpfInstruction(int code, int jt, int jf, int k) {

    public static final int LD_W_ABS = 0x20;   // BPF_LD | BPF_W | BPF_ABS
    public static final int ALU_AND_K = 0x54;  // BPF_ALU | BPF_AND | BPF_K
    public static final int JA = 0x05;         // BPF_JMP | BPF_JA
    public static final int JEQ_K = 0x15;      // BPF_JMP | BPF_JEQ | BPF_K
    public static final int JGT_K = 0x25;      // BPF_JMP | BPF_JGT | BPF_K
    public static final int JGE_K = 0x35;      // BPF_JMP | BPF_JGE | BPF_K
    public static final int RET_K = 0x06;      // BPF_RET | BPF_K

    public BpfInstruction {
        if (code < 0 || code > 0xffff || jt < 0 || jt > 0xff || jf < 0 || jf > 0xff) {
            throw new IllegalArgumentException("not a BPF instruction: code " + code + " jt " + jt + " jf " + jf);
        }
    }

    public static BpfInstruction statement(int code, int k) {
        return new BpfInstruction(code, 0, 0, k);
    }

    @Override
    public String toString() {
        return String.format("{0x%02x, %d, %d, 0x%08x}", code, jt, jf, k);
    }
}
