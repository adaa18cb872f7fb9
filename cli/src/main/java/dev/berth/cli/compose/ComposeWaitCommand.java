package dev.berth.cli.compose;

import dev.berth.cli.compose.ProjectContainers.OneOff;
import dev.berth.compose.ComposeException;
import dev.berth.engine.api.EngineClient;
import dev.berth.engine.api.WaitCondition;
import dev.berth.engine.api.WaitResult;
import dev.berth.engine.container.Container;
import dev.berth.planner.DownOptions;
import dev.berth.planner.Planner;
import dev.berth.planner.desired.DesiredState;
import dev.berth.planner.execute.PlanExecutor;
import dev.berth.planner.plan.Plan;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code docker compose wait SERVICE...}: waits until every running container of the services has
 * stopped, printing {@code container "ID" exited with status code N} as each does, and exits with the
 * code of the last one; {@code --down-project} then takes the project down (orphans too), as compose does.
 */
@Command(name = "wait", description = "Block until containers of all (or specified) services stop.")
public final class ComposeWaitCommand extends StackCommand implements Callable<Integer> {

    @Option(names = "--down-project", description = "Drops project when the first container stops.")
    private boolean downProject;

    @Parameters(paramLabel = "SERVICE", arity = "1..*", description = "Services to wait for.")
    private List<String> services = new ArrayList<>();

    @Override
    public Integer call() throws Exception {
        ProjectScope scope = ProjectScope.orName(berth(), berth().loadOptions(), List.of());
        StackSession session = session();
        EngineClient engine = session.client();
        List<Container> containers = ProjectContainers.list(engine, scope.name(), OneOff.INCLUDE, false, services);
        if (containers.isEmpty()) throw new ComposeException("no containers for project \"" + scope.name() + "\"");
        List<CompletableFuture<Void>> waits = new ArrayList<>();
        int[] last = {0};
        for (Container c : containers) {
            waits.add(engine.waitAsync(c.id(), WaitCondition.NOT_RUNNING).thenAccept((WaitResult r) -> {
                synchronized (last) {
                    out().println("container \"" + c.id() + "\" exited with status code " + r.statusCode());
                    out().flush();
                    last[0] = r.statusCode();
                }
            }));
        }
        try {
            CompletableFuture.allOf(waits.toArray(CompletableFuture[]::new)).join();
        } catch (java.util.concurrent.CompletionException e) {
            // the engine's own error (a container removed while waited for, berthd gone) as the message
            if (e.getCause() instanceof Exception cause) throw cause;
            throw e;
        }
        if (downProject) {
            DesiredState desired = scope.project() == null ? null : session.desired(scope.project(), session.options());
            var stack = session.engine();
            Plan plan = Planner.down(stack, scope.name(), desired, new DownOptions(false, true, null));
            new PlanExecutor(stack, session.progress()).run(plan);
        }
        synchronized (last) {
            return last[0];
        }
    }
}
