package dev.berth.cli.compose;

import picocli.CommandLine.Command;

/** {@code berth compose pause [SERVICE...]}: the services' running containers frozen (their cgroup), all at once. */
@Command(name = "pause", description = "Pause services.")
public final class ComposePauseCommand extends ServicesCommand {

    @Override
    public Integer call() throws Exception {
        var engine = engine().containers();
        var targets = containers().of(selection().check(services), false).stream()
                .filter(c -> ProjectContainers.running(c)).toList();
        // compose prints the Done line only
        ContainerActions.each(targets, stack().progress(), null, "Paused", c -> engine.pause(c.id()));
        return 0;
    }
}
