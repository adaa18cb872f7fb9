package dev.berth.cli.compose;

import dev.berth.cli.compose.ProjectContainers.OneOff;
import dev.berth.cli.container.PsCommand;
import dev.berth.cli.image.HumanUnits;
import dev.berth.compose.ComposeException;
import dev.berth.engine.container.Container;
import dev.berth.engine.container.MountPoint;
import dev.berth.engine.container.PortBinding;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code docker compose ps}: the project's containers (running ones unless {@code -a}; one-offs only
 * with {@code -a} or {@code --status}) in compose's table ({@code NAME IMAGE COMMAND SERVICE CREATED
 * STATUS PORTS}, by name), as JSON (one object a line, compose v2.21+), IDs or service names.
 */
@Command(name = "ps", description = "List containers.")
public final class ComposePsCommand extends StackCommand implements Callable<Integer> {

    @Option(names = {"-a", "--all"}, description = "Show all stopped containers (including those created by the run command).")
    private boolean all;

    @Option(names = {"-q", "--quiet"}, description = "Only display IDs.")
    private boolean quiet;

    @Option(names = "--services", description = "Display services.")
    private boolean servicesOnly;

    @Option(names = "--format", paramLabel = "FORMAT", description = "table (default) or json (one object a line).")
    private String format = "table";

    @Option(names = "--status", paramLabel = "STATUS",
            description = "Filter services by status (repeatable): paused, restarting, removing, running, dead, created, exited.")
    private List<String> status = new ArrayList<>();

    @Option(names = "--filter", paramLabel = "KEY=VALUE", description = "Filter services by a property (supported filters: status).")
    private String filter;

    @Option(names = "--no-trunc", description = "Don't truncate output.")
    private boolean noTrunc;

    @Option(names = "--orphans", arity = "0..1", fallbackValue = "true", defaultValue = "true", paramLabel = "BOOL",
            description = "Include orphaned services (not declared by project); default true.")
    private boolean orphans = true;

    @Parameters(paramLabel = "SERVICE", arity = "0..*", description = "Services to list (default: all).")
    private List<String> services = new ArrayList<>();

    @Override
    public Integer call() throws Exception {
        List<String> statuses = new ArrayList<>(status);
        if (filter != null) statuses.addAll(parseFilter(filter));
        boolean table = format.isEmpty() || format.equalsIgnoreCase("table");
        if (!table && !format.equalsIgnoreCase("json")) {
            throw new IllegalArgumentException("--format \"" + format + "\": berth takes table or json (Go templates are not supported)");
        }
        ProjectScope scope = ProjectScope.orName(berth(), berth().loadOptions(), services);
        List<String> selected = services;
        if (scope.project() != null && selected.isEmpty() && !orphans) selected = scope.project().serviceNames();
        boolean listAll = all || !statuses.isEmpty();
        List<Container> containers = new ArrayList<>(ProjectContainers.list(session().client(), scope.name(),
                listAll ? OneOff.INCLUDE : OneOff.EXCLUDE, listAll, selected));
        if (!statuses.isEmpty()) containers.removeIf(c -> !statuses.contains(c.state().status()));
        containers.sort(Comparator.comparing(Container::name));

        if (quiet) {
            containers.forEach(c -> out().println(c.id()));
        } else if (servicesOnly) {
            LinkedHashSet<String> names = new LinkedHashSet<>();
            containers.forEach(c -> names.add(ProjectContainers.service(c)));
            out().println(String.join("\n", names));
        } else if (table) {
            Instant now = Instant.now();
            GoTable t = GoTable.containers("NAME", "IMAGE", "COMMAND", "SERVICE", "CREATED", "STATUS", "PORTS");
            for (Container c : containers) {
                t.row(c.name(), c.config().image(), command(c), ProjectContainers.service(c), HumanUnits.ago(c.created(), now),
                        PsCommand.status(c, now), ports(c));
            }
            t.print(out());
        } else {
            Instant now = Instant.now();
            GoJson json = new GoJson(true);
            for (Container c : containers) out().println(json.write(jsonObject(c, now)));
        }
        out().flush();
        return 0;
    }

    /** compose's {@code --filter}: {@code status=S} only. */
    private static List<String> parseFilter(String f) {
        int eq = f.indexOf('=');
        if (eq < 0) throw new ComposeException("arguments to --filter should be in form KEY=VAL");
        String key = f.substring(0, eq);
        if (key.equals("status")) return List.of(f.substring(eq + 1));
        if (key.equals("source")) throw new ComposeException("not implemented: --filter source");
        throw new ComposeException("unknown filter " + key);
    }

    /** The docker CLI's COMMAND: entrypoint and cmd joined, cut to 20 characters with "…" unless --no-trunc, Go-quoted. */
    private String command(Container c) {
        String command = String.join(" ", c.config().argv());
        if (!noTrunc) command = ellipsis(command, 20);
        return goQuote(command);
    }

    static String ellipsis(String s, int width) {
        if (s.codePointCount(0, s.length()) <= width) return s;
        return s.substring(0, s.offsetByCodePoints(0, width - 1)) + "…";
    }

    /** Go's strconv.Quote for the characters a command line has. */
    static String goQuote(String s) {
        StringBuilder b = new StringBuilder("\"");
        for (char ch : s.toCharArray()) {
            switch (ch) {
                case '"' -> b.append("\\\"");
                case '\\' -> b.append("\\\\");
                case '\n' -> b.append("\\n");
                case '\t' -> b.append("\\t");
                case '\r' -> b.append("\\r");
                default -> {
                    if (ch < 0x20 || ch == 0x7f) b.append(String.format("\\x%02x", (int) ch));
                    else b.append(ch);
                }
            }
        }
        return b.append('"').toString();
    }

    /** One published port as Docker's list reports it (IP empty when not published). */
    record Port(String ip, int privatePort, int publicPort, String type) {
        static List<Port> of(Container c) {
            List<Port> out = new ArrayList<>();
            for (PortBinding b : c.ports()) {
                int published = b.hostPort().isEmpty() ? 0 : Integer.parseInt(b.hostPort());
                String ip = published == 0 ? "" : b.hostIp().isEmpty() ? "0.0.0.0" : b.hostIp();
                out.add(new Port(ip, b.port(), published, b.protocol()));
            }
            out.sort(Comparator.comparingInt(Port::privatePort).thenComparing(Port::ip)
                    .thenComparingInt(Port::publicPort).thenComparing(Port::type));
            return out;
        }
    }

    /** The docker CLI's DisplayablePorts: {@code 0.0.0.0:8080->80/tcp}, same-number runs grouped ({@code 0.0.0.0:80-81->80-81/tcp}). */
    static String ports(Container c) {
        Map<String, int[]> groups = new LinkedHashMap<>();
        List<String> result = new ArrayList<>();
        List<String> hostMappings = new ArrayList<>();
        for (Port p : Port.of(c)) {
            String key = p.type();
            if (!p.ip().isEmpty()) {
                if (p.publicPort() != p.privatePort()) {
                    hostMappings.add(p.ip() + ":" + p.publicPort() + "->" + p.privatePort() + "/" + p.type());
                    continue;
                }
                key = p.ip() + "/" + p.type();
            }
            int[] g = groups.get(key);
            if (g == null) {
                groups.put(key, new int[] {p.privatePort(), p.privatePort()});
            } else if (p.privatePort() == g[1] + 1) {
                g[1] = p.privatePort();
            } else {
                result.add(group(key, g));
                groups.put(key, new int[] {p.privatePort(), p.privatePort()});
            }
        }
        groups.forEach((key, g) -> result.add(group(key, g)));
        result.addAll(hostMappings);
        return String.join(", ", result);
    }

    private static String group(String key, int[] g) {
        int slash = key.lastIndexOf('/');
        String ip = slash > 0 ? key.substring(0, slash) : "";
        String type = key.substring(slash + 1);
        String range = g[0] == g[1] ? Integer.toString(g[0]) : g[0] + "-" + g[1];
        return (ip.isEmpty() ? range : ip + ":" + range + "->" + range) + "/" + type;
    }

    private static final DateTimeFormatter GO_TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss Z z");

    /** The docker CLI's {@code {{json .}}} of compose's ContainerContext: every field, keys sorted. */
    private Map<String, Object> jsonObject(Container c, Instant now) {
        Map<String, Object> o = new TreeMap<>();
        o.put("Command", command(c));
        o.put("CreatedAt", GO_TIME.format(c.created().truncatedTo(java.time.temporal.ChronoUnit.SECONDS).atZone(ZoneId.systemDefault())));
        String state = c.state().status();
        o.put("ExitCode", state.equals("exited") || state.equals("dead") ? c.state().exitCode() : 0);
        o.put("Health", state.equals("running") && c.state().health() != null ? c.state().health().status() : "");
        o.put("ID", noTrunc ? c.id() : c.shortId());
        o.put("Image", c.config().image());
        o.put("Labels", String.join(",", new TreeMap<>(c.config().labels()).entrySet().stream().map(e -> e.getKey() + "=" + e.getValue()).toList()));
        o.put("LocalVolumes", Long.toString(c.mounts().stream().filter(m -> m.type().equals("volume")).count()));
        List<String> mounts = new ArrayList<>();
        for (MountPoint m : c.mounts()) {
            String name = m.name().isEmpty() ? m.source() : m.name();
            mounts.add(noTrunc ? name : ellipsis(name, 15));
        }
        o.put("Mounts", String.join(",", mounts));
        o.put("Name", c.name());
        o.put("Names", c.name());
        o.put("Networks", String.join(",", c.networks().keySet()));
        o.put("Ports", ports(c));
        o.put("Project", c.config().labels().getOrDefault(dev.berth.planner.engine.ComposeLabels.PROJECT, ""));
        List<Object> publishers = new ArrayList<>();
        for (Port p : Port.of(c)) {
            Map<String, Object> pub = new LinkedHashMap<>();
            pub.put("URL", p.ip());
            pub.put("TargetPort", p.privatePort());
            pub.put("PublishedPort", p.publicPort());
            pub.put("Protocol", p.type());
            publishers.add(pub);
        }
        o.put("Publishers", publishers);
        o.put("RunningFor", HumanUnits.ago(c.created(), now));
        o.put("Service", ProjectContainers.service(c));
        o.put("Size", "0B");
        o.put("State", state);
        o.put("Status", PsCommand.status(c, now));
        return o;
    }
}
