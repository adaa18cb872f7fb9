package dev.berth.cli.compose;

import dev.berth.cli.BerthCommand;
import dev.berth.cli.HelpOption;
import dev.berth.cli.compose.ProjectContainers.OneOff;
import dev.berth.cli.container.TimeArgument;
import dev.berth.compose.loader.LoadOptions;
import dev.berth.engine.api.EngineClient;
import dev.berth.engine.api.LogOptions;
import dev.berth.engine.container.Container;
import java.io.IOException;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.atomic.AtomicReference;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code docker compose logs}: the output of every container of the selected services (stopped ones
 * too, one-offs not), each line behind its container's {@code web-1  | } prefix, all on stdout as
 * compose prints them. {@code -f} follows every container at once (a thread each) until all have
 * ended. Here {@code -f} means {@code --follow}, as in compose: the project's file is {@code --file}
 * after the command's name (or {@code -f} before it), so this command takes the global options itself
 * rather than through {@link StackCommand}'s mixin.
 */
@Command(name = "logs", description = "View output from containers.")
public final class ComposeLogsCommand implements Callable<Integer> {

    @Spec
    private CommandSpec spec;

    @Mixin
    private HelpOption help;

    @Option(names = {"-f", "--follow"}, description = "Follow log output.")
    private boolean follow;

    @Option(names = {"-n", "--tail"}, paramLabel = "N", description = "Number of lines to show from the end of the logs for each container (default all).")
    private String tail = "all";

    @Option(names = {"-t", "--timestamps"}, description = "Show timestamps.")
    private boolean timestamps;

    @Option(names = "--since", description = "Show logs since timestamp (e.g. 2013-01-02T13:23:37Z) or relative (e.g. 42m for 42 minutes).")
    private String since;

    @Option(names = "--until", description = "Show logs before a timestamp (e.g. 2013-01-02T13:23:37Z) or relative (e.g. 42m for 42 minutes).")
    private String until;

    @Option(names = "--no-color", description = "Produce monochrome output.")
    private boolean noColor;

    @Option(names = "--no-log-prefix", description = "Don't print prefix in logs.")
    private boolean noPrefix;

    @Option(names = "--index", paramLabel = "N", description = "Index of the container if service has multiple replicas.")
    private int index;

    // the global Compose options, but --file long only (-f is --follow here, as in compose)
    @Option(names = "--file", paramLabel = "FILE", description = "Compose configuration file (repeatable).")
    private List<String> files = new ArrayList<>();

    @Option(names = {"-p", "--project-name"}, paramLabel = "NAME", description = "Project name.")
    private String projectName;

    @Option(names = "--project-directory", paramLabel = "DIR", description = "Working directory of the project.")
    private String projectDirectory;

    @Option(names = "--profile", paramLabel = "PROFILE", description = "Enable a profile (repeatable).")
    private List<String> profiles = new ArrayList<>();

    @Option(names = "--env-file", paramLabel = "FILE", description = "An alternate environment file (repeatable).")
    private List<String> envFiles = new ArrayList<>();

    @Parameters(paramLabel = "SERVICE", arity = "0..*", description = "Services whose logs to show (default: all).")
    private List<String> services = new ArrayList<>();

    private static final DateTimeFormatter DOCKER_TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSSSSSSSSXXX")
            .withZone(ZoneOffset.UTC);

    @Override
    public Integer call() throws Exception {
        BerthCommand berth = (BerthCommand) spec.root().userObject();
        Instant now = Instant.now();
        int lines;
        try {
            lines = tail.equals("all") ? -1 : Integer.parseInt(tail);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("invalid value for --tail: \"" + tail + "\": a number or all");
        }
        LogOptions options = new LogOptions(follow, lines, TimeArgument.parse("--since", since, now),
                TimeArgument.parse("--until", until, now), true, true);
        if (index > 0 && services.size() != 1) {
            throw new IllegalArgumentException("--index " + index + ": name the one service whose container it is");
        }
        ProjectScope scope = ProjectScope.orName(berth, loadOptions(berth), services);
        EngineClient engine = new StackSession(berth).client();
        List<Container> containers;
        if (index > 0) {
            containers = List.of(ProjectContainers.specified(engine, scope.name(), OneOff.EXCLUDE, true, services.getFirst(), index));
        } else {
            List<String> selected = services.isEmpty() && scope.project() != null ? scope.project().serviceNames() : services;
            containers = new ArrayList<>(ProjectContainers.list(engine, scope.name(), OneOff.EXCLUDE, true, selected));
            if (!selected.isEmpty()) containers.removeIf(c -> !selected.contains(ProjectContainers.service(c)));
        }
        containers = containers.stream().sorted(Comparator.comparing(Container::name)).toList();
        List<String> names = containers.stream().map(ProjectContainers::nameWithoutProject).toList();
        LogPrinter printer = new LogPrinter(berth.out(), names, !noPrefix, colors(berth));
        if (!follow) {
            // one container after the other: a valid interleaving of compose's concurrent reads, and a stable one
            for (int i = 0; i < containers.size(); i++) show(engine, containers.get(i), names.get(i), options, printer);
            return 0;
        }
        AtomicReference<Exception> failure = new AtomicReference<>();
        List<Thread> threads = new ArrayList<>();
        for (int i = 0; i < containers.size(); i++) {
            Container c = containers.get(i);
            String name = names.get(i);
            threads.add(Thread.ofPlatform().name("logs " + name).start(() -> {
                try {
                    show(engine, c, name, options, printer);
                } catch (Exception e) {
                    failure.compareAndSet(null, e);
                }
            }));
        }
        for (Thread t : threads) t.join();
        if (failure.get() != null) throw failure.get();
        return 0;
    }

    private void show(EngineClient engine, Container c, String name, LogOptions options, LogPrinter printer) throws IOException {
        try {
            engine.logs(c.id(), options, entry -> printer.write(name, timestamps ? DOCKER_TIME.format(entry.time()) + " " + entry.log() : entry.log()));
        } finally {
            printer.end(name);
        }
    }

    /** compose's --ansi auto: colors when stdout is a terminal; COMPOSE_ANSI=never|always overrides; --no-color wins. */
    private boolean colors(BerthCommand berth) {
        if (noColor) return false;
        String ansi = berth.invocation().environment().getOrDefault("COMPOSE_ANSI", "auto");
        if (ansi.equals("never")) return false;
        if (ansi.equals("always")) return true;
        var console = System.console();
        return berth.invocation().processStdio() && console != null && console.isTerminal();
    }

    /** The root's load options with the global options given after this command's name. */
    private LoadOptions loadOptions(BerthCommand berth) {
        LoadOptions options = berth.loadOptions();
        if (!files.isEmpty()) {
            List<String> all = new ArrayList<>(options.files());
            all.addAll(files);
            options = options.withFiles(all);
        }
        if (projectName != null) options = options.withProjectName(projectName);
        if (projectDirectory != null) options = options.withWorkingDir(berth.invocation().cwd().resolve(projectDirectory).normalize());
        if (!profiles.isEmpty()) {
            List<String> all = new ArrayList<>(options.profiles());
            all.addAll(profiles);
            options = options.withProfiles(all);
        }
        if (!envFiles.isEmpty()) {
            List<String> all = new ArrayList<>(options.envFiles());
            all.addAll(envFiles);
            options = options.withEnvFiles(all);
        }
        return options;
    }
}
