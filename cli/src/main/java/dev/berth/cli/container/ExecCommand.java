package dev.berth.cli.container;

import dev.berth.engine.api.ExecHandle;
import dev.berth.engine.api.ExecRequest;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code berth exec}: a process in a running container, in its namespaces, cgroup and security
 * settings. berthd prepares it; this command runs {@code berth-shim exec} itself with this
 * terminal's stdio — a terminal stays a terminal ({@code -t}: the shim relays a pty of the
 * container's own), with no relay through the daemon. Its exit code is the process's.
 */
@Command(name = "exec", description = "Execute a command in a running container.")
public final class ExecCommand extends ContainerCommand implements Callable<Integer> {

    @Option(names = {"-i", "--interactive"}, description = "Keep STDIN open even if not attached.")
    boolean interactive;

    @Option(names = {"-t", "--tty"}, description = "Allocate a pseudo-TTY.")
    boolean tty;

    @Option(names = {"-d", "--detach"}, description = "Detached mode: run the command in the background.")
    boolean detach;

    @Option(names = {"-e", "--env"}, paramLabel = "KEY=VALUE", description = "Set environment variables.")
    List<String> env = new ArrayList<>();

    @Option(names = "--env-file", description = "Read in a file of environment variables.")
    List<String> envFiles = new ArrayList<>();

    @Option(names = {"-u", "--user"}, paramLabel = "NAME|UID[:GROUP|GID]", description = "Username or UID.")
    String user;

    @Option(names = {"-w", "--workdir"}, description = "Working directory inside the container.")
    String workdir;

    @Option(names = "--privileged", description = "Give extended privileges to the command.")
    boolean privileged;

    @Parameters(index = "0", paramLabel = "CONTAINER")
    String container;

    @Parameters(index = "1..*", paramLabel = "COMMAND", arity = "1..*")
    List<String> command = new ArrayList<>();

    @Override
    public Integer call() throws Exception {
        List<String> environment = EnvArguments.resolve(envFiles, env, berth().invocation());
        out().flush();
        return run(engine(), container, new ExecRequest(command, environment, user, workdir, tty, privileged), detach, interactive,
                berth().invocation());
    }

    /**
     * Runs {@code request} in {@code container} (berthd prepares it, {@code berth-shim exec} runs it
     * with this process's stdio, or pipes to the invocation's streams); returns its exit code, or 0
     * at once when {@code detach}. Also {@code berth compose exec}'s.
     */
    public static int run(dev.berth.engine.api.ContainerEngine engine, String container, ExecRequest request, boolean detach,
                          boolean interactive, dev.berth.cli.Invocation invocation) throws Exception {
        ExecHandle exec = engine.createExec(container, request);
        ProcessBuilder pb = new ProcessBuilder(exec.shim().toString(), "exec", exec.bundle().toString());
        if (detach) {
            pb.redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null")))
                    .redirectOutput(ProcessBuilder.Redirect.DISCARD).redirectError(ProcessBuilder.Redirect.DISCARD).start();
            return 0;
        }
        if (invocation.processStdio()) {
            if (!interactive) pb.redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null")));
            else pb.redirectInput(ProcessBuilder.Redirect.INHERIT);
            return pb.redirectOutput(ProcessBuilder.Redirect.INHERIT).redirectError(ProcessBuilder.Redirect.INHERIT).start().waitFor();
        }
        // streams of a caller's own (tests, an embedding program): copied through pipes
        Process p = pb.start();
        Thread in = Thread.ofPlatform().daemon().start(() -> copy(interactive ? invocation.stdin() : InputStream.nullInputStream(),
                p.getOutputStream(), true));
        Thread o = Thread.ofPlatform().daemon().start(() -> copy(p.getInputStream(), invocation.out(), false));
        Thread e = Thread.ofPlatform().daemon().start(() -> copy(p.getErrorStream(), invocation.err(), false));
        int code = p.waitFor();
        o.join();
        e.join();
        in.interrupt();
        return code;
    }

    private static void copy(InputStream from, OutputStream to, boolean closeAfter) {
        try {
            from.transferTo(to);
            to.flush();
            if (closeAfter) to.close();
        } catch (java.io.IOException ignored) {
            // the other side has gone: nothing more to copy
        }
    }
}
