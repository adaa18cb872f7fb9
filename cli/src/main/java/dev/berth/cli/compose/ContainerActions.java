package dev.berth.cli.compose;

import dev.berth.engine.container.Container;
import dev.berth.planner.execute.ProgressEvent;
import dev.berth.planner.execute.ProgressEvent.Status;
import dev.berth.planner.execute.ProgressListener;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * One engine call per container, all at once (compose's errgroup), with compose's progress lines:
 * {@code Container proj-web-1  Killing}, then {@code Killed}, or {@code Error} when the call fails.
 * Every call is made; the first failure is thrown once all have ended.
 */
final class ContainerActions {

    @FunctionalInterface
    interface Call {
        void on(Container c) throws IOException;
    }

    private ContainerActions() {
    }

    /** {@code working}: the line before the call (null: none, as compose's pause); {@code done}: the line after it. */
    static void each(List<Container> containers, ProgressListener progress, String working, String done, Call call)
            throws IOException {
        List<Future<?>> running = new ArrayList<>();
        try (ExecutorService pool = Executors.newVirtualThreadPerTaskExecutor()) {
            for (Container c : containers) {
                running.add(pool.submit(() -> {
                    String resource = "Container " + c.name();
                    if (working != null) progress.onEvent(new ProgressEvent(resource, working, Status.WORKING));
                    try {
                        call.on(c);
                    } catch (IOException | RuntimeException e) {
                        progress.onEvent(new ProgressEvent(resource, "Error", Status.ERROR));
                        throw e;
                    }
                    progress.onEvent(new ProgressEvent(resource, done, Status.DONE));
                    return null;
                }));
            }
        }
        for (Future<?> f : running) {
            try {
                f.get();
            } catch (java.util.concurrent.ExecutionException e) {
                if (e.getCause() instanceof IOException io) throw io;
                if (e.getCause() instanceof RuntimeException r) throw r;
                throw new IOException(e.getCause());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IOException("interrupted", e);
            }
        }
    }
}
