package dev.berth.cli;

import dev.berth.planner.Planner;
import dev.berth.planner.UpOptions;
import dev.berth.planner.plan.PlanText;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code berth plan}: what {@code up} would do (the same as {@code up --dry-run}), printed, nothing done. */
@Command(name = "plan", description = "Print the plan 'up' would run, without acting (up --dry-run).")
public final class PlanCommand extends dev.berth.cli.compose.StackCommand implements Callable<Integer> {

    @Option(names = "--scale", paramLabel = "SERVICE=NUM", description = "Scale SERVICE to NUM instances.")
    private List<String> scale = new ArrayList<>();

    @Option(names = "--force-recreate", description = "Recreate containers even if their configuration has not changed.")
    private boolean forceRecreate;

    @Option(names = "--no-recreate", description = "If containers already exist, do not recreate them.")
    private boolean noRecreate;

    @Option(names = "--no-deps", description = "Do not start linked services.")
    private boolean noDeps;

    @Option(names = "--remove-orphans", description = "Remove containers of services not in the Compose file.")
    private boolean removeOrphans;

    @Parameters(paramLabel = "SERVICE", arity = "0..*", description = "Services (default: all).")
    private List<String> services = new ArrayList<>();

    @Override
    public Integer call() throws Exception {
        var project = berth().loadProject(options -> options.withServices(services));
        var session = session();
        var desired = session.desired(project, session.options().withServices(services, noDeps).withScale(UpCommand.scales(scale)));
        var plan = Planner.up(session.engine(), desired,
                new UpOptions(services, forceRecreate, noRecreate, false, noDeps, removeOrphans, null));
        plan.warnings().forEach(w -> err().println("WARN " + w));
        out().print(PlanText.render(plan));
        out().flush();
        return 0;
    }
}
