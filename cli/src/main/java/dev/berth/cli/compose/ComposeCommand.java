package dev.berth.cli.compose;

import dev.berth.cli.HelpOption;
import dev.berth.cli.ProjectOptions;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

/** {@code berth compose CMD}: Docker's {@code docker compose} namespace, every Compose command by its name. */
@Command(name = "compose", description = "Docker Compose's commands (berth compose ps, berth compose logs, …).")
public final class ComposeCommand implements Callable<Integer> {

    @picocli.CommandLine.Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Mixin
    private HelpOption help;

    @Mixin
    private ProjectOptions projectOptions;

    @Override
    public Integer call() {
        spec.commandLine().usage(spec.commandLine().getOut());
        return 0;
    }
}
