package dev.berth.cli.container;

import dev.berth.cli.EngineCommand;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code berth stop}: SIGTERM, then SIGKILL after the grace period. */
@Command(name = "stop", description = "Stop one or more running containers.")
public final class StopCommand extends EngineCommand implements Callable<Integer> {

    @Option(names = {"-t", "--time"}, description = "Seconds to wait before killing the container (default 10).")
    int seconds = 10;

    @Parameters(arity = "1..*", paramLabel = "CONTAINER")
    List<String> names;

    @Override
    public Integer call() throws Exception {
        Containers c = Containers.open(this);
        for (String n : names) {
            c.runtime().stop(c.store().get(n), Duration.ofSeconds(seconds));
            out().println(n);
        }
        return 0;
    }
}
