package dev.berth.cli.compose;

import dev.berth.engine.container.Container;
import dev.berth.planner.execute.PlanExecutor;
import dev.berth.planner.plan.Action;
import dev.berth.planner.plan.PlanBuilder;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import picocli.CommandLine.Command;

/**
 * {@code berth compose start [SERVICE...]}: the services' existing containers (and those of what they
 * depend on) started in dependency order, a service after its dependencies have started, are healthy
 * or have completed as its {@code depends_on} says. Creates nothing: a service without a container is
 * compose's error {@code service "web" has no container to start}.
 */
@Command(name = "start", description = "Start services.")
public final class ComposeStartCommand extends ServicesCommand {

    @Override
    public Integer call() throws Exception {
        ServiceSelection selection = selection();
        Set<String> scope = selection.withDependencies(services);
        ProjectContainers containers = containers();
        PlanBuilder plan = new PlanBuilder(loaded().name());
        Map<String, List<Integer>> starts = new HashMap<>();
        Map<String, Integer> waits = new HashMap<>();
        for (String s : selection.upOrder(scope)) {
            List<Container> own = containers.of(List.of(s), false);
            List<Integer> started = starts.computeIfAbsent(s, x -> new ArrayList<>());
            if (own.isEmpty()) {
                if (selection.replicas(s) == 0) continue;
                throw new IllegalStateException("service \"" + s + "\" has no container to start");
            }
            List<Container> stopped = own.stream().filter(c -> !ProjectContainers.up(c)).toList();
            if (stopped.isEmpty()) continue;
            List<Integer> after = new ArrayList<>();
            for (var dep : selection.dependencies(s)) {
                if (!scope.contains(dep.service())) continue;
                List<Integer> depStarts = starts.getOrDefault(dep.service(), List.of());
                if (dep.condition().equals("service_healthy") || dep.condition().equals("service_completed_successfully")) {
                    String key = dep.service() + " " + dep.condition() + " " + dep.required();
                    after.add(waits.computeIfAbsent(key, k -> plan.add(new Action.WaitFor(dep.service(), dep.condition(),
                            dep.required(), List.of(s)), "depends_on of " + s, depStarts)));
                } else {
                    after.addAll(depStarts);
                }
            }
            for (Container c : stopped) started.add(plan.add(new Action.StartContainer(s, c.name()), c.state().status(), after));
        }
        new PlanExecutor(engine(), stack().progress()).run(plan.build());
        return 0;
    }
}
