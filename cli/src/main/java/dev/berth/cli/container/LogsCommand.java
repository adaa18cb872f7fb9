package dev.berth.cli.container;

import dev.berth.engine.api.LogOptions;
import java.io.PrintWriter;
import java.time.Instant;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code berth logs}: what the container wrote, stdout and stderr each to its own stream. */
@Command(name = "logs", description = "Fetch the logs of a container.")
public final class LogsCommand extends ContainerCommand implements Callable<Integer> {

    @Option(names = {"-f", "--follow"}, description = "Follow log output until the container ends.")
    boolean follow;

    @Option(names = {"-t", "--timestamps"}, description = "Show timestamps.")
    boolean timestamps;

    @Option(names = {"-n", "--tail"}, description = "Number of lines to show from the end of the logs (default all).")
    String tail = "all";

    @Option(names = "--since", description = "Show logs since a timestamp (2013-01-02T13:23:37Z) or relative (42m).")
    String since;

    @Option(names = "--until", description = "Show logs before a timestamp or relative time.")
    String until;

    @Parameters(paramLabel = "CONTAINER")
    String name;

    @Override
    public Integer call() throws Exception {
        Instant now = Instant.now();
        int lines;
        try {
            lines = tail.equals("all") ? -1 : Integer.parseInt(tail);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("invalid value for --tail: \"" + tail + "\": a number or all");
        }
        LogOptions options = new LogOptions(follow, lines, TimeArgument.parse("--since", since, now),
                TimeArgument.parse("--until", until, now), true, true);
        PrintWriter out = out();
        PrintWriter err = err();
        engine().logs(name, options, entry -> {
            PrintWriter to = entry.stream().equals("stderr") ? err : out;
            to.print(timestamps ? entry.time() + " " + entry.log() : entry.log());
            to.flush();
        });
        return 0;
    }
}
