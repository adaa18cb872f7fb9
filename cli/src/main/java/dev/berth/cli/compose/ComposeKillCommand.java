package dev.berth.cli.compose;

import dev.berth.engine.container.Container;
import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code berth compose kill [-s SIGNAL] [--remove-orphans] [SERVICE...]}: a signal to the services'
 * running containers (one-off ones too), all at once; with {@code --remove-orphans} also to the
 * containers of services the project no longer has.
 */
@Command(name = "kill", description = "Force stop service containers.")
public final class ComposeKillCommand extends ServicesCommand {

    @Option(names = {"-s", "--signal"}, description = "SIGNAL to send to the container (default SIGKILL).")
    String signal = "SIGKILL";

    @Option(names = "--remove-orphans", description = "Remove containers for services not defined in the Compose file.")
    boolean removeOrphans;

    @Override
    public Integer call() throws Exception {
        List<String> named = selection().check(services);
        var project = loaded().services().keySet();
        List<Container> targets = containers().of(named, true).stream().filter(ProjectContainers::up)
                .filter(c -> removeOrphans || project.contains(ProjectContainers.service(c))).toList();
        if (targets.isEmpty()) {
            err().println("no container to kill");
            err().flush();
            return 0;
        }
        var engine = engine().containers();
        ContainerActions.each(targets, stack().progress(), "Killing", "Killed", c -> engine.kill(c.id(), signal));
        return 0;
    }
}
