package dev.berth.cli.compose;

import dev.berth.cli.container.ContainerRun;
import dev.berth.cli.container.EnvArguments;
import dev.berth.compose.model.Project;
import dev.berth.compose.normalize.ShellWords;
import dev.berth.engine.api.CreateRequest;
import dev.berth.engine.container.HostConfig;
import dev.berth.engine.container.NetworkEndpointConfig;
import dev.berth.engine.container.PortBinding;
import dev.berth.engine.container.RestartPolicy;
import dev.berth.planner.Planner;
import dev.berth.planner.UpOptions;
import dev.berth.planner.desired.DesiredState;
import dev.berth.planner.engine.ComposeLabels;
import dev.berth.planner.engine.StackEngine;
import dev.berth.planner.execute.PlanExecutor;
import dev.berth.planner.plan.Action;
import dev.berth.planner.plan.Plan;
import dev.berth.planner.plan.PlanBuilder;
import dev.berth.planner.plan.Step;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code berth compose run SERVICE [COMMAND...]}: a one-off container of the service, as compose makes
 * it — the service's own create request, named {@code <project>-<service>-run-<12 hex>}, labelled
 * {@code com.docker.compose.oneoff=True}, without the service's ports (unless {@code --service-ports}
 * or {@code -p}), restart policy or network aliases, with the command line's command, entrypoint,
 * environment, user and working directory over the file's. What the service depends on is brought up
 * first (unless {@code --no-deps}) and waited for as its {@code depends_on} says. Attached like
 * {@code berth run}; the container's exit code is ours.
 */
@Command(name = "run", description = "Run a one-off command on a service.")
public final class ComposeRunCommand implements Callable<Integer> {

    // not a StackCommand: its -p is --publish, so the global options go before the name (as in docker compose)
    @picocli.CommandLine.Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @picocli.CommandLine.Mixin
    private dev.berth.cli.HelpOption help;

    private dev.berth.cli.BerthCommand berth() {
        return (dev.berth.cli.BerthCommand) spec.root().userObject();
    }

    private java.io.PrintWriter out() {
        return berth().out();
    }

    private java.io.PrintWriter err() {
        return berth().err();
    }

    @Option(names = {"-d", "--detach"}, description = "Run container in background and print its name.")
    boolean detach;

    @Option(names = "--rm", description = "Automatically remove the container when it exits.")
    boolean remove;

    @Option(names = "--no-deps", description = "Don't start linked services.")
    boolean noDeps;

    @Option(names = {"-e", "--env"}, paramLabel = "KEY=VALUE", description = "Set environment variables.")
    List<String> env = new ArrayList<>();

    @Option(names = "--entrypoint", description = "Override the entrypoint of the image.")
    String entrypoint;

    @Option(names = {"-u", "--user"}, description = "Run as specified username or uid.")
    String user;

    @Option(names = {"-w", "--workdir"}, description = "Working directory inside the container.")
    String workdir;

    @Option(names = "--name", description = "Assign a name to the container.")
    String name;

    @Option(names = {"-p", "--publish"}, description = "Publish a container's port(s) to the host.")
    List<String> publish = new ArrayList<>();

    @Option(names = {"-P", "--service-ports"}, description = "Run command with all service's ports enabled and mapped to the host.")
    boolean servicePorts;

    @Option(names = "--use-aliases", description = "Use the service's network aliases in the network(s) the container connects to.")
    boolean useAliases;

    @Option(names = {"-T", "--no-TTY"}, description = "Disable pseudo-TTY allocation (default: a TTY when stdin is a terminal).")
    boolean noTty;

    @Option(names = {"-i", "--interactive"}, negatable = true, defaultValue = "true", fallbackValue = "true",
            description = "Keep STDIN open even if not attached (default true).")
    boolean interactive = true;

    @Option(names = {"-l", "--label"}, paramLabel = "KEY=VALUE", description = "Add or override a label.")
    List<String> labels = new ArrayList<>();

    @Parameters(index = "0", paramLabel = "SERVICE")
    String service;

    @Parameters(index = "1..*", arity = "0..*", paramLabel = "COMMAND")
    List<String> command = new ArrayList<>();

    @Override
    public Integer call() throws Exception {
        Project project = berth().loadProject(options -> options.withServices(List.of(service)));
        ServiceSelection selection = new ServiceSelection(project);
        selection.check(List.of(service));
        var session = new StackSession(berth());
        DesiredState own = session.desired(project, session.options().withServices(List.of(service), true));
        session.requireImages(own);
        var client = session.client();
        StackEngine engine = StackEngine.of(client);
        Set<String> dependencies = noDeps ? Set.of() : selection.dependenciesOf(service);
        if (!dependencies.isEmpty()) {
            List<String> deps = List.copyOf(dependencies);
            DesiredState desired = session.desired(project, session.options().withServices(deps, false));
            session.requireImages(desired);
            Plan plan = Planner.up(engine, desired, UpOptions.defaults().withServices(deps));
            new PlanExecutor(engine, session.progress()).run(plan);
            new PlanExecutor(engine, session.progress()).run(waits(project.name(), selection));
        }
        new PlanExecutor(engine, session.progress()).run(resourcesOnly(Planner.up(engine, own,
                UpOptions.defaults().withServices(List.of(service)).withNoDeps().withNoStart())));

        CreateRequest request = oneOff(project.name(), own.services().get(service).containerRequest().apply(1));
        String id = client.create(request);
        if (detach) {
            client.start(id);
            out().println(request.name());
            out().flush();
            return 0;
        }
        return ContainerRun.foreground(client, id, request.openStdin(), request.tty(), remove, berth().invocation(), out(), err());
    }

    /** The service's request with compose's one-off changes and the command line's overrides. */
    private CreateRequest oneOff(String project, CreateRequest service) throws java.io.IOException {
        String slug = HexFormat.of().formatHex(random(32));
        String container = name != null && !name.isEmpty() ? name : project + "-" + this.service + "-run-" + slug.substring(0, 12);
        Map<String, String> l = new LinkedHashMap<>(service.labels());
        l.put(ComposeLabels.ONEOFF, "True");
        l.put("com.docker.compose.slug", slug);
        l.putAll(dev.berth.cli.LabelArguments.toMap(labels));
        List<String> entry = entrypoint == null ? service.entrypoint() : entrypoint.isEmpty() ? List.of() : ShellWords.parse(entrypoint);
        List<String> cmd = !command.isEmpty() ? command : entrypoint != null ? List.of() : service.cmd();
        List<String> environment = new ArrayList<>(service.env());
        for (String e : EnvArguments.resolve(List.of(), env, berth().invocation())) {
            String key = e.substring(0, e.indexOf('='));
            environment.removeIf(x -> x.equals(key) || x.startsWith(key + "="));
            environment.add(e);
        }
        Map<String, NetworkEndpointConfig> endpoints = new LinkedHashMap<>();
        service.endpoints().forEach((network, e) -> endpoints.put(network, useAliases ? e : new NetworkEndpointConfig(List.of(), e.ipv4Address())));
        boolean tty = !noTty && Terminal.stdin(berth().invocation());
        boolean stdin = interactive && !detach;
        return new CreateRequest(container, service.image(), entry, cmd, environment, workdir != null ? workdir : service.workingDir(),
                user != null ? user : service.user(), service.hostname(), service.domainname(), l, tty, stdin, stdin,
                service.stopSignal(), service.stopTimeout(), host(service.hostConfig()), service.volumes(), service.healthcheck(), endpoints);
    }

    /** No restart policy; {@code --rm}; the service's ports only with {@code --service-ports}, {@code -p}'s instead when given. */
    private HostConfig host(HostConfig h) {
        List<PortBinding> ports = !publish.isEmpty() ? publish.stream().flatMap(p -> PortBinding.parse(p).stream()).toList()
                : servicePorts ? h.portBindings() : List.of();
        return new HostConfig(h.memory(), h.memorySwap(), h.nanoCpus(), h.cpuShares(), h.cpusetCpus(), h.pidsLimit(), h.capAdd(),
                h.capDrop(), h.privileged(), h.securityOpt(), h.readonlyRootfs(), RestartPolicy.NO, h.init(), remove, h.binds(),
                h.tmpfs(), h.networkMode(), h.shmSize(), h.ulimits(), h.dns(), h.dnsSearch(), h.dnsOptions(), h.extraHosts(), ports,
                h.mounts(), h.sysctls());
    }

    /** Waits for the run service's {@code service_healthy} / {@code service_completed_successfully} dependencies. */
    private Plan waits(String project, ServiceSelection selection) {
        PlanBuilder plan = new PlanBuilder(project);
        for (var dep : selection.dependencies(service)) {
            if (dep.condition().equals("service_healthy") || dep.condition().equals("service_completed_successfully")) {
                plan.add(new Action.WaitFor(dep.service(), dep.condition(), dep.required(), List.of(service)), "depends_on of " + service,
                        List.of());
            }
        }
        return plan.build();
    }

    /** Of the service's up plan, the networks and volumes it needs (its containers are not the run's). */
    private static Plan resourcesOnly(Plan plan) {
        List<Step> steps = new ArrayList<>();
        for (Step s : plan.steps()) {
            if (s.action() instanceof Action.CreateNetwork || s.action() instanceof Action.CreateVolume) {
                steps.add(new Step(steps.size() + 1, s.action(), List.of(), s.reason()));
            }
        }
        return new Plan(plan.project(), steps, List.of(), List.of(), List.of());
    }

    private static byte[] random(int n) {
        byte[] b = new byte[n];
        new SecureRandom().nextBytes(b);
        return b;
    }
}
