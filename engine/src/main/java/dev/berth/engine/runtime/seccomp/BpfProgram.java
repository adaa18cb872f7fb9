package dev.berth.engine.runtime.seccomp;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;

/**
 * A compiled seccomp filter. {@link #write} stores it as the shim loads it: the {@code struct sock_filter}
 * array, 8 bytes an instruction (u16 code, u8 jt, u8 jf, u32 k), little endian, nothing else; the
 * instruction count is the file size / 8.
 */
public record BpfProgram(List<BpfInstruction> instructions) {

    /** The kernel refuses longer programs ({@code BPF_MAXINSNS}). */
    public static final int MAX_INSTRUCTIONS = 4096;

    public BpfProgram {
        instructions = List.copyOf(instructions);
    }

    public int size() {
        return instructions.size();
    }

    public byte[] toBytes() {
        ByteBuffer buffer = ByteBuffer.allocate(instructions.size() * 8).order(ByteOrder.LITTLE_ENDIAN);
        for (BpfInstruction insn : instructions) {
            buffer.putShort((short) insn.code()).put((byte) insn.jt()).put((byte) insn.jf()).putInt(insn.k());
        }
        return buffer.array();
    }

    public static BpfProgram fromBytes(byte[] bytes) {
        if (bytes.length % 8 != 0) {
            throw new IllegalArgumentException("a BPF program is a multiple of 8 bytes, got " + bytes.length);
        }
        ByteBuffer buffer = ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN);
        BpfInstruction[] instructions = new BpfInstruction[bytes.length / 8];
        for (int i = 0; i < instructions.length; i++) {
            instructions[i] = new BpfInstruction(Short.toUnsignedInt(buffer.getShort()),
                    Byte.toUnsignedInt(buffer.get()), Byte.toUnsignedInt(buffer.get()), buffer.getInt());
        }
        return new BpfProgram(List.of(instructions));
    }

    /** Writes the program to {@code file} atomically (a reader never sees half a filter). */
    public void write(Path file) throws IOException {
        Path temp = file.resolveSibling(file.getFileName() + ".tmp");
        Files.write(temp, toBytes());
        Files.move(temp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    }
}
