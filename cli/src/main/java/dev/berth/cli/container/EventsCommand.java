package dev.berth.cli.container;

import dev.berth.engine.api.EventOptions;
import dev.berth.engine.events.EngineEvent;
import dev.berth.engine.json.MiniJson;
import java.io.PrintWriter;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.StringJoiner;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code docker events}: berthd's events as they happen (with {@code --since}, the kept ones from then
 * first), one a line in Docker's text ({@code TIME TYPE ACTION ID (k=v, …)}) or, with {@code --format
 * json}, Docker's JSON message; until {@code --until}, or Ctrl-C.
 */
@Command(name = "events", description = "Get real time events from the server.")
public final class EventsCommand extends ContainerCommand implements Callable<Integer> {

    /** The docker CLI's RFC3339NanoFixed, in the local zone as the docker CLI prints it. */
    static final DateTimeFormatter DOCKER_TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSSSSSSSSXXX");

    @Mixin
    private dev.berth.cli.HelpOption help;

    @Option(names = {"-f", "--filter"}, paramLabel = "FILTER", description = "Filter output based on conditions provided (type, event, container, network, volume, image, label).")
    List<String> filters = new ArrayList<>();

    @Option(names = "--since", description = "Show all events created since timestamp (2013-01-02T13:23:37Z, Unix seconds, or relative: 10m).")
    String since;

    @Option(names = "--until", description = "Stream events until this timestamp.")
    String until;

    @Option(names = "--format", description = "Format output: json (Docker's JSON message a line).")
    String format;

    @Override
    public Integer call() throws Exception {
        boolean json = format != null && (format.equals("json") || format.equals("{{json .}}"));
        if (format != null && !json && !format.isEmpty()) {
            throw new IllegalArgumentException("--format " + format + ": berth's events take --format json only (Go templates are not supported)");
        }
        Instant now = Instant.now();
        EventOptions options = new EventOptions(TimeArgument.parse("--since", since, now), TimeArgument.parse("--until", until, now), filters);
        PrintWriter out = out();
        engine().events(options, e -> {
            out.println(json ? MiniJson.write(e.toDockerMap()) : text(e, ZoneId.systemDefault()));
            out.flush();
        });
        return 0;
    }

    /** Docker's text line: {@code 2026-11-28T18:00:00.000000000Z container start ID (image=busybox, name=web)}. */
    public static String text(EngineEvent e, ZoneId zone) {
        StringBuilder b = new StringBuilder(DOCKER_TIME.format(e.instant().atZone(zone)))
                .append(' ').append(e.type()).append(' ').append(e.action()).append(' ').append(e.actorId());
        if (!e.attributes().isEmpty()) {
            StringJoiner attributes = new StringJoiner(", ", " (", ")");
            e.attributes().forEach((k, v) -> attributes.add(k + "=" + v)); // sorted by key, as Docker's CLI
            b.append(attributes);
        }
        return b.toString();
    }
}
