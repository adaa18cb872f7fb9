package dev.berth.planner.execute;

import java.time.Duration;

/**
 * @param parallelism  how many steps run at once (a pool of platform threads)
 * @param pollInterval how often a wait for {@code service_healthy} looks at the containers again
 * @param waitTimeout  how long a wait for a dependency may take; null: as long as it takes (compose's default)
 */
public record ExecutorOptions(int parallelism, Duration pollInterval, Duration waitTimeout) {

    public ExecutorOptions {
        if (parallelism < 1) throw new IllegalArgumentException("parallelism must be at least 1, not " + parallelism);
        pollInterval = pollInterval == null ? Duration.ofMillis(50) : pollInterval;
    }

    public static ExecutorOptions defaults() {
        // an inspect costs berthd ~1 ms: polling at 50 ms adds little load and at most 50 ms to each wait;
        // steps mostly wait on berthd (a stop on the exit, a start on the shim): more threads than cores
        return new ExecutorOptions(Math.max(16, 8 * Runtime.getRuntime().availableProcessors()), Duration.ofMillis(50), null);
    }

    public ExecutorOptions withWaitTimeout(Duration timeout) {
        return new ExecutorOptions(parallelism, pollInterval, timeout);
    }

    public ExecutorOptions withParallelism(int n) {
        return new ExecutorOptions(n, pollInterval, waitTimeout);
    }
}
