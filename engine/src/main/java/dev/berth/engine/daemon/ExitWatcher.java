package dev.berth.engine.daemon;

import dev.berth.engine.runtime.ContainerRuntime;
import java.io.IOException;
import java.nio.file.ClosedWatchServiceException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardWatchEventKinds;
import java.nio.file.WatchEvent;
import java.nio.file.WatchKey;
import java.nio.file.WatchService;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;

/**
 * Tells berthd when a container has ended. The container's berth-shim is not berthd's child (it
 * outlives berthd), so there is no SIGCHLD: the shim's atomic write of {@code exit.json} shows as
 * a create event in the container's directory (inotify, through the JDK's WatchService). A sweep
 * every second catches a shim that died without writing it.
 */
final class ExitWatcher implements AutoCloseable {

    private static final String EXIT_FILE = "exit.json";

    private final WatchService watcher;
    private final Map<WatchKey, String> keys = new ConcurrentHashMap<>();
    private final Map<String, Path> watched = new ConcurrentHashMap<>();
    private final Consumer<String> onExit;
    private final Thread events;
    private final Thread sweep;
    private volatile boolean closed;

    ExitWatcher(Consumer<String> onExit) throws IOException {
        this.watcher = FileSystems.getDefault().newWatchService();
        this.onExit = onExit;
        this.events = Thread.ofPlatform().name("berthd-exits").daemon().start(this::events);
        this.sweep = Thread.ofPlatform().name("berthd-exit-sweep").daemon().start(this::sweep);
    }

    /** Watches a container's directory; reports at once if it has already ended. */
    void watch(String id, Path dir) throws IOException {
        WatchKey key = dir.register(watcher, StandardWatchEventKinds.ENTRY_CREATE);
        keys.put(key, id);
        watched.put(id, dir);
        if (Files.exists(dir.resolve(EXIT_FILE))) onExit.accept(id);
    }

    void unwatch(String id) {
        Path dir = watched.remove(id);
        if (dir == null) return;
        keys.entrySet().removeIf(e -> {
            if (!e.getValue().equals(id)) return false;
            e.getKey().cancel();
            return true;
        });
    }

    private void events() {
        while (!closed) {
            WatchKey key;
            try {
                key = watcher.take();
            } catch (InterruptedException | ClosedWatchServiceException e) {
                return;
            }
            String id = keys.get(key);
            boolean ended = false;
            for (WatchEvent<?> event : key.pollEvents()) {
                if (event.context() instanceof Path p && p.toString().equals(EXIT_FILE)) ended = true;
            }
            key.reset();
            if (id != null && ended) report(id);
        }
    }

    private void sweep() {
        while (!closed) {
            try {
                Thread.sleep(1000);
            } catch (InterruptedException e) {
                return;
            }
            for (var e : watched.entrySet()) {
                try {
                    if (Files.exists(e.getValue().resolve(EXIT_FILE)) || !ContainerRuntime.monitorAlive(e.getValue())) report(e.getKey());
                } catch (IOException | RuntimeException ignored) {
                    // the directory went with its container
                }
            }
        }
    }

    private void report(String id) {
        try {
            onExit.accept(id);
        } catch (RuntimeException e) {
            System.err.println("berthd: handling the exit of " + id + ": " + e);
        }
    }

    @Override
    public void close() throws IOException {
        closed = true;
        watcher.close();
        sweep.interrupt();
    }
}
