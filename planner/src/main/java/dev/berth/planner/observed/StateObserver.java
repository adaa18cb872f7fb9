package dev.berth.planner.observed;

import dev.berth.engine.container.Container;
import dev.berth.planner.engine.ComposeLabels;
import dev.berth.planner.engine.StackEngine;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/** Reads a project's observed state from the engine: one list of containers (stopped ones too), networks, volumes. */
public final class StateObserver {

    private StateObserver() {
    }

    /** {@code withVolumes}: read the engine's volumes too (a plan that creates or removes volumes needs them). */
    public static ObservedState observe(StackEngine engine, String project, boolean withVolumes) throws IOException {
        // the three lists are independent round trips to berthd: asked at once, on platform threads (a
        // virtual thread's I/O poller held a command's JVM exit back once)
        var networksLater = java.util.concurrent.CompletableFuture.supplyAsync(() -> call(engine::networks), PLATFORM);
        var volumesLater = withVolumes
                ? java.util.concurrent.CompletableFuture.supplyAsync(() -> call(() -> engine.containers().volumes(List.of())), PLATFORM)
                : java.util.concurrent.CompletableFuture.completedFuture(List.<dev.berth.engine.volume.Volume>of());
        List<ObservedContainer> services = new ArrayList<>();
        List<ObservedContainer> oneOffs = new ArrayList<>();
        for (Container c : engine.containers().list(true, List.of(ComposeLabels.projectFilter(project)))) {
            ObservedContainer o = ObservedContainer.of(c);
            (o.oneOff() ? oneOffs : services).add(o);
        }
        List<ObservedNetwork> networks = join(networksLater).stream()
                .map(n -> new ObservedNetwork(n.id(), n.name(), n.labels())).toList();
        List<ObservedVolume> volumes = join(volumesLater).stream().map(v -> new ObservedVolume(v.name(), v.labels())).toList();
        return new ObservedState(project, services, oneOffs, networks, volumes);
    }

    private static final java.util.concurrent.Executor PLATFORM = r -> Thread.ofPlatform().daemon().start(r);

    private interface IoCall<T> {
        T get() throws IOException;
    }

    private static <T> T call(IoCall<T> c) {
        try {
            return c.get();
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    private static <T> T join(java.util.concurrent.CompletableFuture<T> f) throws IOException {
        try {
            return f.join();
        } catch (java.util.concurrent.CompletionException e) {
            if (e.getCause() instanceof java.io.UncheckedIOException u) throw u.getCause();
            if (e.getCause() instanceof RuntimeException r) throw r;
            throw new IOException(e.getCause());
        }
    }
}
