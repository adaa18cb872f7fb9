package dev.berth.engine.container;

import java.time.Instant;

/**
 * Where a container is in its life, in Docker's terms: {@code created}, {@code running},
 * {@code paused}, {@code restarting}, {@code exited}, {@code dead}.
 */
public record ContainerState(String status, long pid, int exitCode, boolean oomKilled, String error,
                             Instant startedAt, Instant finishedAt) {

    public static ContainerState created() {
        return new ContainerState("created", 0, 0, false, "", null, null);
    }

    public boolean running() {
        return status.equals("running") || status.equals("paused") || status.equals("restarting");
    }

    public boolean paused() {
        return status.equals("paused");
    }

    public ContainerState started(long newPid, Instant at) {
        return new ContainerState("running", newPid, 0, false, "", at, null);
    }

    public ContainerState exited(int code, boolean oom, Instant at) {
        return new ContainerState("exited", 0, code, oom, error, startedAt, at);
    }

    public ContainerState withStatus(String newStatus) {
        return new ContainerState(newStatus, pid, exitCode, oomKilled, error, startedAt, finishedAt);
    }
}
