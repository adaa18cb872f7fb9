package dev.berth.planner.execute;

import dev.berth.engine.container.Container;
import dev.berth.engine.container.Health;

/** Where a dependency's container is with respect to a {@code depends_on} condition, as compose reads inspect. */
final class Conditions {

    private Conditions() {
    }

    enum State { WAITING, MET, FAILED }

    /** {@code reason}: why it failed, naming the container. */
    record Verdict(State state, String reason) {
        static final Verdict WAITING = new Verdict(State.WAITING, "");
        static final Verdict MET = new Verdict(State.MET, "");

        static Verdict failed(String reason) {
            return new Verdict(State.FAILED, reason);
        }
    }

    /** {@code service_healthy}: its health check passes; exited, unhealthy or without a health check is a failure. */
    static Verdict healthy(Container c) {
        String status = c.state().status();
        if (status.equals("exited") || status.equals("dead")) {
            return Verdict.failed("container " + c.name() + " exited (" + c.state().exitCode() + ")");
        }
        Health health = c.state().health();
        if (health == null) {
            // a check berthd has not begun to report yet is "starting"; no check at all can never become healthy
            boolean hasCheck = c.config().healthcheck() != null && c.config().healthcheck().active();
            if (hasCheck) return Verdict.WAITING;
            return Verdict.failed("container " + c.name() + " has no healthcheck configured");
        }
        return switch (health.status()) {
            case Health.HEALTHY -> Verdict.MET;
            case Health.UNHEALTHY -> Verdict.failed("container " + c.name() + " is unhealthy");
            case Health.STARTING -> Verdict.WAITING;
            default -> Verdict.failed("container " + c.name() + " had unexpected health status \"" + health.status() + "\"");
        };
    }

    /** {@code service_completed_successfully}: it has ended with exit code 0. */
    static Verdict completed(Container c) {
        String status = c.state().status();
        if (!status.equals("exited") && !status.equals("dead")) return Verdict.WAITING;
        return c.state().exitCode() == 0 ? Verdict.MET : Verdict.failed("exit " + c.state().exitCode());
    }
}
