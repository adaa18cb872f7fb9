package dev.berth.cli.compose;

import dev.berth.engine.api.EngineClient;
import dev.berth.engine.api.LogOptions;
import dev.berth.engine.container.Container;
import java.io.IOException;
import java.io.PrintWriter;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;

/**
 * {@code up} without {@code -d}: the services' output, prefixed as {@code logs} prints it, until every
 * attached container has ended — or, with {@code --abort-on-container-exit}, until the first one ends,
 * when the others are stopped. Each ending is announced as compose does ({@code web-1 exited with code 0}).
 */
public final class AttachedLogs {

    /** What ended: the container and its exit code. */
    public record Exit(Container container, int code) {}

    private final EngineClient engine;
    private final PrintWriter out;
    private final boolean prefix;
    private final boolean color;

    public AttachedLogs(EngineClient engine, PrintWriter out, boolean prefix, boolean color) {
        this.engine = engine;
        this.out = out;
        this.prefix = prefix;
        this.color = color;
    }

    /**
     * Follows {@code containers}' output written since {@code since} (so a long-running container's old
     * lines are not repeated); returns the exits in the order they came — all of them, or with
     * {@code abortOnExit} the first (the rest stopped with {@code stopTimeout}).
     */
    public List<Exit> follow(List<Container> containers, Instant since, boolean abortOnExit, Integer stopTimeout)
            throws IOException, InterruptedException {
        List<Container> sorted = containers.stream().sorted(Comparator.comparing(Container::name)).toList();
        List<String> names = sorted.stream().map(ProjectContainers::nameWithoutProject).toList();
        LogPrinter printer = new LogPrinter(out, names, prefix, color);
        BlockingQueue<Exit> exits = new LinkedBlockingQueue<>();
        LogOptions options = new LogOptions(true, -1, since, null, true, true);
        List<Thread> threads = new ArrayList<>();
        for (int i = 0; i < sorted.size(); i++) {
            Container c = sorted.get(i);
            String name = names.get(i);
            threads.add(Thread.ofPlatform().name("attach " + name).daemon().start(() -> {
                int code = -1;
                try {
                    engine.logs(c.id(), options, entry -> printer.write(name, entry.log()));
                    printer.end(name);
                    code = engine.inspect(c.id()).state().exitCode();
                } catch (IOException | RuntimeException e) {
                    printer.end(name);
                }
                synchronized (out) {
                    out.println(name + " exited with code " + code);
                    out.flush();
                }
                exits.add(new Exit(c, code));
            }));
        }
        List<Exit> seen = new ArrayList<>();
        while (seen.size() < sorted.size()) {
            Exit e = exits.take();
            seen.add(e);
            if (abortOnExit) {
                synchronized (out) {
                    out.println("Aborting on container exit...");
                    out.flush();
                }
                stopAll(sorted, stopTimeout);
                break;
            }
        }
        return seen;
    }

    /** Stops the containers that still run (compose's "Stopping"), in parallel. */
    public void stopAll(List<Container> containers, Integer timeout) throws InterruptedException {
        List<Thread> stops = new ArrayList<>();
        for (Container c : containers) {
            stops.add(Thread.ofPlatform().start(() -> {
                try {
                    engine.stop(c.id(), timeout);
                } catch (IOException | RuntimeException gone) {
                    // removed or ended meanwhile: stopped enough
                }
            }));
        }
        for (Thread t : stops) t.join();
    }
}
