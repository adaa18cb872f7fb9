package dev.berth.engine.runtime.shim;

import java.io.File;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/** Starts berth-shim on a bundle: foreground ({@link #start}, {@link #run}) or detached ({@link #startDetached}). */
public final class ShimRunner {

    /** The shim's own output (its error messages) goes here, in the bundle. */
    public static final String MESSAGES = "shim.messages";

    private final Path binary;

    public ShimRunner(Path binary) {
        this.binary = binary;
    }

    /** Writes the spec into {@code bundle} and starts the shim in the foreground. */
    public ShimProcess start(ShimSpec spec, Path bundle) throws IOException {
        requireExitFile(spec);
        spec.write(bundle);
        Path messages = bundle.resolve(MESSAGES);
        Process p = new ProcessBuilder(binary.toString(), bundle.toAbsolutePath().toString())
                .redirectInput(new File("/dev/null"))
                .redirectErrorStream(true)
                .redirectOutput(messages.toFile())
                .start();
        return new ShimProcess(p, spec, messages);
    }

    /** Runs the container to its end; kills the shim and throws if it takes longer than {@code timeout}. */
    public ShimResult run(ShimSpec spec, Path bundle, Duration timeout)
            throws IOException, InterruptedException, TimeoutException {
        ShimProcess p = start(spec, bundle);
        int code;
        try {
            code = p.waitFor(timeout);
        } catch (TimeoutException e) {
            p.destroy();
            p.waitFor(Duration.ofSeconds(10));
            throw e;
        }
        ExitStatus exit = p.exitStatus().orElseThrow(() -> new ShimException(
                "berth-shim exited with " + code + " without writing " + spec.exitFile() + ": " + messagesOf(p)));
        return new ShimResult(code, exit, p.log(), p.messages());
    }

    /**
     * {@code berth-shim -d}: returns once the container runs (0) or failed to start (its code), the
     * monitor going on detached; its PID is in the spec's {@code shimPidFile}.
     */
    public int startDetached(ShimSpec spec, Path bundle, Duration timeout)
            throws IOException, InterruptedException, TimeoutException {
        requireExitFile(spec);
        spec.write(bundle);
        Path messages = bundle.resolve(MESSAGES);
        Process p = new ProcessBuilder(binary.toString(), "-d", bundle.toAbsolutePath().toString())
                .redirectInput(new File("/dev/null"))
                .redirectErrorStream(true)
                .redirectOutput(messages.toFile())
                .start();
        if (!p.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
            p.destroyForcibly();
            throw new TimeoutException("berth-shim -d did not report the start within " + timeout);
        }
        return p.exitValue();
    }

    /**
     * {@code berth-shim exec}: writes {@code spec} to {@code bundle/spec} and starts the shim with the
     * given stdio, which the process uses as it is (without tty) or which the shim relays to the
     * process's pty (with tty). Killing the returned process kills the exec'd one (parent-death signal).
     */
    public Process startExec(ExecSpec spec, Path bundle, ProcessBuilder.Redirect stdin, ProcessBuilder.Redirect stdout,
                             ProcessBuilder.Redirect stderr) throws IOException {
        spec.write(bundle);
        return new ProcessBuilder(binary.toString(), "exec", bundle.toAbsolutePath().toString())
                .redirectInput(stdin).redirectOutput(stdout).redirectError(stderr).start();
    }

    /**
     * Runs an exec to its end and returns its exit code: the process's (128+N for signal N), or 125 when
     * it could not be set up (the container is not running, a namespace or cgroup could not be joined),
     * 126 when the command cannot be executed, 127 when it is not found — with the reason on stderr.
     * After {@code timeout} the exec is killed and a TimeoutException thrown.
     */
    public int exec(ExecSpec spec, Path bundle, ProcessBuilder.Redirect stdin, ProcessBuilder.Redirect stdout,
                    ProcessBuilder.Redirect stderr, Duration timeout) throws IOException, InterruptedException, TimeoutException {
        Process p = startExec(spec, bundle, stdin, stdout, stderr);
        if (!p.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
            p.destroyForcibly();
            p.waitFor();
            throw new TimeoutException("berth-shim exec " + spec.args() + " in PID " + spec.targetPid()
                    + " did not end within " + timeout + " (killed)");
        }
        return p.exitValue();
    }

    private static void requireExitFile(ShimSpec spec) {
        if (spec.exitFile() == null) throw new IllegalArgumentException("a shim spec needs an exit file to report the exit status");
    }

    private static String messagesOf(ShimProcess p) {
        try {
            return p.messages();
        } catch (IOException e) {
            return "(" + e.getMessage() + ")";
        }
    }
}
