package dev.berth.engine.sys;

import static java.lang.foreign.ValueLayout.ADDRESS;
import static java.lang.foreign.ValueLayout.JAVA_BYTE;
import static java.lang.foreign.ValueLayout.JAVA_INT;
import static java.lang.foreign.ValueLayout.JAVA_LONG;
import static java.lang.foreign.ValueLayout.JAVA_SHORT;

import java.lang.foreign.Arena;
import java.lang.foreign.FunctionDescriptor;
import java.lang.foreign.Linker;
import java.lang.foreign.MemoryLayout;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.StructLayout;
import java.lang.foreign.SymbolLookup;
import java.lang.invoke.MethodHandle;
import java.lang.invoke.VarHandle;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * {@link Syscalls} on the C library through {@code java.lang.foreign}. errno is captured by the
 * linker right after each call ({@code captureCallState}), so no other JVM activity can clobber it.
 * Needs {@code --enable-native-access=ALL-UNNAMED} (the jar manifest and surefire set it).
 */
final class LinuxSyscalls implements Syscalls {

    private static final int AT_FDCWD = -100;
    private static final int AT_SYMLINK_NOFOLLOW = 0x100;
    private static final int STATX_BASIC_STATS = 0x7ff;
    private static final int STATX_SIZE = 256;

    private static final Linker LINKER = Linker.nativeLinker();
    private static final SymbolLookup LIBC = LINKER.defaultLookup();
    private static final StructLayout CAPTURE = Linker.Option.captureStateLayout();
    private static final VarHandle ERRNO =
            CAPTURE.varHandle(MemoryLayout.PathElement.groupElement("errno"));
    private static final MethodHandle STRERROR = plain("strerror",
            FunctionDescriptor.of(ADDRESS.withTargetLayout(MemoryLayout.sequenceLayout(1024, JAVA_BYTE)), JAVA_INT));

    private static final MethodHandle CLOSE = plain("close", FunctionDescriptor.of(JAVA_INT, JAVA_INT));
    private static final MethodHandle READ = plain("read", FunctionDescriptor.of(JAVA_LONG, JAVA_INT, ADDRESS, JAVA_LONG));

    // after the statics above: the constructor uses them
    static final LinuxSyscalls INSTANCE = new LinuxSyscalls();

    private final MethodHandle mount = errnoCall("mount",
            FunctionDescriptor.of(JAVA_INT, ADDRESS, ADDRESS, ADDRESS, JAVA_LONG, ADDRESS));
    private final MethodHandle umount2 = errnoCall("umount2", FunctionDescriptor.of(JAVA_INT, ADDRESS, JAVA_INT));
    private final MethodHandle mknod = errnoCall("mknod", FunctionDescriptor.of(JAVA_INT, ADDRESS, JAVA_INT, JAVA_LONG));
    private final MethodHandle lchown = errnoCall("lchown", FunctionDescriptor.of(JAVA_INT, ADDRESS, JAVA_INT, JAVA_INT));
    private final MethodHandle lsetxattr = errnoCall("lsetxattr",
            FunctionDescriptor.of(JAVA_INT, ADDRESS, ADDRESS, ADDRESS, JAVA_LONG, JAVA_INT));
    private final MethodHandle lgetxattr = errnoCall("lgetxattr",
            FunctionDescriptor.of(JAVA_LONG, ADDRESS, ADDRESS, ADDRESS, JAVA_LONG));
    private final MethodHandle utimensat = errnoCall("utimensat",
            FunctionDescriptor.of(JAVA_INT, JAVA_INT, ADDRESS, ADDRESS, JAVA_INT));
    private final MethodHandle statx = errnoCall("statx",
            FunctionDescriptor.of(JAVA_INT, JAVA_INT, ADDRESS, JAVA_INT, JAVA_INT, ADDRESS));

    // the new mount API's wrappers came with glibc 2.36: null on older C libraries (fsmount is then ENOSYS)
    private final MethodHandle fsopen = optionalErrnoCall("fsopen", FunctionDescriptor.of(JAVA_INT, ADDRESS, JAVA_INT));
    private final MethodHandle fsconfig = optionalErrnoCall("fsconfig",
            FunctionDescriptor.of(JAVA_INT, JAVA_INT, JAVA_INT, ADDRESS, ADDRESS, JAVA_INT));
    private final MethodHandle fsmountCall = optionalErrnoCall("fsmount",
            FunctionDescriptor.of(JAVA_INT, JAVA_INT, JAVA_INT, JAVA_INT));
    private final MethodHandle moveMount = optionalErrnoCall("move_mount",
            FunctionDescriptor.of(JAVA_INT, JAVA_INT, ADDRESS, JAVA_INT, ADDRESS, JAVA_INT));

    private static final int FSOPEN_CLOEXEC = 1;
    private static final int FSCONFIG_SET_STRING = 1;
    private static final int FSCONFIG_CMD_CREATE = 6;
    private static final int FSMOUNT_CLOEXEC = 1;
    private static final int MOVE_MOUNT_F_EMPTY_PATH = 4;

    private LinuxSyscalls() {}

    @Override
    public void fsmount(String fsType, List<Map.Entry<String, String>> parameters, Path target) throws SyscallException {
        if (fsopen == null || fsconfig == null || fsmountCall == null || moveMount == null) {
            throw new SyscallException("fsopen " + fsType, target.toString(), Errno.ENOSYS);
        }
        int fs = -1;
        int mnt = -1;
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment errno = arena.allocate(CAPTURE);
            fs = (int) fsopen.invokeExact(errno, arena.allocateFrom(fsType), FSOPEN_CLOEXEC);
            check(fs, errno, "fsopen " + fsType, target);
            for (Map.Entry<String, String> p : parameters) {
                int rc = (int) fsconfig.invokeExact(errno, fs, FSCONFIG_SET_STRING, arena.allocateFrom(p.getKey()),
                        arena.allocateFrom(p.getValue()), 0);
                if (rc < 0) {
                    throw new SyscallException("fsconfig " + p.getKey() + "=" + p.getValue(), target.toString(),
                            (int) ERRNO.get(errno, 0L), kernelLog(fs));
                }
            }
            int rc = (int) fsconfig.invokeExact(errno, fs, FSCONFIG_CMD_CREATE, MemorySegment.NULL, MemorySegment.NULL, 0);
            if (rc < 0) {
                throw new SyscallException("fsconfig create " + fsType, target.toString(), (int) ERRNO.get(errno, 0L),
                        kernelLog(fs));
            }
            mnt = (int) fsmountCall.invokeExact(errno, fs, FSMOUNT_CLOEXEC, 0);
            check(mnt, errno, "fsmount " + fsType, target);
            rc = (int) moveMount.invokeExact(errno, mnt, arena.allocateFrom(""), AT_FDCWD, cstring(arena, target),
                    MOVE_MOUNT_F_EMPTY_PATH);
            check(rc, errno, "move_mount", target);
        } catch (SyscallException e) {
            throw e;
        } catch (Throwable t) {
            throw linkageFailure("fsmount", t);
        } finally {
            close(mnt);
            close(fs);
        }
    }

    /** The messages the kernel queued on a filesystem context ("e overlayfs: …" lines). */
    private static String kernelLog(int fd) {
        StringBuilder out = new StringBuilder();
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment buf = arena.allocate(1024);
            for (int i = 0; i < 8; i++) {
                long n = (long) READ.invokeExact(fd, buf, buf.byteSize());
                if (n <= 0) break;
                String line = new String(buf.asSlice(0, n).toArray(JAVA_BYTE), java.nio.charset.StandardCharsets.UTF_8);
                if (!out.isEmpty()) out.append("; ");
                out.append(line.length() > 2 && line.charAt(1) == ' ' ? line.substring(2) : line);
            }
        } catch (Throwable t) {
            // no log: the errno alone must do
        }
        return out.toString();
    }

    private static void close(int fd) {
        if (fd < 0) return;
        try {
            int ignored = (int) CLOSE.invokeExact(fd);
        } catch (Throwable t) {
            // closing a descriptor we opened cannot fail in a way we could act on
        }
    }

    @Override
    public void mount(String source, Path target, String fsType, long flags, String data) throws SyscallException {
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment errno = arena.allocate(CAPTURE);
            MemorySegment cdata = data == null ? MemorySegment.NULL : arena.allocateFrom(data);
            int rc = (int) mount.invokeExact(errno, arena.allocateFrom(source), cstring(arena, target),
                    arena.allocateFrom(fsType), flags, cdata);
            check(rc, errno, "mount", target);
        } catch (SyscallException e) {
            throw e;
        } catch (Throwable t) {
            throw linkageFailure("mount", t);
        }
    }

    @Override
    public void umount2(Path target, int flags) throws SyscallException {
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment errno = arena.allocate(CAPTURE);
            int rc = (int) umount2.invokeExact(errno, cstring(arena, target), flags);
            check(rc, errno, "umount2", target);
        } catch (SyscallException e) {
            throw e;
        } catch (Throwable t) {
            throw linkageFailure("umount2", t);
        }
    }

    @Override
    public void mknod(Path path, int mode, int major, int minor) throws SyscallException {
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment errno = arena.allocate(CAPTURE);
            int rc = (int) mknod.invokeExact(errno, cstring(arena, path), mode, makedev(major, minor));
            check(rc, errno, "mknod", path);
        } catch (SyscallException e) {
            throw e;
        } catch (Throwable t) {
            throw linkageFailure("mknod", t);
        }
    }

    @Override
    public void lchown(Path path, int uid, int gid) throws SyscallException {
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment errno = arena.allocate(CAPTURE);
            int rc = (int) lchown.invokeExact(errno, cstring(arena, path), uid, gid);
            check(rc, errno, "lchown", path);
        } catch (SyscallException e) {
            throw e;
        } catch (Throwable t) {
            throw linkageFailure("lchown", t);
        }
    }

    @Override
    public void lsetxattr(Path path, String name, byte[] value) throws SyscallException {
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment errno = arena.allocate(CAPTURE);
            MemorySegment buf = arena.allocate(Math.max(1, value.length));
            MemorySegment.copy(value, 0, buf, JAVA_BYTE, 0, value.length);
            int rc = (int) lsetxattr.invokeExact(errno, cstring(arena, path), arena.allocateFrom(name), buf,
                    (long) value.length, 0);
            check(rc, errno, "lsetxattr " + name, path);
        } catch (SyscallException e) {
            throw e;
        } catch (Throwable t) {
            throw linkageFailure("lsetxattr", t);
        }
    }

    @Override
    public Optional<byte[]> lgetxattr(Path path, String name) throws SyscallException {
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment errno = arena.allocate(CAPTURE);
            MemorySegment cpath = cstring(arena, path);
            MemorySegment cname = arena.allocateFrom(name);
            // xattr values are at most 64 KiB (XATTR_SIZE_MAX): one buffer that size always fits
            MemorySegment buf = arena.allocate(65536);
            long n = (long) lgetxattr.invokeExact(errno, cpath, cname, buf, buf.byteSize());
            if (n < 0) {
                int e = (int) ERRNO.get(errno, 0L);
                if (e == Errno.ENODATA) return Optional.empty();
                throw new SyscallException("lgetxattr " + name, path.toString(), e);
            }
            return Optional.of(buf.asSlice(0, n).toArray(JAVA_BYTE));
        } catch (SyscallException e) {
            throw e;
        } catch (Throwable t) {
            throw linkageFailure("lgetxattr", t);
        }
    }

    @Override
    public void lutimes(Path path, long seconds, int nanos) throws SyscallException {
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment errno = arena.allocate(CAPTURE);
            MemorySegment times = arena.allocate(JAVA_LONG, 4); // struct timespec[2]: atime, mtime
            times.setAtIndex(JAVA_LONG, 0, seconds);
            times.setAtIndex(JAVA_LONG, 1, nanos);
            times.setAtIndex(JAVA_LONG, 2, seconds);
            times.setAtIndex(JAVA_LONG, 3, nanos);
            int rc = (int) utimensat.invokeExact(errno, AT_FDCWD, cstring(arena, path), times, AT_SYMLINK_NOFOLLOW);
            check(rc, errno, "utimensat", path);
        } catch (SyscallException e) {
            throw e;
        } catch (Throwable t) {
            throw linkageFailure("utimensat", t);
        }
    }

    @Override
    public FileStat lstat(Path path) throws SyscallException {
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment errno = arena.allocate(CAPTURE);
            MemorySegment st = arena.allocate(STATX_SIZE, 8);
            int rc = (int) statx.invokeExact(errno, AT_FDCWD, cstring(arena, path), AT_SYMLINK_NOFOLLOW,
                    STATX_BASIC_STATS, st);
            check(rc, errno, "statx", path);
            // struct statx has one layout on every architecture (include/uapi/linux/stat.h)
            long dev = ((long) st.get(JAVA_INT, 136) << 32) | Integer.toUnsignedLong(st.get(JAVA_INT, 140));
            return new FileStat(dev, st.get(JAVA_LONG, 32), st.get(JAVA_INT, 16),
                    Short.toUnsignedInt(st.get(JAVA_SHORT, 28)), st.get(JAVA_LONG, 40), st.get(JAVA_LONG, 48));
        } catch (SyscallException e) {
            throw e;
        } catch (Throwable t) {
            throw linkageFailure("statx", t);
        }
    }

    /** The C library's text for an errno. */
    static String strerror(int errno) {
        try {
            MemorySegment s = (MemorySegment) STRERROR.invokeExact(errno);
            return s.getString(0);
        } catch (Throwable t) {
            return "errno " + errno;
        }
    }

    /** glibc's makedev(3): the 64-bit dev_t encoding of a major and minor number. */
    static long makedev(int major, int minor) {
        long ma = Integer.toUnsignedLong(major);
        long mi = Integer.toUnsignedLong(minor);
        return ((ma & 0xfffff000L) << 32) | ((ma & 0xfffL) << 8) | ((mi & 0xffffff00L) << 12) | (mi & 0xffL);
    }

    private static MemorySegment cstring(Arena arena, Path path) {
        return arena.allocateFrom(path.toString());
    }

    private static void check(int rc, MemorySegment errno, String call, Path path) throws SyscallException {
        if (rc < 0) throw new SyscallException(call, path.toString(), (int) ERRNO.get(errno, 0L));
    }

    private static IllegalStateException linkageFailure(String call, Throwable t) {
        if (t instanceof RuntimeException r) throw r;
        if (t instanceof Error e) throw e;
        return new IllegalStateException("calling " + call + " through the foreign function API failed", t);
    }

    private static MethodHandle errnoCall(String name, FunctionDescriptor fd) {
        return LIBC.find(name)
                .map(addr -> LINKER.downcallHandle(addr, fd, Linker.Option.captureCallState("errno")))
                .orElseThrow(() -> new UnsatisfiedLinkError("the C library has no " + name + "()"));
    }

    private static MethodHandle optionalErrnoCall(String name, FunctionDescriptor fd) {
        return LIBC.find(name)
                .map(addr -> LINKER.downcallHandle(addr, fd, Linker.Option.captureCallState("errno")))
                .orElse(null);
    }

    private static MethodHandle plain(String name, FunctionDescriptor fd) {
        return LINKER.downcallHandle(LIBC.find(name).orElseThrow(), fd);
    }
}
