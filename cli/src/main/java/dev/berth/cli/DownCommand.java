package dev.berth.cli;

import dev.berth.compose.model.Project;
import dev.berth.planner.DownOptions;
import dev.berth.planner.Planner;
import dev.berth.planner.desired.DesiredState;
import dev.berth.planner.execute.PlanExecutor;
import dev.berth.planner.plan.Plan;
import dev.berth.planner.plan.PlanText;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code berth down}: stops and removes the project's containers and networks (with {@code -v} its volumes). */
@Command(name = "down", description = "Stop and remove containers and networks.")
public final class DownCommand extends dev.berth.cli.compose.StackCommand implements Callable<Integer> {


    @Option(names = {"-v", "--volumes"}, description = "Also remove named volumes and anonymous volumes.")
    private boolean volumes;

    @Option(names = "--remove-orphans", description = "Also remove containers of services not in the Compose file.")
    private boolean removeOrphans;

    @Option(names = {"-t", "--timeout"}, description = "Seconds to wait for a container to stop before killing it.")
    private Integer timeout;

    @Option(names = "--dry-run", description = "Print the plan without acting.")
    private boolean dryRun;

    @Option(names = "--rmi", paramLabel = "TYPE", description = "Remove images used by services: \"local\" those without a custom tag (\"image\" field), \"all\" all.")
    private String rmi;

    @Override
    public Integer call() throws Exception {
        Project project = berth().loadProject(options -> options);
        var session = session();
        DesiredState desired = session.desired(project, session.options());
        var engine = session.engine();
        Plan plan = Planner.down(engine, project.name(), desired, new DownOptions(volumes, removeOrphans, timeout));
        plan.warnings().forEach(w -> berth().err().println("WARN " + w));
        if (dryRun) {
            berth().out().print(PlanText.render(plan));
            berth().out().flush();
            return 0;
        }
        if (rmi != null && !rmi.equals("local") && !rmi.equals("all")) {
            throw new IllegalArgumentException("invalid --rmi \"" + rmi + "\": expected local or all");
        }
        new PlanExecutor(engine, session.progress()).run(plan);
        if (rmi != null) removeImages(project, desired, session);
        return 0;
    }

    /** Compose's {@code --rmi}: each service's image once; {@code local}: only those a service builds (no {@code image:} key). */
    private void removeImages(Project project, DesiredState desired, dev.berth.cli.compose.StackSession session) throws java.io.IOException {
        var images = ImageServices.open(berth().invocation().environment(), java.util.List.of());
        java.util.Set<String> done = new java.util.LinkedHashSet<>();
        for (var service : desired.services().values()) {
            boolean custom = project.services().get(service.name()).get("image") != null;
            if (rmi.equals("local") && custom) continue;
            if (!done.add(service.image()) || images.store().resolve(service.image()).isEmpty()) continue;
            try {
                images.remove(service.image(), false);
                berth().err().println(" Image " + service.image() + "  Removed");
            } catch (dev.berth.engine.image.ImageException e) {
                berth().err().println(" Image " + service.image() + "  Error: " + e.getMessage());
            }
        }
        berth().err().flush();
    }
}
