package dev.berth.cli.container;

import dev.berth.engine.EngineRoots;
import dev.berth.engine.api.LogOptions;
import dev.berth.engine.api.WaitCondition;
import dev.berth.engine.container.Container;
import dev.berth.engine.container.ContainerConflictException;
import java.io.PrintWriter;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code berth attach}: this terminal on a running container — its stdin and tty when it was
 * started with {@code -i}/{@code -t} (berth-shim's attach socket), else its output from now on —
 * until it ends; the exit code is the container's, as Docker's.
 */
@Command(name = "attach", description = "Attach local standard input, output, and error streams to a running container.")
public final class AttachCommand extends ContainerCommand implements Callable<Integer> {

    @Option(names = "--no-stdin", description = "Do not attach STDIN.")
    boolean noStdin;

    @Parameters(paramLabel = "CONTAINER")
    String name;

    @Override
    public Integer call() throws Exception {
        var engine = engine();
        Container c = engine.inspect(name);
        if (!c.state().running()) throw new ContainerConflictException("You cannot attach to a stopped container, start it first");
        if (c.state().paused()) throw new ContainerConflictException("You cannot attach to a paused container, unpause it first");
        var exit = engine.waitAsync(c.id(), WaitCondition.NEXT_EXIT);
        if (c.config().tty() || c.config().openStdin()) {
            ContainerRun.relay(EngineRoots.fromEnvironment(environment()), c.id(), c.config().tty(),
                    c.config().openStdin() && !noStdin, berth().invocation(), out(), err());
        } else {
            PrintWriter out = out();
            PrintWriter err = err();
            engine.logs(c.id(), new LogOptions(true, 0, null, null, true, true), entry -> {
                PrintWriter to = entry.stream().equals("stderr") ? err : out;
                to.print(entry.log());
                to.flush();
            });
        }
        return exit.get().statusCode();
    }
}
