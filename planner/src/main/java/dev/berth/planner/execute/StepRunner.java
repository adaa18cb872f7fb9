package dev.berth.planner.execute;

import dev.berth.engine.api.ContainerEngine;
import dev.berth.engine.api.WaitCondition;
import dev.berth.engine.api.WaitResult;
import dev.berth.engine.container.Container;
import dev.berth.engine.container.ContainerNotFoundException;
import dev.berth.engine.network.NetworkConflictException;
import dev.berth.engine.network.NetworkNotFoundException;
import dev.berth.planner.desired.DesiredNetwork;
import dev.berth.planner.desired.DesiredService.Dependency;
import dev.berth.planner.engine.ComposeLabels;
import dev.berth.planner.engine.StackEngine;
import dev.berth.planner.execute.ProgressEvent.Status;
import dev.berth.planner.plan.Action;
import java.io.IOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.BooleanSupplier;

/** Runs one action on the engine, telling the listener what it does. */
final class StepRunner {

    /** A step that failed, with the message the user sees. */
    static final class StepFailedException extends Exception {
        StepFailedException(String message, Throwable cause) {
            super(message, cause);
        }
    }

    private final StackEngine engine;
    private final String project;
    private final ExecutorOptions options;
    private final ProgressListener listener;
    private final BooleanSupplier cancelled;

    StepRunner(StackEngine engine, String project, ExecutorOptions options, ProgressListener listener, BooleanSupplier cancelled) {
        this.engine = engine;
        this.project = project;
        this.options = options;
        this.listener = listener;
        this.cancelled = cancelled;
    }

    void run(Action action) throws StepFailedException, InterruptedException {
        try {
            switch (action) {
                case Action.CreateNetwork a -> createNetwork(a);
                case Action.RemoveNetwork a -> removeNetwork(a);
                case Action.CreateVolume a -> {
                    event(a, "Creating", Status.WORKING);
                    containers().createVolume(a.volume().name(), a.volume().driverOpts(), a.labels());
                    event(a, "Created", Status.DONE);
                }
                case Action.RemoveVolume a -> {
                    event(a, "Removing", Status.WORKING);
                    containers().removeVolume(a.name(), true);
                    event(a, "Removed", Status.DONE);
                }
                case Action.CreateContainer a -> {
                    event(a, "Creating", Status.WORKING);
                    containers().create(a.request());
                    event(a, "Created", Status.DONE);
                }
                case Action.RecreateContainer a -> recreate(a);
                case Action.StartContainer a -> {
                    event(a, "Starting", Status.WORKING);
                    containers().start(a.name());
                    event(a, "Started", Status.DONE);
                }
                case Action.StopContainer a -> {
                    event(a, "Stopping", Status.WORKING);
                    stopIfPresent(a.id(), a.timeout());
                    event(a, "Stopped", Status.DONE);
                }
                case Action.RemoveContainer a -> {
                    event(a, "Removing", Status.WORKING);
                    removeIfPresent(a.id());
                    event(a, "Removed", Status.DONE);
                }
                case Action.WaitFor a -> waitFor(a);
            }
        } catch (IOException | RuntimeException e) {
            event(action, "Error", Status.ERROR);
            throw new StepFailedException(failure(action, e), e);
        }
    }

    private static String failure(Action action, Exception e) {
        String what = action.resource().substring(0, action.resource().indexOf(' ')).toLowerCase(java.util.Locale.ROOT);
        String name = action.resource().substring(action.resource().indexOf(' ') + 1);
        String message = e.getMessage() == null ? e.toString() : e.getMessage();
        String prefix = action.service().isEmpty() ? "" : "service \"" + action.service() + "\": ";
        if (action instanceof Action.WaitFor) return prefix + message;
        return prefix + "cannot " + action.verb() + " " + what + " " + name + ": " + message;
    }

    private ContainerEngine containers() {
        return engine.containers();
    }

    private void createNetwork(Action.CreateNetwork a) throws IOException {
        DesiredNetwork n = a.network();
        event(a, "Creating", Status.WORKING);
        try {
            engine.createNetwork(n.name(), n.driver(), blankToNull(n.subnet()), blankToNull(n.ipRange()), blankToNull(n.gateway()),
                    n.internal(), a.labels());
        } catch (NetworkConflictException e) {
            // made meanwhile (another up of the same project): what the plan wanted is there
            if (engine.networks().stream().noneMatch(x -> x.name().equals(n.name()))) throw e;
        }
        event(a, "Created", Status.DONE);
    }

    private void removeNetwork(Action.RemoveNetwork a) throws IOException {
        event(a, "Removing", Status.WORKING);
        try {
            engine.removeNetwork(a.name());
            event(a, "Removed", Status.DONE);
        } catch (NetworkNotFoundException gone) {
            event(a, "Removed", Status.DONE);
        } catch (NetworkConflictException inUse) {
            event(a, "Resource is still in use", Status.WARNING);
        }
    }

    /**
     * The old container stopped and removed, then the new one created under its name. (Compose creates
     * the new one under a temporary name first and renames it; berth's engine has no rename yet.)
     */
    /**
     * Compose's recreate: the new container is made first under a temporary name ({@code <old short ID>_<name>}),
     * so a create that fails (a bad mount, a missing image) leaves the old one running; then the old one is
     * stopped and removed and the new one takes the name.
     */
    private void recreate(Action.RecreateContainer a) throws IOException {
        event(a, "Recreate", Status.WORKING);
        String temporary = a.oldId().substring(0, Math.min(12, a.oldId().length())) + "_" + a.name();
        String id = containers().create(a.request().withName(temporary));
        stopIfPresent(a.oldId(), a.timeout());
        removeIfPresent(a.oldId());
        containers().rename(id, a.name());
        event(a, "Recreated", Status.DONE);
    }

    private void stopIfPresent(String id, Integer timeout) throws IOException {
        try {
            containers().stop(id, timeout);
        } catch (ContainerNotFoundException gone) {
            // removed meanwhile: stopped enough
        }
    }

    private void removeIfPresent(String id) throws IOException {
        try {
            containers().remove(id, true);
        } catch (ContainerNotFoundException gone) {
            // removed meanwhile
        }
    }

    // --- depends_on conditions -----------------------------------------------------------------

    private void waitFor(Action.WaitFor a) throws IOException, StepFailedException, InterruptedException {
        List<Container> dependencies = containers().list(true, List.of(ComposeLabels.projectFilter(project),
                "label=" + ComposeLabels.SERVICE + "=" + a.service())).stream()
                .filter(c -> !"True".equalsIgnoreCase(c.config().labels().get(ComposeLabels.ONEOFF))).toList();
        String dependents = String.join(", ", a.dependents());
        if (dependencies.isEmpty()) {
            String message = dependents + " is missing dependency " + a.service();
            if (a.required()) throw new StepFailedException(message, null);
            listener.onEvent(new ProgressEvent(a.resource(), message, Status.WARNING));
            return;
        }
        for (Container c : dependencies) listener.onEvent(new ProgressEvent("Container " + c.name(), "Waiting", Status.WORKING));
        Instant deadline = options.waitTimeout() == null ? null : Instant.now().plus(options.waitTimeout());
        String failure = a.condition().equals(Dependency.COMPLETED) ? awaitCompleted(dependencies, deadline)
                : awaitHealthy(dependencies, deadline);
        if (failure == null) {
            String done = a.condition().equals(Dependency.COMPLETED) ? "Exited" : "Healthy";
            for (Container c : dependencies) listener.onEvent(new ProgressEvent("Container " + c.name(), done, Status.DONE));
            return;
        }
        String message = a.condition().equals(Dependency.COMPLETED)
                ? "service \"" + a.service() + "\" didn't complete successfully: " + failure
                : "dependency failed to start: " + failure;
        if (!a.required()) {
            for (Container c : dependencies) {
                listener.onEvent(new ProgressEvent("Container " + c.name(), "optional dependency " + a.service() + ": " + failure,
                        Status.WARNING));
            }
            return;
        }
        for (Container c : dependencies) listener.onEvent(new ProgressEvent("Container " + c.name(), message, Status.ERROR));
        throw new StepFailedException(message, null);
    }

    /** Null when all are healthy; else why not. */
    private String awaitHealthy(List<Container> dependencies, Instant deadline) throws IOException, InterruptedException {
        while (true) {
            boolean all = true;
            for (Container c : dependencies) {
                Container now;
                try {
                    now = containers().inspect(c.id());
                } catch (ContainerNotFoundException removed) {
                    continue; // scaled down or removed by hand meanwhile: no longer one to wait for
                }
                Conditions.Verdict v = Conditions.healthy(now);
                if (v.state() == Conditions.State.FAILED) return v.reason();
                if (v.state() == Conditions.State.WAITING) all = false;
            }
            if (all) return null;
            checkDeadline(deadline, dependencies);
            Thread.sleep(options.pollInterval());
        }
    }

    /** Null when all have ended with 0; else the first failure ("exit 3"). */
    private String awaitCompleted(List<Container> dependencies, Instant deadline) throws IOException, InterruptedException {
        List<CompletableFuture<WaitResult>> ends = new ArrayList<>();
        for (Container c : dependencies) ends.add(containers().waitAsync(c.id(), WaitCondition.NOT_RUNNING));
        for (int i = 0; i < ends.size(); i++) {
            while (true) {
                try {
                    ends.get(i).get(options.pollInterval().toMillis(), TimeUnit.MILLISECONDS);
                    break;
                } catch (TimeoutException notYet) {
                    checkDeadline(deadline, dependencies);
                } catch (ExecutionException e) {
                    if (e.getCause() instanceof IOException io) throw io;
                    throw new IOException(e.getCause());
                }
            }
            Conditions.Verdict v = Conditions.completed(containers().inspect(dependencies.get(i).id()));
            if (v.state() == Conditions.State.FAILED) return v.reason();
        }
        return null;
    }

    private void checkDeadline(Instant deadline, List<Container> dependencies) throws IOException, InterruptedException {
        if (cancelled.getAsBoolean()) throw new InterruptedException("the plan has failed: no more waiting");
        if (deadline != null && Instant.now().isAfter(deadline)) {
            throw new IOException("timeout waiting for dependencies: " + String.join(", ", dependencies.stream().map(Container::name).toList())
                    + " not ready after " + options.waitTimeout().toSeconds() + " s");
        }
    }

    private void event(Action a, String text, Status status) {
        listener.onEvent(new ProgressEvent(a.resource(), text, status));
    }

    private static String blankToNull(String s) {
        return s == null || s.isEmpty() ? null : s;
    }
}
