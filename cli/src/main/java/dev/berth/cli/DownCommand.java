package dev.berth.cli;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

/** {@code berth down}: for now, loads and validates the project; the engine comes with issues 3-7. */
@Command(name = "down", description = "Stop and remove containers and networks.")
final class DownCommand implements Callable<Integer> {

    @ParentCommand
    private BerthCommand berth;

    @Mixin
    private HelpOption help;

    @Mixin
    private ProjectOptions projectOptions;

    @Option(names = {"-v", "--volumes"}, description = "Also remove named volumes and anonymous volumes.")
    private boolean volumes;

    @Option(names = "--remove-orphans", description = "Also remove containers of services not in the Compose file.")
    private boolean removeOrphans;

    @Parameters(paramLabel = "SERVICE", arity = "0..*", description = "Services to stop and remove (default: all).")
    private List<String> services = new ArrayList<>();

    @Override
    public Integer call() {
        return EngineNotBuilt.report(berth.err(), berth.loadProject(options -> options));
    }
}
