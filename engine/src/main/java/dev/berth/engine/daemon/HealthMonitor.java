package dev.berth.engine.daemon;

import dev.berth.engine.api.ExecHandle;
import dev.berth.engine.api.ExecRequest;
import dev.berth.engine.container.Container;
import dev.berth.engine.container.ContainerConflictException;
import dev.berth.engine.container.ContainerNotFoundException;
import dev.berth.engine.container.Health;
import dev.berth.engine.container.Healthcheck;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.UnaryOperator;
import java.util.stream.Stream;

/**
 * berthd's health checks, as Docker's daemon runs them (moby's daemon/health.go): while a container
 * with an active check runs, its test runs inside it like {@code exec} (CMD: the arguments as given;
 * CMD-SHELL: {@code /bin/sh -c}; the container's env, user and working directory), first after the
 * start interval (in the start period, while starting) or the interval, then that long after each
 * probe ends. A probe that outlasts the timeout is killed (exit code -1). The results go into the
 * container's State.Health through the engine, under the container's lock; a result that arrives
 * after the monitoring has ended (the container stopped) is dropped.
 *
 * <p>Cheap by design: one timer thread for all containers; a probe runs on a pooled thread only
 * while its process runs.
 */
final class HealthMonitor implements AutoCloseable {

    /** Docker keeps this much of a probe's output (stdout and stderr together); more is cut, with "...". */
    static final int MAX_OUTPUT = 4096;
    /** Docker's MinimumDuration: shorter non-zero durations of a check are refused at create. */
    static final Duration MINIMUM_DURATION = Duration.ofMillis(1);
    /** How berth-shim exec reports an exec it could not start (125-127): not the probe's own output. */
    private static final String SHIM_FAILURE = "berth-shim exec: ";

    /** What the monitor needs of the engine. */
    interface Containers {
        /** An exec prepared in the running container (refused with ContainerConflictException when not running or paused). */
        ExecHandle createExec(String id, ExecRequest request) throws IOException;

        /** The record changed under the container's lock; {@code change} returns its argument: nothing to store. */
        Container update(String id, UnaryOperator<Container> change) throws IOException;
    }

    private final Containers containers;
    private final ScheduledExecutorService timers = Executors.newSingleThreadScheduledExecutor(
            r -> Thread.ofPlatform().name("berthd-health").daemon().unstarted(r));
    private final ExecutorService probes = Executors.newCachedThreadPool(
            r -> Thread.ofPlatform().name("berthd-health-probe").daemon().unstarted(r));
    private final Map<String, Run> runs = new ConcurrentHashMap<>();

    HealthMonitor(Containers containers) {
        this.containers = containers;
    }

    /** The monitoring of one run of a container: ends with it (or with berthd). */
    private static final class Run {
        final String id;
        final Healthcheck check;
        final Instant startedAt;
        volatile String status = Health.STARTING;
        volatile boolean ended;
        ScheduledFuture<?> next;
        Process probe;

        Run(String id, Healthcheck check, Instant startedAt) {
            this.id = id;
            this.check = check;
            this.startedAt = startedAt;
        }

        synchronized void end() {
            ended = true;
            if (next != null) next.cancel(false);
            if (probe != null) kill(probe);
        }
    }

    /** Docker's checks of a create's Healthcheck: durations 0 (the default) or at least 1 ms, retries not negative. */
    static void validate(Healthcheck h) {
        if (h == null) return;
        tooShort("Interval", h.interval());
        tooShort("Timeout", h.timeout());
        if (h.retries() < 0) throw new IllegalArgumentException("Retries in Healthcheck cannot be negative");
        tooShort("StartPeriod", h.startPeriod());
        tooShort("StartInterval", h.startInterval());
    }

    private static void tooShort(String field, long nanos) {
        if (nanos != 0 && nanos < MINIMUM_DURATION.toNanos()) {
            throw new IllegalArgumentException(field + " in Healthcheck cannot be less than " + goDuration(MINIMUM_DURATION));
        }
    }

    /**
     * A container has started (or berthd has re-adopted it running): its health is {@code starting}
     * with a failing streak of 0 (the earlier run's probes kept in the log, as Docker keeps them) and
     * its first probe is scheduled. A container without an active check is returned as it is.
     *
     * @param previous its health before this start (the record's start drops it); null: none
     */
    Container begin(Container c, Health previous) throws IOException {
        end(c.id());
        Healthcheck check = c.config().healthcheck();
        if (command(check).isEmpty() || c.state().startedAt() == null) return c;
        Health starting = previous == null ? Health.starting() : new Health(Health.STARTING, 0, previous.log());
        Container updated = containers.update(c.id(), x -> x.withState(x.state().withHealth(starting)));
        Run run = new Run(c.id(), check, updated.state().startedAt());
        runs.put(c.id(), run);
        schedule(run);
        return updated;
    }

    /** The container has ended or gone: no probe after this one (a running probe is killed, its result dropped). */
    void end(String id) {
        Run run = runs.remove(id);
        if (run != null) run.end();
    }

    /** Whether a container's health is being monitored (for tests). */
    boolean monitoring(String id) {
        return runs.containsKey(id);
    }

    /** The process a check runs: CMD's arguments, or CMD-SHELL's through {@code /bin/sh -c}; empty: nothing to run. */
    static List<String> command(Healthcheck check) {
        if (check == null || !check.active()) return List.of();
        List<String> rest = check.test().subList(1, check.test().size());
        return switch (check.test().getFirst()) {
            case "CMD" -> rest.isEmpty() ? List.of() : List.copyOf(rest);
            case "CMD-SHELL" -> {
                List<String> shell = new ArrayList<>(List.of("/bin/sh", "-c"));
                shell.addAll(rest);
                yield shell;
            }
            default -> List.of(); // Docker: an unknown type runs no check
        };
    }

    /**
     * How long until the next probe: the interval; during the start period, while still starting, the
     * start interval; either at most what is left of the start period (so the first probe after it is
     * not late).
     */
    static Duration delay(Healthcheck check, Instant startedAt, Instant now, String status) {
        Duration interval = check.effectiveInterval();
        Duration left = Duration.ofNanos(Math.max(0, check.startPeriod())).minus(Duration.between(startedAt, now));
        if (left.isNegative() || left.isZero()) return interval;
        Duration base = status.equals(Health.STARTING) ? check.effectiveStartInterval() : interval;
        return base.compareTo(left) <= 0 ? base : left;
    }

    /**
     * Docker's handleProbeResult: the probe joins the log (the last five kept); a pass makes it healthy
     * with a streak of 0; a failure adds to the streak, {@code retries} in a row make it unhealthy — but
     * while it is still starting, a failure that began within the start period does not count.
     */
    static Health next(Health h, Health.Probe probe, Healthcheck check, Instant startedAt) {
        List<Health.Probe> log = new ArrayList<>(h.log());
        log.add(probe);
        while (log.size() > Health.LOG_ENTRIES) log.removeFirst();
        if (probe.exitCode() == 0) return new Health(Health.HEALTHY, 0, log);
        boolean inStartPeriod = Duration.between(startedAt, probe.start()).compareTo(Duration.ofNanos(Math.max(0, check.startPeriod()))) < 0;
        if (h.status().equals(Health.STARTING) && inStartPeriod) return new Health(h.status(), h.failingStreak(), log);
        int streak = h.failingStreak() + 1;
        return new Health(streak >= check.effectiveRetries() ? Health.UNHEALTHY : h.status(), streak, log);
    }

    private void schedule(Run run) {
        synchronized (run) {
            if (run.ended) return;
            Duration d = delay(run.check, run.startedAt, Instant.now(), run.status);
            try {
                run.next = timers.schedule(() -> probes.execute(() -> probeAndReschedule(run)), d.toNanos(), TimeUnit.NANOSECONDS);
            } catch (RejectedExecutionException closed) {
                // berthd is stopping
            }
        }
    }

    private void probeAndReschedule(Run run) {
        if (run.ended) return;
        try {
            Health.Probe result = probe(run);
            if (result != null) record(run, result);
        } catch (IOException | RuntimeException e) {
            System.err.println("berthd: health check of " + run.id + ": " + e.getMessage());
        }
        schedule(run);
    }

    /** One run of the test; null when there is nothing to record (the container is paused or ending). */
    private Health.Probe probe(Run run) throws IOException {
        Instant start = Instant.now();
        ExecHandle exec;
        try {
            exec = containers.createExec(run.id, new ExecRequest(command(run.check), List.of(), "", "", false, false));
        } catch (ContainerConflictException | ContainerNotFoundException notRunning) {
            return null; // paused (Docker pauses its checks too), or ending: its end ends this monitoring
        } catch (IOException | RuntimeException e) {
            return new Health.Probe(start, Instant.now(), -1, e.getMessage()); // as Docker records an exec it could not make
        }
        Path output = exec.bundle().resolve("output");
        try {
            Process p;
            synchronized (run) {
                if (run.ended) return null;
                p = new ProcessBuilder(exec.shim().toString(), "exec", exec.bundle().toString())
                        .redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null")))
                        .redirectErrorStream(true)
                        .redirectOutput(output.toFile()) // a file: a probe's background child cannot hold us on a pipe
                        .start();
                run.probe = p;
            }
            Duration timeout = run.check.effectiveTimeout();
            boolean done = p.waitFor(timeout.toNanos(), TimeUnit.NANOSECONDS);
            if (!done) {
                kill(p);
                p.waitFor();
                String out = read(output);
                return new Health.Probe(start, Instant.now(), -1, "Health check exceeded timeout (" + goDuration(timeout) + ")"
                        + (out.isEmpty() ? "" : ": " + out));
            }
            String out = read(output);
            int code = p.exitValue();
            if (code >= 125 && code <= 127 && out.startsWith(SHIM_FAILURE)) {
                return new Health.Probe(start, Instant.now(), -1, out.substring(SHIM_FAILURE.length()).strip());
            }
            return new Health.Probe(start, Instant.now(), code, out);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return null; // berthd is stopping
        } finally {
            synchronized (run) {
                run.probe = null;
            }
            deleteTree(exec.bundle());
        }
    }

    private void record(Run run, Health.Probe result) throws IOException {
        try {
            containers.update(run.id, c -> {
                // under the container's lock: a monitoring ended meanwhile (stop, restart) records nothing
                if (run.ended || runs.get(run.id) != run || c.state().health() == null) return c;
                Health next = next(c.state().health(), result, run.check, run.startedAt);
                run.status = next.status();
                return c.withState(c.state().withHealth(next));
            });
        } catch (ContainerNotFoundException gone) {
            end(run.id);
        }
    }

    /** The probe and what it started inside the container (a shell's children too), with SIGKILL. */
    private static void kill(Process p) {
        p.descendants().forEach(ProcessHandle::destroyForcibly);
        p.destroyForcibly();
    }

    /** The first {@link #MAX_OUTPUT} bytes of the output, with "..." when there was more (Docker's limitedBuffer). */
    static String read(Path output) throws IOException {
        if (!Files.exists(output)) return "";
        try (InputStream in = Files.newInputStream(output)) {
            byte[] head = in.readNBytes(MAX_OUTPUT + 1);
            if (head.length <= MAX_OUTPUT) return new String(head, StandardCharsets.UTF_8);
            return new String(head, 0, MAX_OUTPUT, StandardCharsets.UTF_8) + "...";
        }
    }

    private static void deleteTree(Path dir) {
        try (Stream<Path> walk = Files.walk(dir)) {
            for (Path p : walk.sorted(Comparator.reverseOrder()).toList()) Files.deleteIfExists(p);
        } catch (IOException gone) {
            // the container's directory went with it
        }
    }

    /** Go's {@code time.Duration.String()}, as Docker's messages print durations: {@code 300ms}, {@code 1.5s}, {@code 1m30s}. */
    static String goDuration(Duration d) {
        long n = d.toNanos();
        if (n == 0) return "0s";
        String sign = n < 0 ? "-" : "";
        n = Math.abs(n);
        if (n < 1_000) return sign + n + "ns";
        if (n < 1_000_000) return sign + fraction(n, 3) + "µs";
        if (n < 1_000_000_000) return sign + fraction(n, 6) + "ms";
        long h = n / 3_600_000_000_000L;
        long m = n / 60_000_000_000L % 60;
        StringBuilder s = new StringBuilder(sign);
        if (h > 0) s.append(h).append('h');
        if (h > 0 || m > 0) s.append(m).append('m');
        return s.append(fraction(n % 60_000_000_000L, 9)).append('s').toString();
    }

    private static String fraction(long v, int digits) {
        long pow = (long) Math.pow(10, digits);
        long frac = v % pow;
        if (frac == 0) return Long.toString(v / pow);
        return v / pow + "." + String.format("%0" + digits + "d", frac).replaceAll("0+$", "");
    }

    /** berthd is stopping: no more probes; running ones are killed (the containers keep running). */
    @Override
    public void close() {
        for (String id : List.copyOf(runs.keySet())) end(id);
        timers.shutdownNow();
        probes.shutdownNow();
    }
}
