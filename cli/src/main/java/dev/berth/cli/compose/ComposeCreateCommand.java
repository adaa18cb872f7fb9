package dev.berth.cli.compose;

import dev.berth.planner.Planner;
import dev.berth.planner.UpOptions;
import dev.berth.planner.execute.PlanExecutor;
import dev.berth.planner.plan.Plan;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code berth compose create [SERVICE...]}: {@code up}'s plan without the starts — networks, volumes
 * and the containers of the services (and what they depend on), created or recreated, not started.
 */
@Command(name = "create", description = "Creates containers for a service.")
public final class ComposeCreateCommand extends ServicesCommand {

    @Option(names = "--force-recreate", description = "Recreate containers even if their configuration and image haven't changed.")
    boolean forceRecreate;

    @Option(names = "--no-recreate", description = "If containers already exist, don't recreate them.")
    boolean noRecreate;

    @Option(names = "--remove-orphans", description = "Remove containers for services not defined in the Compose file.")
    boolean removeOrphans;

    @Override
    public Integer call() throws Exception {
        if (forceRecreate && noRecreate) throw new IllegalArgumentException("--force-recreate and --no-recreate are incompatible");
        var project = berth().loadProject(options -> options.withServices(services));
        var session = stack();
        var desired = session.desired(project, session.options().withServices(services, false));
        Plan plan = Planner.up(engine(), desired, new UpOptions(services, forceRecreate, noRecreate, true, false, removeOrphans, null));
        session.provideImages(desired, plan, null);
        plan.warnings().forEach(w -> err().println("WARN " + w));
        new PlanExecutor(engine(), session.progress()).run(plan);
        return 0;
    }
}
