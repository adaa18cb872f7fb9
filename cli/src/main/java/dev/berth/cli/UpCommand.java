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

    @Option(names = "--pull", paramLabel = "POLICY", description = "Pull images before running: always, missing, never (default: each service's pull_policy).")
    private String pull;

    @Option(names = "--build", description = "Build images before starting containers (berth has no builder yet: refused).")
    private boolean build;

    @Option(names = "--no-build", description = "Don't build an image, even if it's policy.")
    private boolean noBuild;

    @Option(names = "--abort-on-container-exit", description = "Stops all containers if any container was stopped. Incompatible with -d.")
    private boolean abortOnExit;

    @Option(names = "--exit-code-from", paramLabel = "SERVICE",
            description = "Return the exit code of the selected service container. Implies --abort-on-container-exit.")
    private String exitCodeFrom;

    @Option(names = "--attach", paramLabel = "SERVICE", description = "Restrict attaching to the specified services.")
    private List<String> attach = new ArrayList<>();

    @Option(names = "--no-attach", paramLabel = "SERVICE", description = "Do not attach (stream logs) to the specified services.")
    private List<String> noAttach = new ArrayList<>();

    @Option(names = "--no-log-prefix", description = "Don't print prefix in logs.")
    private boolean noLogPrefix;

    @Option(names = "--no-color", description = "Produce monochrome output.")
    private boolean noColor;

    @Parameters(paramLabel = "SERVICE", arity = "0..*", description = "Services to start (default: all).")
    private List<String> services = new ArrayList<>();

    @Override
    public Integer call() throws Exception {
        java.time.Instant began = java.time.Instant.now();
        if (exitCodeFrom != null) abortOnExit = true;
        if (detach && abortOnExit) throw new IllegalArgumentException("--abort-on-container-exit and --exit-code-from cannot be combined with -d");
        if (detach && (!attach.isEmpty() || !noAttach.isEmpty())) throw new IllegalArgumentException("--attach and --no-attach cannot be combined with -d");
        Project project = berth().loadProject(options -> options.withServices(services));
        var session = session();
        DesiredState desired = session.desired(project, session.options().withServices(services, noDeps).withScale(scales(scale)));
        UpOptions options = new UpOptions(services, forceRecreate, noRecreate, noStart, noDeps, removeOrphans, timeout);
        var engine = session.engine();
        Plan plan = Planner.up(engine, desired, options);
        if (build) throw new IllegalArgumentException("--build: berth does not build images yet (use an image, or build it with another tool)");
        if (!dryRun) session.provideImages(desired, plan, pull);
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
        if (detach || await || noStart) return 0;
        return attached(session, desired, began);
    }

    /**
     * compose's attached {@code up}: the services' output until their containers end (Ctrl-C stops them:
     * see {@link dev.berth.cli.compose.Interrupts}); with {@code --abort-on-container-exit} the first end stops
     * the rest; {@code --exit-code-from} gives that service's exit code.
     */
    private int attached(dev.berth.cli.compose.StackSession session, DesiredState desired, java.time.Instant since) throws Exception {
        var client = session.client();
        if (exitCodeFrom != null && !desired.services().containsKey(exitCodeFrom)) {
            throw new IllegalArgumentException("no such service: " + exitCodeFrom);
        }
        List<dev.berth.engine.container.Container> containers = new ArrayList<>();
        for (var c : dev.berth.cli.compose.ProjectContainers.list(client, desired.project(),
                dev.berth.cli.compose.ProjectContainers.OneOff.EXCLUDE, true, List.copyOf(desired.services().keySet()))) {
            // running, or ended since this up began (a short-lived service may be over before we attach)
            boolean endedMeanwhile = c.state().finishedAt() != null && !c.state().finishedAt().isBefore(since);
            if (!c.state().running() && !c.state().restarting() && !endedMeanwhile) continue;
            String service = dev.berth.cli.compose.ProjectContainers.service(c);
            if (!desired.services().containsKey(service)) continue;
            if (!attach.isEmpty() && !attach.contains(service)) continue;
            if (noAttach.contains(service)) continue;
            containers.add(c);
        }
        var logs = new dev.berth.cli.compose.AttachedLogs(client, berth().out(), !noLogPrefix, colors());
        var stopper = dev.berth.cli.compose.Interrupts.onInterrupt(berth(), () -> {
            berth().err().println("Gracefully stopping... (press Ctrl+C again to force)");
            berth().err().flush();
            logs.stopAll(dev.berth.cli.compose.ProjectContainers.list(client, desired.project(),
                    dev.berth.cli.compose.ProjectContainers.OneOff.EXCLUDE, false, List.copyOf(desired.services().keySet())), timeout);
        });
        try {
            logs.follow(containers, since, abortOnExit, timeout);
            if (stopper.interrupted()) return 130; // compose's status after Ctrl-C
            if (exitCodeFrom != null) {
                for (var c : dev.berth.cli.compose.ProjectContainers.list(client, desired.project(),
                        dev.berth.cli.compose.ProjectContainers.OneOff.EXCLUDE, true, List.of(exitCodeFrom))) {
                    return client.inspect(c.id()).state().exitCode();
                }
            }
            return 0;
        } finally {
            stopper.close();
        }
    }

    /** compose's --ansi auto: colors on a terminal; COMPOSE_ANSI=never|always overrides; --no-color wins. */
    private boolean colors() {
        if (noColor) return false;
        String ansi = berth().invocation().environment().getOrDefault("COMPOSE_ANSI", "auto");
        if (ansi.equals("never")) return false;
        if (ansi.equals("always")) return true;
        var console = System.console();
        return berth().invocation().processStdio() && console != null && console.isTerminal();
    }

    /** {@code up -d SERVICE...} as the thin path reads it (no picocli). */
    static UpCommand detached(List<String> services) {
        UpCommand up = new UpCommand();
        up.detach = true;
        up.services = new ArrayList<>(services);
        return up;
    }

    /** {@code --scale SVC=N} values, read as compose reads them. */
    static Map<String, Integer> scales(List<String> scale) {
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
