package dev.berth.cli.compose;

import dev.berth.cli.container.TimeArgument;
import dev.berth.engine.api.EventOptions;
import dev.berth.engine.events.EngineEvent;
import java.io.PrintWriter;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.StringJoiner;
import java.util.TreeMap;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code docker compose events}: the container events of the project (one-offs not, only the named
 * services' when some are named), as compose prints them: {@code 2026-11-28 18:00:00.000000 container
 * start ID (image=busybox, name=shop-web-1)}, or with {@code --json} one object a line with
 * {@code time}, {@code type}, {@code action}, {@code id}, {@code service} and the {@code attributes}
 * (compose's own {@code com.docker.compose.*} labels left out). Runs until {@code --until} or Ctrl-C.
 */
@Command(name = "events", description = "Receive real time events from containers.")
public final class ComposeEventsCommand extends StackCommand implements Callable<Integer> {

    private static final DateTimeFormatter COMPOSE_TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss.SSSSSS");

    @Option(names = "--json", description = "Output events as a stream of json objects.")
    private boolean json;

    @Option(names = "--since", description = "Show all events created since timestamp.")
    private String since;

    @Option(names = "--until", description = "Stream events until this timestamp.")
    private String until;

    @Parameters(paramLabel = "SERVICE", arity = "0..*", description = "Services whose events to show (default: all).")
    private List<String> services = new ArrayList<>();

    @Override
    public Integer call() throws Exception {
        ProjectScope scope = ProjectScope.orName(berth(), berth().loadOptions(), services); // no such service: X
        Instant now = Instant.now();
        EventOptions options = new EventOptions(TimeArgument.parse("--since", since, now), TimeArgument.parse("--until", until, now),
                List.of("label=" + dev.berth.planner.engine.ComposeLabels.PROJECT + "=" + scope.name().toLowerCase(java.util.Locale.ROOT)));
        PrintWriter out = out();
        GoJson goJson = new GoJson(true);
        ZoneId zone = ZoneId.systemDefault();
        session().client().events(options, e -> {
            if (!e.type().equals(EngineEvent.CONTAINER)) return;
            if ("True".equals(e.attributes().get(dev.berth.planner.engine.ComposeLabels.ONEOFF))) return;
            String service = e.attributes().getOrDefault(dev.berth.planner.engine.ComposeLabels.SERVICE, "");
            if (!services.isEmpty() && !services.contains(service)) return;
            out.println(json ? goJson.write(jsonObject(e, service, zone)) : text(e, zone));
            out.flush();
        });
        return 0;
    }

    /** The attributes compose shows: the container's own, not compose's labels. */
    static Map<String, String> attributes(EngineEvent e) {
        Map<String, String> out = new TreeMap<>();
        e.attributes().forEach((k, v) -> {
            if (!k.startsWith("com.docker.compose.")) out.put(k, v);
        });
        return out;
    }

    /** compose's {@code --json} object: a Go map's keys, sorted. */
    static Map<String, Object> jsonObject(EngineEvent e, String service, ZoneId zone) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("action", e.action());
        m.put("attributes", new LinkedHashMap<>(attributes(e)));
        m.put("id", e.actorId());
        m.put("service", service);
        m.put("time", goRfc3339Nano(e.instant(), zone));
        m.put("type", "container");
        return m;
    }

    /** compose's text line (attributes sorted here: Go's map order is random). */
    static String text(EngineEvent e, ZoneId zone) {
        StringJoiner attributes = new StringJoiner(", ", "(", ")");
        attributes(e).forEach((k, v) -> attributes.add(k + "=" + v));
        return COMPOSE_TIME.format(e.instant().atZone(zone)) + " container " + e.action() + " " + e.actorId() + " " + attributes;
    }

    /** Go's time.Time in JSON: RFC 3339 with the fraction's trailing zeros cut (none when it is zero). */
    static String goRfc3339Nano(Instant t, ZoneId zone) {
        var z = t.atZone(zone);
        String base = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss").format(z);
        String fraction = String.format("%09d", z.getNano()).replaceFirst("0+$", "");
        String offset = DateTimeFormatter.ofPattern("XXX").format(z);
        return base + (fraction.isEmpty() ? "" : "." + fraction) + offset;
    }
}
