package dev.berth.engine.container;

import java.time.Instant;

/**
 * Where a container is in its life, in Docker's terms: {@code created}, {@code running},
 * {@code paused}, {@code restarting}, {@code exited}, {@code dead}.
 *
 * @param stoppedByUser Docker's HasBeenManuallyStopped: ended by {@code stop}/{@code kill}, so its
 *                      restart policy does not start it again (until it is started by hand)
 * @param health        Docker's State.Health while a container with a health check runs; null otherwise
 */
public record ContainerState(String status, long pid, int exitCode, boolean oomKilled, String error,
                             Instant startedAt, Instant finishedAt, boolean stoppedByUser, Health health) {

    public ContainerState {
        error = error == null ? "" : error;
    }

    public static ContainerState created() {
        return new ContainerState("created", 0, 0, false, "", null, null, false, null);
    }

    /** Has a live process: running, paused, or (between two runs) restarting. */
    public boolean running() {
        return status.equals("running") || status.equals("paused");
    }

    public boolean paused() {
        return status.equals("paused");
    }

    public boolean restarting() {
        return status.equals("restarting");
    }

    public ContainerState started(long newPid, Instant at) {
        return new ContainerState("running", newPid, 0, false, "", at, null, false, null);
    }

    public ContainerState exited(int code, boolean oom, String why, Instant at) {
        return new ContainerState("exited", 0, code, oom, why, startedAt, at, stoppedByUser, health);
    }

    public ContainerState withStatus(String newStatus) {
        return new ContainerState(newStatus, pid, exitCode, oomKilled, error, startedAt, finishedAt, stoppedByUser, health);
    }

    public ContainerState withStoppedByUser(boolean stopped) {
        return new ContainerState(status, pid, exitCode, oomKilled, error, startedAt, finishedAt, stopped, health);
    }

    public ContainerState withHealth(Health h) {
        return new ContainerState(status, pid, exitCode, oomKilled, error, startedAt, finishedAt, stoppedByUser, h);
    }
}
