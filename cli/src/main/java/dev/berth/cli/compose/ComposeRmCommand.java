package dev.berth.cli.compose;

import dev.berth.engine.container.Container;
import dev.berth.planner.execute.PlanExecutor;
import java.io.IOException;
import java.io.InputStream;
import java.util.List;
import java.util.Locale;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code berth compose rm [-f] [-s] [-v] [SERVICE...]}: the services' stopped containers removed
 * (not one-off ones); {@code -s} stops them first. Without {@code -f} it asks, as compose does:
 * {@code Going to remove …}, and removes only on a yes read from stdin.
 */
@Command(name = "rm", description = "Removes stopped service containers.")
public final class ComposeRmCommand extends ServicesCommand {

    @Option(names = {"-f", "--force"}, description = "Don't ask to confirm removal.")
    boolean force;

    @Option(names = {"-s", "--stop"}, description = "Stop the containers, if required, before removing.")
    boolean stop;

    @Option(names = {"-v", "--volumes"}, description = "Remove any anonymous volumes attached to containers.")
    boolean volumes;

    @Override
    public Integer call() throws Exception {
        var scope = selection().orAll(services);
        if (stop) new PlanExecutor(engine(), stack().progress()).run(ComposeStopCommand.plan(selection(), scope, containers(), null));
        List<Container> stopped = containers().of(List.copyOf(scope), false).stream().filter(c -> !ProjectContainers.up(c)).toList();
        if (stopped.isEmpty()) {
            err().println("No stopped containers");
            err().flush();
            return 0;
        }
        String message = "Going to remove " + String.join(", ", stopped.stream().map(Container::name).toList());
        if (force) {
            out().println(message);
            out().flush();
        } else {
            out().print("? " + message + " (y/N) ");
            out().flush();
            if (!yes(berth().invocation().stdin())) return 0;
        }
        var engine = engine().containers();
        ContainerActions.each(stopped, stack().progress(), "Removing", "Removed", c -> engine.remove(c.id(), force, volumes));
        return 0;
    }

    /** One line of stdin, read as compose's prompt reads it: y, yes, true or 1 (any case) is a yes; anything else, EOF too, no. */
    private static boolean yes(InputStream in) throws IOException {
        StringBuilder line = new StringBuilder();
        for (int b = in.read(); b >= 0 && b != '\n'; b = in.read()) line.append((char) b);
        return switch (line.toString().trim().toLowerCase(Locale.ROOT)) {
            case "y", "yes", "true", "1" -> true;
            default -> false;
        };
    }
}
