package dev.berth.engine.network.link;

import static java.lang.foreign.ValueLayout.ADDRESS;
import static java.lang.foreign.ValueLayout.JAVA_INT;
import static java.lang.foreign.ValueLayout.JAVA_LONG;

import dev.berth.engine.sys.SyscallException;
import java.lang.foreign.Arena;
import java.lang.foreign.FunctionDescriptor;
import java.lang.foreign.Linker;
import java.lang.foreign.MemoryLayout;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.StructLayout;
import java.lang.invoke.MethodHandle;
import java.lang.invoke.VarHandle;
import java.nio.file.Path;

/**
 * The C library calls this package makes (socket, sendto, recv, setsockopt, open, close, setns,
 * unshare), through {@code java.lang.foreign} with errno captured by the linker right after each
 * call, as {@code dev.berth.engine.sys.LinuxSyscalls} does. Failures are {@link SyscallException}s.
 */
final class Native {

    static final int AF_NETLINK = 16;
    static final int SOCK_RAW = 3;
    static final int SOCK_CLOEXEC = 02000000;
    static final int NETLINK_ROUTE = 0;
    static final int SOL_NETLINK = 270;
    static final int NETLINK_CAP_ACK = 10;
    static final int NETLINK_EXT_ACK = 11;
    static final int O_RDONLY = 0;
    static final int O_CLOEXEC = 02000000;
    static final int CLONE_NEWNET = 0x40000000;

    private static final Linker LINKER = Linker.nativeLinker();
    private static final StructLayout CAPTURE = Linker.Option.captureStateLayout();
    private static final VarHandle ERRNO = CAPTURE.varHandle(MemoryLayout.PathElement.groupElement("errno"));

    private static final MethodHandle SOCKET = call("socket", FunctionDescriptor.of(JAVA_INT, JAVA_INT, JAVA_INT, JAVA_INT));
    private static final MethodHandle SETSOCKOPT = call("setsockopt",
            FunctionDescriptor.of(JAVA_INT, JAVA_INT, JAVA_INT, JAVA_INT, ADDRESS, JAVA_INT));
    private static final MethodHandle SENDTO = call("sendto",
            FunctionDescriptor.of(JAVA_LONG, JAVA_INT, ADDRESS, JAVA_LONG, JAVA_INT, ADDRESS, JAVA_INT));
    private static final MethodHandle RECV = call("recv", FunctionDescriptor.of(JAVA_LONG, JAVA_INT, ADDRESS, JAVA_LONG, JAVA_INT));
    private static final MethodHandle OPEN = call("open", FunctionDescriptor.of(JAVA_INT, ADDRESS, JAVA_INT));
    private static final MethodHandle CLOSE = call("close", FunctionDescriptor.of(JAVA_INT, JAVA_INT));
    private static final MethodHandle SETNS = call("setns", FunctionDescriptor.of(JAVA_INT, JAVA_INT, JAVA_INT));
    private static final MethodHandle UNSHARE = call("unshare", FunctionDescriptor.of(JAVA_INT, JAVA_INT));

    private Native() {}

    static int socket(int domain, int type, int protocol) throws SyscallException {
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment errno = arena.allocate(CAPTURE);
            int fd = (int) SOCKET.invokeExact(errno, domain, type, protocol);
            check(fd, errno, "socket", "AF_NETLINK, NETLINK_ROUTE");
            return fd;
        } catch (SyscallException e) {
            throw e;
        } catch (Throwable t) {
            throw linkage("socket", t);
        }
    }

    /** setsockopt with an int value. */
    static void setsockopt(int fd, int level, int option, int value, String what) throws SyscallException {
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment errno = arena.allocate(CAPTURE);
            MemorySegment v = arena.allocateFrom(JAVA_INT, value);
            int rc = (int) SETSOCKOPT.invokeExact(errno, fd, level, option, v, 4);
            check(rc, errno, "setsockopt", what);
        } catch (SyscallException e) {
            throw e;
        } catch (Throwable t) {
            throw linkage("setsockopt", t);
        }
    }

    /** Sends one datagram to the kernel (sockaddr_nl with pid 0). */
    static void sendToKernel(int fd, MemorySegment message, String what) throws SyscallException {
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment errno = arena.allocate(CAPTURE);
            MemorySegment addr = arena.allocate(12, 4); // struct sockaddr_nl: family, pad, pid, groups
            addr.set(java.lang.foreign.ValueLayout.JAVA_SHORT, 0, (short) AF_NETLINK);
            long n = (long) SENDTO.invokeExact(errno, fd, message, message.byteSize(), 0, addr, 12);
            if (n < 0) throw new SyscallException("sendto", what, (int) ERRNO.get(errno, 0L));
        } catch (SyscallException e) {
            throw e;
        } catch (Throwable t) {
            throw linkage("sendto", t);
        }
    }

    /** One datagram into {@code buffer}; its length. EINTR is retried. */
    static int recv(int fd, MemorySegment buffer, String what) throws SyscallException {
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment errno = arena.allocate(CAPTURE);
            while (true) {
                long n = (long) RECV.invokeExact(errno, fd, buffer, buffer.byteSize(), 0);
                if (n >= 0) return (int) n;
                int e = (int) ERRNO.get(errno, 0L);
                if (e != 4 /* EINTR */) throw new SyscallException("recv", what, e);
            }
        } catch (SyscallException e) {
            throw e;
        } catch (Throwable t) {
            throw linkage("recv", t);
        }
    }

    static int openReadOnly(Path path) throws SyscallException {
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment errno = arena.allocate(CAPTURE);
            int fd = (int) OPEN.invokeExact(errno, arena.allocateFrom(path.toString()), O_RDONLY | O_CLOEXEC);
            check(fd, errno, "open", path.toString());
            return fd;
        } catch (SyscallException e) {
            throw e;
        } catch (Throwable t) {
            throw linkage("open", t);
        }
    }

    static void close(int fd) {
        if (fd < 0) return;
        try (Arena arena = Arena.ofConfined()) {
            int ignored = (int) CLOSE.invokeExact(arena.allocate(CAPTURE), fd);
        } catch (Throwable t) {
            // closing a descriptor we opened cannot fail in a way we could act on
        }
    }

    /** Moves the CALLING THREAD into the namespace {@code fd} refers to. */
    static void setns(int fd, int nstype, String what) throws SyscallException {
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment errno = arena.allocate(CAPTURE);
            int rc = (int) SETNS.invokeExact(errno, fd, nstype);
            check(rc, errno, "setns", what);
        } catch (SyscallException e) {
            throw e;
        } catch (Throwable t) {
            throw linkage("setns", t);
        }
    }

    /** Gives the CALLING THREAD new namespaces of the kinds in {@code flags}. */
    static void unshare(int flags, String what) throws SyscallException {
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment errno = arena.allocate(CAPTURE);
            int rc = (int) UNSHARE.invokeExact(errno, flags);
            check(rc, errno, "unshare", what);
        } catch (SyscallException e) {
            throw e;
        } catch (Throwable t) {
            throw linkage("unshare", t);
        }
    }

    private static void check(int rc, MemorySegment errno, String call, String what) throws SyscallException {
        if (rc < 0) throw new SyscallException(call, what, (int) ERRNO.get(errno, 0L));
    }

    private static IllegalStateException linkage(String call, Throwable t) {
        if (t instanceof RuntimeException r) throw r;
        if (t instanceof Error e) throw e;
        return new IllegalStateException("calling " + call + " through the foreign function API failed", t);
    }

    private static MethodHandle call(String name, FunctionDescriptor fd) {
        return LINKER.downcallHandle(LINKER.defaultLookup().find(name)
                        .orElseThrow(() -> new UnsatisfiedLinkError("the C library has no " + name + "()")),
                fd, Linker.Option.captureCallState("errno"));
    }
}
