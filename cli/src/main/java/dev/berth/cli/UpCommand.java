package dev.berth.cli;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

/** {@code berth up}: for now, loads and validates the project; the engine comes with issues 3-7. */
@Command(name = "up", description = "Create and start containers.")
final class UpCommand implements Callable<Integer> {

    @ParentCommand
    private BerthCommand berth;

    @Mixin
    private HelpOption help;

    @Mixin
    private ProjectOptions projectOptions;

    @Option(names = {"-d", "--detach"}, description = "Run containers in the background.")
    private boolean detach;

    @Parameters(paramLabel = "SERVICE", arity = "0..*", description = "Services to start (default: all).")
    private List<String> services = new ArrayList<>();

    @Override
    public Integer call() {
        return EngineNotBuilt.report(berth.err(), berth.loadProject(options -> options.withServices(services)));
    }
}
