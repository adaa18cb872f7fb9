package dev.berth.cli;

import dev.berth.compose.model.Project;
import dev.berth.planner.Planner;
import dev.berth.planner.UpOptions;
import dev.berth.planner.desired.DesiredState;
import dev.berth.planner.execute.ExecutorOptions;
import dev.berth.planner.execute.PlanExecutor;
import dev.berth.planner.plan.Plan;
import dev.berth.planner.plan.PlanText;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code berth up}: the project's desired state against what runs (found by compose's labels), a
 * plan, and its execution in dependency order — networks, volumes, containers, waits on
 * {@code depends_on} conditions. {@code --dry-run} prints the plan instead.
 */
@Command(name = "up", description = "Create and start containers.")
public final class UpCommand extends dev.berth.cli.compose.StackCommand implements Callable<Integer> {


    @Option(names = {"-d", "--detach"}, description = "Run containers in the background.")
    private boolean detach;

    @Option(names = "--dry-run", description = "Print the plan without acting.")
    private boolean dryRun;

    @Option(names = "--scale", paramLabel = "SERVICE=NUM", description = "Scale SERVICE to NUM instances (overrides scale in the file).")
    private List<String> scale = new ArrayList<>();

    @Option(names = "--force-recreate", description = "Recreate containers even if their configuration has not changed.")
    private boolean forceRecreate;

    @Option(names = "--no-recreate", description = "If containers already exist, do not recreate them.")
    private boolean noRecreate;

    @Option(names = "--no-start", description = "Create the services, do not start them.")
    private boolean noStart;

    @Option(names = "--no-deps", description = "Do not start linked services.")
    private boolean noDeps;

    @Option(names = "--remove-orphans", description = "Remove containers of services not in the Compose file.")
    private boolean removeOrphans;

    @Option(names = {"-t", "--timeout"}, description = "Seconds to wait for a container to stop before killing it.")
    private Integer timeout;

    @Option(names = "--wait", description = "Wait for services to be running|healthy. Implies detached mode.")
    private boolean await;

    @Option(names = "--wait-timeout", description = "Maximum seconds to wait for the project to be running|healthy (with --wait).")
    private Integer waitTimeout;

    @Parameters(paramLabel = "SERVICE", arity = "0..*", description = "Services to start (default: all).")
    private List<String> services = new ArrayList<>();

    @Override
    public Integer call() throws Exception {
        Project project = berth().loadProject(options -> options.withServices(services));
        var session = session();
        DesiredState desired = session.desired(project, session.options().withServices(services, noDeps).withScale(scales()));
        UpOptions options = new UpOptions(services, forceRecreate, noRecreate, noStart, noDeps, removeOrphans, timeout);
        var engine = session.engine();
        Plan plan = Planner.up(engine, desired, options);
        if (!dryRun) session.requireImages(desired, plan);
        plan.warnings().forEach(w -> berth().err().println("WARN " + w));
        if (dryRun) {
            berth().out().print(PlanText.render(plan));
            berth().out().flush();
            return 0;
        }
        new PlanExecutor(engine, session.progress(), ExecutorOptions.defaults()).run(plan);
        if (await && !noStart) {
            dev.berth.planner.execute.StackWait.waitReady(engine, desired.project(), List.copyOf(desired.services().keySet()),
                    waitTimeout == null ? null : Duration.ofSeconds(waitTimeout), session.progress());
        }
        if (!detach && !await) {
            // compose attaches to the containers' output here; berth does not yet: say so rather than pretend
            berth().err().println("berth: attaching to the services' output is not built yet; the stack runs in the background"
                    + " (berth logs -f, berth down)");
            berth().err().flush();
        }
        return 0;
    }

    private Map<String, Integer> scales() {
        Map<String, Integer> out = new LinkedHashMap<>();
        for (String s : scale) {
            int eq = s.indexOf('=');
            try {
                if (eq <= 0) throw new NumberFormatException();
                out.put(s.substring(0, eq), Integer.parseInt(s.substring(eq + 1)));
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("invalid --scale \"" + s + "\": expected SERVICE=NUM");
            }
        }
        return out;
    }
}
