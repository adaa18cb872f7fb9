package dev.berth.cli.container;

import dev.berth.cli.EngineCommand;
import dev.berth.engine.container.Container;
import dev.berth.engine.container.ContainerNotFoundException;
import dev.berth.engine.container.ContainerStore;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code berth rm}: remove stopped containers (running ones need the daemon's stop, which comes next). */
@Command(name = "rm", description = "Remove one or more containers.")
public final class RmCommand extends EngineCommand implements Callable<Integer> {

    @Option(names = {"-f", "--force"}, description = "Force the removal of a running container (uses SIGKILL).")
    boolean force;

    @Parameters(arity = "1..*", paramLabel = "CONTAINER")
    List<String> names;

    @Override
    public Integer call() throws Exception {
        Containers containers = Containers.open(this);
        ContainerStore store = containers.store();
        int status = 0;
        for (String n : names) {
            try {
                Container c = containers.runtime().refresh(store.get(n));
                if (c.state().running() && force) c = containers.runtime().stop(c, java.time.Duration.ZERO);
                if (c.state().running()) {
                    err().println("Error: cannot remove container \"" + c.name() + "\": it is running: stop it first, or use rm -f");
                    status = 1;
                    continue;
                }
                store.remove(c.id());
                out().println(n);
            } catch (ContainerNotFoundException e) {
                err().println("Error: " + e.getMessage());
                status = 1;
            }
        }
        return status;
    }
}
