package dev.berth.cli.container;

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
public final class PsCommand extends ContainerCommand implements Callable<Integer> {

    @Option(names = {"-a", "--all"}, description = "Show all containers (default shows just running).")
    boolean all;

    @Option(names = {"-q", "--quiet"}, description = "Only display container IDs.")
    boolean quiet;

    @Option(names = "--no-trunc", description = "Don't truncate output.")
    boolean noTrunc;

    @Option(names = {"-f", "--filter"}, paramLabel = "KEY=VALUE", description = "Filter: label=K[=V], name=N, id=PREFIX, status=S, health=starting|healthy|unhealthy|none.")
    List<String> filters = new ArrayList<>();

    @Override
    public Integer call() throws Exception {
        List<Container> list = engine().list(all, filters);
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

    /**
     * Docker's STATUS column: {@code Up 3 minutes (healthy)}, {@code Up 2 seconds (health: starting)},
     * {@code Up 3 minutes (Paused)}, {@code Exited (0) 2 seconds ago}, {@code Restarting (1) …}.
     */
    public static String status(Container c, Instant now) {
        var s = c.state();
        return switch (s.status()) {
            case "running" -> "Up " + HumanUnits.duration(Duration.between(s.startedAt(), now)) + health(s.health());
            case "paused" -> "Up " + HumanUnits.duration(Duration.between(s.startedAt(), now)) + " (Paused)";
            case "restarting" -> "Restarting (" + s.exitCode() + ") " + HumanUnits.ago(s.finishedAt() == null ? now : s.finishedAt(), now);
            case "exited" -> "Exited (" + s.exitCode() + ") " + HumanUnits.ago(s.finishedAt() == null ? now : s.finishedAt(), now);
            default -> Character.toUpperCase(s.status().charAt(0)) + s.status().substring(1);
        };
    }

    /** Docker's Health.String() in parentheses: {@code (health: starting)}, {@code (healthy)}, {@code (unhealthy)}; none: nothing. */
    private static String health(dev.berth.engine.container.Health h) {
        if (h == null) return "";
        return " (" + (h.status().equals(dev.berth.engine.container.Health.STARTING) ? "health: starting" : h.status()) + ")";
    }
}
