package dev.berth.cli.compose;

import java.util.List;
import java.util.Set;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code berth compose restart [-t N] [--no-deps] [SERVICE...]}: the services' containers (stopped
 * ones too, not one-off ones) restarted in dependency order, with the services that depend on them
 * with {@code restart: true} unless {@code --no-deps}.
 */
@Command(name = "restart", description = "Restart service containers.")
public final class ComposeRestartCommand extends ServicesCommand {

    @Option(names = {"-t", "--timeout"}, description = "Specify a shutdown timeout in seconds.")
    Integer timeout;

    @Option(names = "--no-deps", description = "Don't restart dependent services.")
    boolean noDeps;

    @Override
    public Integer call() throws Exception {
        ServiceSelection selection = selection();
        Set<String> scope = selection.orAll(services);
        if (!noDeps && !services.isEmpty()) scope = selection.withRestartingDependents(scope);
        ProjectContainers containers = containers();
        var engine = engine().containers();
        for (List<String> level : selection.upLevels(scope)) {
            ContainerActions.each(containers.of(level, false), stack().progress(), "Restarting", "Started",
                    c -> engine.restart(c.id(), timeout));
        }
        return 0;
    }
}
