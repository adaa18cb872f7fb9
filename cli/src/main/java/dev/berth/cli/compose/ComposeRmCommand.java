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
public final class ComposeRmCommand implements java.util.concurrent.Callable<Integer> {

    // not a StackCommand: its -f is --force, so the global options go before the name (as in docker compose)
    @picocli.CommandLine.Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @picocli.CommandLine.Mixin
    private dev.berth.cli.HelpOption help;

    @picocli.CommandLine.Parameters(paramLabel = "SERVICE", arity = "0..*", description = "Services (default: all).")
    List<String> services = new java.util.ArrayList<>();

    @Option(names = {"-f", "--force"}, description = "Don't ask to confirm removal.")
    boolean force;

    @Option(names = {"-s", "--stop"}, description = "Stop the containers, if required, before removing.")
    boolean stop;

    @Option(names = {"-v", "--volumes"}, description = "Remove any anonymous volumes attached to containers.")
    boolean volumes;

    @Override
    public Integer call() throws Exception {
        var berth = (dev.berth.cli.BerthCommand) spec.root().userObject();
        var session = new StackSession(berth);
        var engine = session.engine();
        var project = ProjectOrName.load(berth, engine::containers);
        var selection = new ServiceSelection(project);
        var scope = selection.orAll(services);
        if (stop) {
            new PlanExecutor(engine, session.progress()).run(ComposeStopCommand.plan(selection, scope,
                    ProjectContainers.of(engine.containers(), project.name()), null));
        }
        var out = berth.out();
        var err = berth.err();
        List<Container> stopped = ProjectContainers.of(engine.containers(), project.name()).of(List.copyOf(scope), false).stream().filter(c -> !ProjectContainers.up(c)).toList();
        if (stopped.isEmpty()) {
            err.println("No stopped containers");
            err.flush();
            return 0;
        }
        String message = "Going to remove " + String.join(", ", stopped.stream().map(Container::name).toList());
        if (force) {
            out.println(message);
            out.flush();
        } else {
            out.print("? " + message + " (y/N) ");
            out.flush();
            if (!yes(berth.invocation().stdin())) return 0;
        }
        var containers = engine.containers();
        ContainerActions.each(stopped, session.progress(), "Removing", "Removed", c -> containers.remove(c.id(), force, volumes));
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
