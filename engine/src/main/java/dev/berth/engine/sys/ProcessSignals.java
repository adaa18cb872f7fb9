package dev.berth.engine.sys;

import static java.lang.foreign.ValueLayout.JAVA_INT;

import java.lang.foreign.Arena;
import java.lang.foreign.FunctionDescriptor;
import java.lang.foreign.Linker;
import java.lang.foreign.MemoryLayout;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.StructLayout;
import java.lang.invoke.MethodHandle;
import java.lang.invoke.VarHandle;

/**
 * kill(2) by PID with any signal ({@link ProcessHandle} sends only SIGTERM and SIGKILL; a
 * container's stop signal or {@code berth kill -s HUP} may be any).
 */
public final class ProcessSignals {

    private static final StructLayout CAPTURE = Linker.Option.captureStateLayout();
    private static final VarHandle ERRNO = CAPTURE.varHandle(MemoryLayout.PathElement.groupElement("errno"));
    private static final MethodHandle KILL = Linker.nativeLinker().downcallHandle(
            Linker.nativeLinker().defaultLookup().find("kill").orElseThrow(),
            FunctionDescriptor.of(JAVA_INT, JAVA_INT, JAVA_INT), Linker.Option.captureCallState("errno"));

    private ProcessSignals() {
    }

    /** Sends {@code signal} to {@code pid}; ESRCH (already gone) is not an error. */
    public static void send(long pid, int signal) throws SyscallException {
        if (pid <= 0) throw new IllegalArgumentException("no process to signal (pid " + pid + ")");
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment state = arena.allocate(CAPTURE);
            int rc = (int) KILL.invokeExact(state, (int) pid, signal);
            if (rc < 0) {
                int errno = (int) ERRNO.get(state, 0L);
                if (errno != 3 /* ESRCH */) throw new SyscallException("kill", pid + ", " + signal, errno);
            }
        } catch (SyscallException e) {
            throw e;
        } catch (Throwable t) {
            throw new IllegalStateException("kill(2) through FFM failed", t);
        }
    }
}
