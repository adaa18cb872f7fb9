package dev.berth.engine.runtime.cgroup;

import static java.lang.foreign.ValueLayout.ADDRESS;
import static java.lang.foreign.ValueLayout.JAVA_BYTE;
import static java.lang.foreign.ValueLayout.JAVA_INT;
import static java.lang.foreign.ValueLayout.JAVA_LONG;

import java.lang.foreign.Arena;
import java.lang.foreign.FunctionDescriptor;
import java.lang.foreign.Linker;
import java.lang.foreign.MemoryLayout;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.StructLayout;
import java.lang.invoke.MethodHandle;
import java.lang.invoke.VarHandle;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The bpf(2) calls that the v2 device controller needs, through {@code java.lang.foreign}: load a
 * {@code BPF_PROG_TYPE_CGROUP_DEVICE} program, attach it to a cgroup directory, list and detach the
 * programs attached there, and look a program up by ID. Needs CAP_SYS_ADMIN (root). Field offsets
 * are those of {@code union bpf_attr} in {@code include/uapi/linux/bpf.h}, the same on every arch.
 */
final class Bpf {

    private static final int BPF_PROG_LOAD = 5;
    private static final int BPF_PROG_ATTACH = 8;
    private static final int BPF_PROG_DETACH = 9;
    private static final int BPF_PROG_GET_FD_BY_ID = 13;
    private static final int BPF_OBJ_GET_INFO_BY_FD = 15;
    private static final int BPF_PROG_QUERY = 16;
    private static final int BPF_PROG_TYPE_CGROUP_DEVICE = 15;
    private static final int BPF_CGROUP_DEVICE = 6;
    /** Several programs per cgroup, all of which must allow (runc and systemd attach this way). */
    private static final int BPF_F_ALLOW_MULTI = 2;
    private static final int ATTR_SIZE = 128;
    private static final int ENOENT = 2;
    private static final int ENOSPC = 28;

    private static final boolean AARCH64 = System.getProperty("os.arch").equals("aarch64");
    private static final long SYS_BPF = AARCH64 ? 280 : 321;
    private static final int O_DIRECTORY = AARCH64 ? 040000 : 0200000;
    private static final int O_CLOEXEC = 02000000;

    private static final Linker LINKER = Linker.nativeLinker();
    private static final StructLayout CAPTURE = Linker.Option.captureStateLayout();
    private static final VarHandle ERRNO = CAPTURE.varHandle(MemoryLayout.PathElement.groupElement("errno"));
    private static final MethodHandle SYSCALL = LINKER.downcallHandle(
            LINKER.defaultLookup().find("syscall").orElseThrow(),
            FunctionDescriptor.of(JAVA_LONG, JAVA_LONG, JAVA_LONG, ADDRESS, JAVA_LONG),
            Linker.Option.firstVariadicArg(1), Linker.Option.captureCallState("errno"));
    private static final MethodHandle OPEN = LINKER.downcallHandle(
            LINKER.defaultLookup().find("open").orElseThrow(),
            FunctionDescriptor.of(JAVA_INT, ADDRESS, JAVA_INT, JAVA_INT),
            Linker.Option.firstVariadicArg(2), Linker.Option.captureCallState("errno"));
    private static final MethodHandle CLOSE = LINKER.downcallHandle(
            LINKER.defaultLookup().find("close").orElseThrow(), FunctionDescriptor.of(JAVA_INT, JAVA_INT));
    private static final MethodHandle STRERROR = LINKER.downcallHandle(LINKER.defaultLookup().find("strerror").orElseThrow(),
            FunctionDescriptor.of(ADDRESS.withTargetLayout(MemoryLayout.sequenceLayout(1024, JAVA_BYTE)), JAVA_INT));

    private Bpf() {}

    /** A bpf(2) or open(2) failure: the call, the errno; {@link CgroupException} names the cgroup. */
    static final class BpfException extends Exception {
        final int errno;

        BpfException(String call, int errno, String detail) {
            super(call + ": " + strerror(errno) + (detail.isBlank() ? "" : ": " + detail.strip()));
            this.errno = errno;
        }
    }

    /**
     * Loads the program; returns its file descriptor. On failure the verifier's log is in the message
     * (loaded once more with logging, so a good program costs no log buffer).
     */
    static int loadDeviceProgram(byte[] instructions, String license) throws BpfException {
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment insns = arena.allocate(instructions.length, 8);
            MemorySegment.copy(instructions, 0, insns, JAVA_BYTE, 0, instructions.length);
            MemorySegment lic = arena.allocateFrom(license);
            MemorySegment attr = arena.allocate(ATTR_SIZE, 8);
            attr.set(JAVA_INT, 0, BPF_PROG_TYPE_CGROUP_DEVICE);
            attr.set(JAVA_INT, 4, instructions.length / 8);
            attr.set(JAVA_LONG, 8, insns.address());
            attr.set(JAVA_LONG, 16, lic.address());
            byte[] name = "berth_devices".getBytes(StandardCharsets.US_ASCII);
            MemorySegment.copy(name, 0, attr, JAVA_BYTE, 48, name.length); // prog_name[16], kernel 4.15+
            try {
                return (int) bpf(arena, BPF_PROG_LOAD, attr, "bpf(BPF_PROG_LOAD)");
            } catch (BpfException e) {
                MemorySegment log = arena.allocate(65536);
                attr.set(JAVA_INT, 24, 1);                       // log_level
                attr.set(JAVA_INT, 28, (int) log.byteSize());    // log_size
                attr.set(JAVA_LONG, 32, log.address());          // log_buf
                try {
                    long fd = bpf(arena, BPF_PROG_LOAD, attr, "bpf(BPF_PROG_LOAD)");
                    close((int) fd);
                } catch (BpfException again) {
                    if (again.errno != ENOSPC) {
                        throw new BpfException("bpf(BPF_PROG_LOAD)", again.errno, "verifier says: " + log.getString(0));
                    }
                }
                throw e;
            }
        }
    }

    /** Attaches a device program to the cgroup directory (alongside others: BPF_F_ALLOW_MULTI). */
    static void attachDeviceProgram(int programFd, Path cgroupDir) throws BpfException {
        int dir = openDirectory(cgroupDir);
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment attr = arena.allocate(ATTR_SIZE, 8);
            attr.set(JAVA_INT, 0, dir);               // target_fd
            attr.set(JAVA_INT, 4, programFd);         // attach_bpf_fd
            attr.set(JAVA_INT, 8, BPF_CGROUP_DEVICE); // attach_type
            attr.set(JAVA_INT, 12, BPF_F_ALLOW_MULTI);
            bpf(arena, BPF_PROG_ATTACH, attr, "bpf(BPF_PROG_ATTACH, " + cgroupDir + ")");
        } finally {
            close(dir);
        }
    }

    /** Detaches the program with this ID from the cgroup directory (no-op if it is gone already). */
    static void detachDeviceProgram(int programId, Path cgroupDir) throws BpfException {
        int prog;
        try {
            prog = programFd(programId);
        } catch (BpfException e) {
            if (e.errno == ENOENT) return;
            throw e;
        }
        int dir = openDirectory(cgroupDir);
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment attr = arena.allocate(ATTR_SIZE, 8);
            attr.set(JAVA_INT, 0, dir);
            attr.set(JAVA_INT, 4, prog);
            attr.set(JAVA_INT, 8, BPF_CGROUP_DEVICE);
            bpf(arena, BPF_PROG_DETACH, attr, "bpf(BPF_PROG_DETACH, " + cgroupDir + ")");
        } finally {
            close(dir);
            close(prog);
        }
    }

    /** The IDs of the device programs attached to this cgroup directory itself (not inherited ones). */
    static List<Integer> attachedDevicePrograms(Path cgroupDir) throws BpfException {
        int dir = openDirectory(cgroupDir);
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment ids = arena.allocate(JAVA_INT, 64);
            MemorySegment attr = arena.allocate(ATTR_SIZE, 8);
            attr.set(JAVA_INT, 0, dir);
            attr.set(JAVA_INT, 4, BPF_CGROUP_DEVICE);
            attr.set(JAVA_LONG, 16, ids.address()); // prog_ids
            attr.set(JAVA_INT, 24, 64);             // prog_cnt in: room, out: count
            bpf(arena, BPF_PROG_QUERY, attr, "bpf(BPF_PROG_QUERY, " + cgroupDir + ")");
            int count = attr.get(JAVA_INT, 24);
            List<Integer> out = new ArrayList<>();
            for (int i = 0; i < count; i++) out.add(ids.getAtIndex(JAVA_INT, i));
            return out;
        } finally {
            close(dir);
        }
    }

    /** The kernel's ID of a loaded program (what {@code bpftool prog} lists). */
    static int programId(int programFd) throws BpfException {
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment info = arena.allocate(16, 8); // struct bpf_prog_info: u32 type, u32 id, …
            MemorySegment attr = arena.allocate(ATTR_SIZE, 8);
            attr.set(JAVA_INT, 0, programFd);
            attr.set(JAVA_INT, 4, (int) info.byteSize());
            attr.set(JAVA_LONG, 8, info.address());
            bpf(arena, BPF_OBJ_GET_INFO_BY_FD, attr, "bpf(BPF_OBJ_GET_INFO_BY_FD)");
            return info.get(JAVA_INT, 4);
        }
    }

    /** Whether a program with this ID is still loaded anywhere. */
    static boolean programExists(int programId) throws BpfException {
        try {
            close(programFd(programId));
            return true;
        } catch (BpfException e) {
            if (e.errno == ENOENT) return false;
            throw e;
        }
    }

    private static int programFd(int programId) throws BpfException {
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment attr = arena.allocate(ATTR_SIZE, 8);
            attr.set(JAVA_INT, 0, programId);
            return (int) bpf(arena, BPF_PROG_GET_FD_BY_ID, attr, "bpf(BPF_PROG_GET_FD_BY_ID " + programId + ")");
        }
    }

    private static long bpf(Arena arena, int cmd, MemorySegment attr, String call) throws BpfException {
        MemorySegment errno = arena.allocate(CAPTURE);
        long rc;
        try {
            rc = (long) SYSCALL.invokeExact(errno, SYS_BPF, (long) cmd, attr, (long) ATTR_SIZE);
        } catch (Throwable t) {
            throw linkageFailure(t);
        }
        if (rc < 0) throw new BpfException(call, (int) ERRNO.get(errno, 0L), "");
        return rc;
    }

    private static int openDirectory(Path dir) throws BpfException {
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment errno = arena.allocate(CAPTURE);
            int fd = (int) OPEN.invokeExact(errno, arena.allocateFrom(dir.toString()), O_DIRECTORY | O_CLOEXEC, 0);
            if (fd < 0) throw new BpfException("open(" + dir + ")", (int) ERRNO.get(errno, 0L), "");
            return fd;
        } catch (BpfException e) {
            throw e;
        } catch (Throwable t) {
            throw linkageFailure(t);
        }
    }

    static void close(int fd) {
        try {
            int ignored = (int) CLOSE.invokeExact(fd);
        } catch (Throwable t) {
            // closing our own descriptor: nothing to act on
        }
    }

    private static String strerror(int errno) {
        try {
            return ((MemorySegment) STRERROR.invokeExact(errno)).getString(0) + " (errno " + errno + ")";
        } catch (Throwable t) {
            return "errno " + errno;
        }
    }

    private static RuntimeException linkageFailure(Throwable t) {
        if (t instanceof RuntimeException r) return r;
        if (t instanceof Error e) throw e;
        return new IllegalStateException("calling bpf(2) through the foreign function API failed", t);
    }
}
