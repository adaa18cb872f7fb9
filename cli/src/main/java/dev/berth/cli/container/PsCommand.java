package dev.berth.cli.container;

import dev.berth.cli.EngineCommand;
import dev.berth.cli.image.HumanUnits;
import dev.berth.cli.image.Table;
import dev.berth.engine.container.Container;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code berth ps}: containers, as {@code docker ps} lists them. */
@Command(name = "ps", description = "List containers.")
public final class PsCommand extends EngineCommand implements Callable<Integer> {

    @Option(names = {"-a", "--all"}, description = "Show all containers (default shows just running).")
    boolean all;

    @Option(names = {"-q", "--quiet"}, description = "Only display container IDs.")
    boolean quiet;

    @Option(names = "--no-trunc", description = "Don't truncate output.")
    boolean noTrunc;

    @Option(names = {"-f", "--filter"}, paramLabel = "label=KEY[=VALUE]", description = "Filter by label.")
    List<String> filters = new ArrayList<>();

    @Override
    public Integer call() throws Exception {
        List<String> labels = new ArrayList<>();
        for (String f : filters) {
            if (!f.startsWith("label=")) throw new IllegalArgumentException("unsupported filter \"" + f + "\": only label=KEY[=VALUE] for now");
            labels.add(f.substring("label=".length()));
        }
        Containers containers = Containers.open(this);
        // a container that ended since it was last looked at is recorded exited (and its cgroup goes)
        for (Container c : containers.store().list(false, List.of())) containers.runtime().refresh(c);
        List<Container> list = containers.store().list(all, labels);
        if (quiet) {
            list.forEach(c -> out().println(noTrunc ? c.id() : c.shortId()));
            return 0;
        }
        Instant now = Instant.now();
        Table table = new Table("CONTAINER ID", "IMAGE", "COMMAND", "CREATED", "STATUS", "PORTS", "NAMES");
        for (Container c : list) {
            String command = "\"" + String.join(" ", c.config().argv()) + "\"";
            if (!noTrunc && command.length() > 22) command = command.substring(0, 19) + "…\"";
            table.row(noTrunc ? c.id() : c.shortId(), c.config().image(), command,
                    HumanUnits.ago(c.created(), now), status(c, now), "", c.name());
        }
        table.print(out());
        return 0;
    }

    private static String status(Container c, Instant now) {
        var s = c.state();
        return switch (s.status()) {
            case "running" -> "Up " + HumanUnits.duration(Duration.between(s.startedAt(), now));
            case "exited" -> "Exited (" + s.exitCode() + ") " + HumanUnits.ago(s.finishedAt(), now);
            default -> Character.toUpperCase(s.status().charAt(0)) + s.status().substring(1);
        };
    }
}
