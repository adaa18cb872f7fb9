package dev.berth.engine.runtime.shim;

import static java.lang.foreign.ValueLayout.JAVA_INT;

import java.io.IOException;
import java.lang.foreign.FunctionDescriptor;
import java.lang.foreign.Linker;
import java.lang.invoke.MethodHandle;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/** A berth-shim monitor running in the foreground, started by {@link ShimRunner#start}. */
public final class ShimProcess {

    public static final int SIGKILL = 9;
    public static final int SIGTERM = 15;

    private static final MethodHandle KILL = Linker.nativeLinker().downcallHandle(
            Linker.nativeLinker().defaultLookup().find("kill").orElseThrow(),
            FunctionDescriptor.of(JAVA_INT, JAVA_INT, JAVA_INT));

    private final Process process;
    private final ShimSpec spec;
    private final Path messages;

    ShimProcess(Process process, ShimSpec spec, Path messages) {
        this.process = process;
        this.spec = spec;
        this.messages = messages;
    }

    /** The monitor's PID (signals sent to it go to the container's PID 1). */
    public long pid() {
        return process.pid();
    }

    public boolean isAlive() {
        return process.isAlive();
    }

    public ShimSpec spec() {
        return spec;
    }

    /** Sends {@code signal} to the monitor, which forwards SIGTERM, SIGINT, SIGHUP, SIGQUIT, SIGUSR1, SIGUSR2. */
    public void signal(int signal) {
        int rc;
        try {
            rc = (int) KILL.invokeExact((int) process.pid(), signal);
        } catch (Throwable t) {
            throw new ShimException("kill(" + process.pid() + ", " + signal + ") failed to run", t);
        }
        if (rc != 0 && process.isAlive()) throw new ShimException("kill(" + process.pid() + ", " + signal + ") failed");
    }

    /** Waits for the monitor to exit; returns its exit code (the container's). */
    public int waitFor(Duration timeout) throws InterruptedException, TimeoutException {
        if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
            throw new TimeoutException("berth-shim " + process.pid() + " still runs after " + timeout);
        }
        return process.exitValue();
    }

    /** Kills the monitor (SIGKILL); the container's PID 1 dies with it (PR_SET_PDEATHSIG). */
    public void destroy() {
        process.destroyForcibly();
    }

    /** The exit file, once the container has exited. */
    public Optional<ExitStatus> exitStatus() throws IOException {
        return spec.exitFile() == null ? Optional.empty() : ExitStatus.read(spec.exitFile());
    }

    /** The container's PID 1 on the host, once it may run. */
    public OptionalLong containerPid() throws IOException {
        Path p = spec.pidFile();
        if (p == null || !Files.exists(p)) return OptionalLong.empty();
        return OptionalLong.of(Long.parseLong(Files.readString(p).trim()));
    }

    public List<LogEntry> log() throws IOException {
        return spec.logFile() == null ? List.of() : LogEntry.readAll(spec.logFile());
    }

    /** What the shim itself printed (its errors). */
    public String messages() throws IOException {
        return Files.exists(messages) ? Files.readString(messages) : "";
    }
}
