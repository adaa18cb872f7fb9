package dev.berth.planner.execute;

import dev.berth.engine.container.Container;
import dev.berth.engine.container.Health;
import dev.berth.planner.engine.ComposeLabels;
import dev.berth.planner.engine.StackEngine;
import dev.berth.planner.execute.ProgressEvent.Status;
import java.io.IOException;
import java.time.Duration;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * {@code up --wait}: until every container of the services runs — and is healthy where it has a
 * health check — as compose waits. A container that ended with 0 counts as done (a one-shot service);
 * one that ended otherwise, or turned unhealthy, fails the wait naming its service.
 */
public final class StackWait {

    private StackWait() {
    }

    public static void waitReady(StackEngine engine, String project, List<String> services, Duration timeout,
                                 ProgressListener listener) throws PlanFailedException {
        long deadline = timeout == null ? Long.MAX_VALUE : System.nanoTime() + timeout.toNanos();
        Set<String> reported = new LinkedHashSet<>();
        while (true) {
            List<Container> containers;
            try {
                containers = engine.containers().list(true, List.of(ComposeLabels.projectFilter(project)));
            } catch (IOException e) {
                throw new PlanFailedException(null, "waiting for the services: " + e.getMessage(), e);
            }
            boolean all = true;
            for (Container c : containers) {
                String service = c.config().labels().getOrDefault(ComposeLabels.SERVICE, "");
                if (!services.isEmpty() && !services.contains(service)) continue;
                if ("True".equals(c.config().labels().get(ComposeLabels.ONEOFF))) continue;
                String status = c.state().status();
                Health health = c.state().health();
                boolean checked = c.config().healthcheck() != null && c.config().healthcheck().active();
                if (status.equals("exited") || status.equals("dead")) {
                    if (c.state().exitCode() != 0) {
                        throw new PlanFailedException(service, "container " + c.name() + " exited (" + c.state().exitCode() + ")", null);
                    }
                    if (reported.add(c.name())) listener.onEvent(new ProgressEvent("Container " + c.name(), "Exited", Status.DONE));
                } else if (checked && health != null && Health.UNHEALTHY.equals(health.status())) {
                    throw new PlanFailedException(service, "container " + c.name() + " is unhealthy", null);
                } else if (status.equals("running") && (!checked || (health != null && Health.HEALTHY.equals(health.status())))) {
                    if (reported.add(c.name())) listener.onEvent(new ProgressEvent("Container " + c.name(), checked ? "Healthy" : "Running", Status.DONE));
                } else {
                    all = false;
                }
            }
            if (all) return;
            if (System.nanoTime() > deadline) {
                throw new PlanFailedException(null, "timeout waiting for the services to be running and healthy (--wait-timeout "
                        + timeout.toSeconds() + " s)", null);
            }
            try {
                Thread.sleep(100);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new PlanFailedException(null, "interrupted while waiting for the services", e);
            }
        }
    }
}
