package dev.berth.cli.compose;

import picocli.CommandLine.Command;

/** {@code berth compose unpause [SERVICE...]}: the services' paused containers thawed, all at once. */
@Command(name = "unpause", description = "Unpause services.")
public final class ComposeUnpauseCommand extends ServicesCommand {

    @Override
    public Integer call() throws Exception {
        var engine = engine().containers();
        var targets = containers().of(selection().check(services), false).stream().filter(ProjectContainers::paused).toList();
        ContainerActions.each(targets, stack().progress(), null, "Unpaused", c -> engine.unpause(c.id()));
        return 0;
    }
}
