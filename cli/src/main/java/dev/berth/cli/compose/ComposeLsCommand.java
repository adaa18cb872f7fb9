package dev.berth.cli.compose;

import dev.berth.engine.container.Container;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.Callable;
import java.util.regex.Pattern;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code docker compose ls}: the projects that have containers (running ones unless {@code -a}), found
 * by compose's project label, in name order: {@code NAME STATUS CONFIG FILES}, the status as counts of
 * container states ({@code exited(1), running(2)}).
 */
@Command(name = "ls", description = "List running compose projects.")
public final class ComposeLsCommand extends StackCommand implements Callable<Integer> {

    @Option(names = {"-a", "--all"}, description = "Show all stopped Compose projects.")
    private boolean all;

    @Option(names = {"-q", "--quiet"}, description = "Only display project names.")
    private boolean quiet;

    @Option(names = "--format", paramLabel = "FORMAT", description = "table (default) or json.")
    private String format = "table";

    @Option(names = "--filter", paramLabel = "name=NAME", description = "Filter output based on conditions provided (name=).")
    private List<String> filters = new ArrayList<>();

    record Stack(String name, String status, String configFiles) {
    }

    @Override
    public Integer call() throws Exception {
        List<Pattern> names = new ArrayList<>();
        for (String f : filters) {
            int eq = f.indexOf('=');
            if (eq <= 0) throw new IllegalArgumentException("bad format of filter (expected name=value)");
            if (!f.substring(0, eq).equals("name")) throw new IllegalArgumentException("invalid filter '" + f.substring(0, eq) + "'");
            names.add(Pattern.compile(f.substring(eq + 1)));
        }
        boolean table = format.isEmpty() || format.equalsIgnoreCase("table") || format.equalsIgnoreCase("pretty");
        if (!table && !format.equalsIgnoreCase("json")) {
            throw new IllegalArgumentException("format value \"" + format + "\" could not be parsed: parsing failed");
        }
        Map<String, List<Container>> byProject = new TreeMap<>();
        for (Container c : session().client().list(all, List.of("label=" + dev.berth.planner.engine.ComposeLabels.PROJECT))) {
            byProject.computeIfAbsent(c.config().labels().get(dev.berth.planner.engine.ComposeLabels.PROJECT), k -> new ArrayList<>()).add(c);
        }
        List<Stack> stacks = new ArrayList<>();
        byProject.forEach((name, containers) -> {
            // docker's name filter: a regular expression found anywhere in the name
            if (names.isEmpty() || names.stream().anyMatch(p -> p.matcher(name).find())) {
                stacks.add(new Stack(name, status(containers), configFiles(containers)));
            }
        });
        if (quiet) {
            stacks.forEach(s -> out().println(s.name()));
        } else if (table) {
            GoTable t = GoTable.pretty("NAME", "STATUS", "CONFIG FILES");
            stacks.forEach(s -> t.row(s.name(), s.status(), s.configFiles()));
            t.print(out());
        } else {
            List<Object> list = new ArrayList<>();
            for (Stack s : stacks) {
                Map<String, Object> o = new LinkedHashMap<>();
                o.put("Name", s.name());
                o.put("Status", s.status());
                o.put("ConfigFiles", s.configFiles());
                list.add(o);
            }
            out().println(new GoJson(false).write(list));
        }
        out().flush();
        return 0;
    }

    /** compose's combinedStatus: {@code state(count)} per state, states in name order. */
    static String status(List<Container> containers) {
        Map<String, Integer> counts = new TreeMap<>();
        for (Container c : containers) counts.merge(c.state().status(), 1, Integer::sum);
        List<String> parts = new ArrayList<>();
        counts.forEach((state, n) -> parts.add(state + "(" + n + ")"));
        return String.join(", ", parts);
    }

    /** The containers' compose files, each once, in the order found. */
    private static String configFiles(List<Container> containers) {
        List<String> files = new ArrayList<>();
        for (Container c : containers) {
            String label = c.config().labels().get(ProjectContainers.CONFIG_FILES);
            if (label == null) return "N/A";
            for (String f : label.split(",")) if (!files.contains(f)) files.add(f);
        }
        return String.join(",", files);
    }
}
