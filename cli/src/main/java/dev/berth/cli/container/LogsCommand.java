package dev.berth.cli.container;

import dev.berth.cli.EngineCommand;
import java.io.PrintWriter;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code berth logs}: what the container wrote, stdout and stderr each to its own stream. */
@Command(name = "logs", description = "Fetch the logs of a container.")
public final class LogsCommand extends EngineCommand implements Callable<Integer> {

    @Option(names = {"-f", "--follow"}, description = "Follow log output until the container ends.")
    boolean follow;

    @Option(names = {"-t", "--timestamps"}, description = "Show timestamps.")
    boolean timestamps;

    @Parameters(paramLabel = "CONTAINER")
    String name;

    @Override
    public Integer call() throws Exception {
        Containers c = Containers.open(this);
        PrintWriter out = out();
        PrintWriter err = err();
        c.runtime().logs(c.store().get(name), follow, entry -> {
            PrintWriter to = entry.stream().equals("stderr") ? err : out;
            to.print(timestamps ? entry.time() + " " + entry.log() : entry.log());
            to.flush();
        });
        return 0;
    }
}
