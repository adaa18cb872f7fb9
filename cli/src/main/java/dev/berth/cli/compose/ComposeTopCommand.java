package dev.berth.cli.compose;

import dev.berth.cli.compose.ProjectContainers.OneOff;
import dev.berth.engine.api.ContainerTop;
import dev.berth.engine.api.EngineClient;
import dev.berth.engine.container.Container;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/**
 * {@code docker compose top}: the processes of the project's running containers in one table, as
 * current compose v2 prints it: {@code SERVICE}, {@code #} (the container's number), then the process
 * columns ({@code CMD} last), containers in name order; nothing when none runs.
 */
@Command(name = "top", description = "Display the running processes.")
public final class ComposeTopCommand extends StackCommand implements Callable<Integer> {

    @Parameters(paramLabel = "SERVICE", arity = "0..*", description = "Services whose processes to show (default: all).")
    private List<String> services = new ArrayList<>();

    @Override
    public Integer call() throws Exception {
        ProjectScope scope = ProjectScope.name(berth(), berth().loadOptions());
        EngineClient engine = session().client();
        List<Container> containers = new ArrayList<>(ProjectContainers.list(engine, scope.name(), OneOff.INCLUDE, false, List.of()));
        if (!services.isEmpty()) containers.removeIf(c -> !services.contains(ProjectContainers.service(c)));
        containers.sort(Comparator.comparing(Container::name));

        // compose's collectTop: columns in the order first seen, CMD moved to the end
        Map<String, Integer> header = new LinkedHashMap<>();
        header.put("SERVICE", 0);
        header.put("#", 1);
        List<Map<String, String>> rows = new ArrayList<>();
        for (Container c : containers) {
            ContainerTop top = engine.top(c.id());
            for (List<String> process : top.processes()) {
                Map<String, String> row = new HashMap<>();
                row.put("SERVICE", ProjectContainers.service(c));
                row.put("#", Integer.toString(ProjectContainers.number(c)));
                for (int i = 0; i < top.titles().size() && i < process.size(); i++) {
                    header.putIfAbsent(top.titles().get(i), header.size());
                    row.put(top.titles().get(i), process.get(i));
                }
                rows.add(row);
            }
        }
        if (rows.isEmpty()) return 0;
        List<String> titles = new ArrayList<>(header.keySet());
        if (titles.remove("CMD")) titles.add("CMD");
        GoTable table = GoTable.top(titles.toArray(String[]::new));
        for (Map<String, String> row : rows) table.row(titles.stream().map(t -> row.getOrDefault(t, "-")).toArray(String[]::new));
        table.print(out());
        return 0;
    }
}
