package dev.berth.cli.compose;

import dev.berth.engine.container.Container;
import dev.berth.planner.execute.PlanExecutor;
import dev.berth.planner.plan.Action;
import dev.berth.planner.plan.Plan;
import dev.berth.planner.plan.PlanBuilder;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code berth compose stop [-t N] [SERVICE...]}: the services' containers (one-off ones too) stopped
 * in reverse dependency order — a service after the services that depend on it — the containers
 * of one service, and services independent of each other, at once.
 */
@Command(name = "stop", description = "Stop services.")
public final class ComposeStopCommand extends ServicesCommand {

    @Option(names = {"-t", "--timeout"}, description = "Specify a shutdown timeout in seconds.")
    Integer timeout;

    @Override
    public Integer call() throws Exception {
        new PlanExecutor(engine(), stack().progress()).run(plan(selection(), selection().orAll(services), containers(), timeout));
        return 0;
    }

    /** The stops of {@code scope}'s containers, each service's after those of the services in scope that depend on it. */
    static Plan plan(ServiceSelection selection, Set<String> scope, ProjectContainers containers, Integer timeout) {
        PlanBuilder plan = new PlanBuilder(selection.project().name());
        Map<String, Set<String>> graph = selection.graphOf(scope);
        Map<String, List<Integer>> stops = new HashMap<>();
        for (String s : selection.upOrder(scope).reversed()) {
            List<Integer> after = new ArrayList<>();
            graph.forEach((dependent, deps) -> {
                if (deps.contains(s)) after.addAll(stops.getOrDefault(dependent, List.of()));
            });
            List<Integer> mine = stops.computeIfAbsent(s, x -> new ArrayList<>());
            for (Container c : containers.of(List.of(s), true)) {
                mine.add(plan.add(new Action.StopContainer(s, c.name(), c.id(), timeout), c.state().status(), after));
            }
        }
        return plan.build();
    }
}
