package dev.berth.cli.compose;

import dev.berth.cli.container.EnvArguments;
import dev.berth.cli.container.ExecCommand;
import dev.berth.engine.api.ExecRequest;
import dev.berth.engine.container.Container;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code berth compose exec SERVICE COMMAND...}: a process in the service's running container of
 * replica {@code --index} (default: the lowest number), through {@code berth exec}'s machinery; its
 * exit code is ours. A terminal when stdin is one, unless {@code -T}.
 */
@Command(name = "exec", description = "Execute a command in a running container.")
public final class ComposeExecCommand extends StackCommand implements Callable<Integer> {

    @Option(names = {"-d", "--detach"}, description = "Detached mode: Run command in the background.")
    boolean detach;

    @Option(names = {"-T", "--no-TTY"}, description = "Disable pseudo-TTY allocation (default: a TTY when stdin is a terminal).")
    boolean noTty;

    @Option(names = {"-i", "--interactive"}, negatable = true, defaultValue = "true", fallbackValue = "true",
            description = "Keep STDIN open even if not attached (default true).")
    boolean interactive = true;

    @Option(names = {"-e", "--env"}, paramLabel = "KEY=VALUE", description = "Set environment variables.")
    List<String> env = new ArrayList<>();

    @Option(names = {"-u", "--user"}, description = "Run the command as this user.")
    String user;

    @Option(names = {"-w", "--workdir"}, description = "Path to workdir directory for this command.")
    String workdir;

    @Option(names = "--index", description = "Index of the container if service has multiple replicas.")
    int index;

    @Option(names = "--privileged", description = "Give extended privileges to the process.")
    boolean privileged;

    @Parameters(index = "0", paramLabel = "SERVICE")
    String service;

    @Parameters(index = "1..*", arity = "1..*", paramLabel = "COMMAND")
    List<String> command = new ArrayList<>();

    @Override
    public Integer call() throws Exception {
        var project = project();
        new ServiceSelection(project).check(List.of(service));
        var session = session();
        var engine = session.client();
        Container target = ProjectContainers.of(engine, project.name()).of(List.of(service), true).stream()
                .filter(ProjectContainers::up).filter(c -> index <= 0 || ProjectContainers.number(c) == index)
                // lowest number first, the service's own before one-off ones (compose's order)
                .sorted(java.util.Comparator.comparingInt(ProjectContainers::number).thenComparing(ProjectContainers::oneOff))
                .findFirst().orElseThrow(() -> new IllegalStateException(index > 0
                        ? "service \"" + service + "\" is not running container #" + index
                        : "service \"" + service + "\" is not running"));
        boolean tty = !noTty && Terminal.stdin(berth().invocation());
        var environment = EnvArguments.resolve(List.of(), env, berth().invocation());
        out().flush();
        return ExecCommand.run(engine, target.id(), new ExecRequest(command, environment, user, workdir, tty, privileged), detach,
                interactive, berth().invocation());
    }
}
