package dev.berth.cli;

import java.io.InputStream;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.Map;

/**
 * Everything one run of {@code berth} gets from the world: its environment, working directory and
 * standard streams. The launcher passes the process's own ({@code processStdio}: a child such as
 * {@code berth-shim exec} may inherit them, a terminal stays a terminal); tests pass their own, so
 * both run the same code.
 */
public record Invocation(Map<String, String> environment, Path cwd, InputStream stdin, PrintStream out, PrintStream err,
                         boolean processStdio) {

    public Invocation {
        environment = Map.copyOf(environment);
        cwd = cwd.toAbsolutePath().normalize();
    }

    /** Streams of the caller's own (tests): a child process's output is copied into them. */
    public Invocation(Map<String, String> environment, Path cwd, InputStream stdin, PrintStream out, PrintStream err) {
        this(environment, cwd, stdin, out, err, false);
    }

    /** BERTH_DEBUG=1 shows stack traces of unexpected errors. */
    public boolean debug() {
        return "1".equals(environment.get("BERTH_DEBUG"));
    }
}
