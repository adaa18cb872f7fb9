package dev.berth.engine.api;

import dev.berth.engine.EngineRoots;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Finds berthd on {@code BERTH_RUN/berthd.sock}, and starts it when none answers — the CLI does
 * this on first use, as the issue asks (there is no systemd here). berthd runs from the same
 * classpath and JDK as the caller, in its own session (a Ctrl-C in the terminal does not reach
 * it), with its output in {@code BERTH_RUN/berthd.log}.
 */
public final class BerthdLauncher {

    public static final String MAIN_CLASS = "dev.berth.engine.daemon.Berthd";
    private static final Duration START_TIMEOUT = Duration.ofSeconds(20);

    private BerthdLauncher() {
    }

    public static Path socket(EngineRoots roots) {
        return roots.run().resolve("berthd.sock");
    }

    /** A client of the running berthd, started first if needed; {@code env} is what berthd gets (BERTH_*). */
    public static EngineClient connect(EngineRoots roots, Map<String, String> env, String version) throws IOException {
        Path socket = socket(roots);
        if (answers(socket)) return new EngineClient(socket);
        // one starter at a time, across processes (a file lock) and threads (the JVM's own lock): two
        // commands at once must not both start a berthd (the second fails on berthd's lock) nor copy its jar
        synchronized (BerthdLauncher.class) {
            Files.createDirectories(roots.run());
            try (var channel = java.nio.channels.FileChannel.open(roots.run().resolve("berthd.start.lock"),
                    java.nio.file.StandardOpenOption.CREATE, java.nio.file.StandardOpenOption.WRITE);
                 var lock = channel.lock()) {
                if (!answers(socket)) start(roots, env, version);
            }
        }
        return new EngineClient(socket);
    }

    /** Whether a berthd answers on the socket. */
    public static boolean answers(Path socket) {
        if (!Files.exists(socket)) return false;
        try {
            return new UnixHttpClient(socket).get("/_ping").status() == 200;
        } catch (IOException | EngineUnavailableException e) {
            return false;
        }
    }

    private static void start(EngineRoots roots, Map<String, String> env, String version) throws IOException {
        Files.createDirectories(roots.run());
        awaitExitOfStopping(roots);
        Path log = roots.run().resolve("berthd.log");
        String java = ProcessHandle.current().info().command().orElse(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        List<String> command = new java.util.ArrayList<>();
        if (Files.isExecutable(Path.of("/usr/bin/setsid"))) command.add("/usr/bin/setsid");
        command.addAll(List.of(java, "--enable-native-access=ALL-UNNAMED", "-XX:+UseSerialGC", "-Xss512k",
                "-XX:+IgnoreUnrecognizedVMOptions", "--sun-misc-unsafe-memory-access=allow",
                "-cp", classpath(roots), MAIN_CLASS, version));
        ProcessBuilder pb = new ProcessBuilder(command)
                .redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null")))
                .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()))
                .redirectErrorStream(true);
        Map<String, String> childEnv = pb.environment();
        env.forEach((k, v) -> {
            if (k.startsWith("BERTH_")) childEnv.put(k, v);
        });
        childEnv.put("BERTH_ROOT", roots.root().toString());
        childEnv.put("BERTH_RUN", roots.run().toString());
        Process process = pb.start();
        Path socket = socket(roots);
        long deadline = System.nanoTime() + START_TIMEOUT.toNanos();
        while (System.nanoTime() < deadline) {
            if (answers(socket)) return;
            if (!process.isAlive() && process.exitValue() != 0 && !answers(socket) && running(roots).isEmpty()) {
                // setsid exits at once with berthd's fork still starting: only a failure counts; one that
                // lost to a berthd already running (a ping that timed out under load) waits for that one
                throw new EngineUnavailableException(socket, "berthd failed to start: " + tail(log));
            }
            try {
                Thread.sleep(10);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IOException("interrupted while starting berthd", e);
            }
        }
        throw new EngineUnavailableException(socket, "berthd did not answer within " + START_TIMEOUT.toSeconds() + " s: " + tail(log));
    }

    /**
     * berthd's classpath: a jar is copied to {@code BERTH_RUN/berthd-*.jar} first, so a rebuild of
     * the jar (which the launcher does whenever the sources change) cannot pull classes from under
     * a running daemon (it loads classes lazily: a replaced jar made it fail at its next new class).
     */
    private static String classpath(EngineRoots roots) throws IOException {
        String cp = System.getProperty("java.class.path");
        Path jar = Path.of(cp);
        if (cp.contains(java.io.File.pathSeparator) || !cp.endsWith(".jar") || !Files.isRegularFile(jar)) return cp;
        // named by the jar's time and size: a copy a daemon runs from is never written again (the JVM
        // reads it by name later on: replacing it, even by rename, broke a daemon that was stopping)
        String name = "berthd-" + Files.getLastModifiedTime(jar).toMillis() + "-" + Files.size(jar) + ".jar";
        Path copy = roots.run().resolve(name);
        if (!Files.exists(copy)) {
            Path tmp = Files.createTempFile(roots.run(), "berthd", ".jar.tmp");
            try {
                Files.copy(jar, tmp, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
                Files.move(tmp, copy, java.nio.file.StandardCopyOption.ATOMIC_MOVE);
            } finally {
                Files.deleteIfExists(tmp);
            }
        }
        try (var old = Files.newDirectoryStream(roots.run(), "berthd-*.jar")) {
            for (Path p : old) if (!p.equals(copy)) Files.deleteIfExists(p); // no daemon runs now (awaitExitOfStopping)
        }
        return copy.toString();
    }

    /** A berthd that is stopping still holds the lock: the next one waits for it (up to 20 s) instead of failing. */
    private static void awaitExitOfStopping(EngineRoots roots) throws IOException {
        Optional<ProcessHandle> stopping = running(roots);
        if (stopping.isEmpty()) return;
        try {
            stopping.get().onExit().get(20, java.util.concurrent.TimeUnit.SECONDS);
        } catch (java.util.concurrent.TimeoutException e) {
            throw new EngineUnavailableException(socket(roots), "berthd (pid " + stopping.get().pid()
                    + ") does not answer and has not ended in 20 s: stop it (kill " + stopping.get().pid() + ")");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while waiting for a stopping berthd", e);
        } catch (java.util.concurrent.ExecutionException e) {
            throw new IOException(e.getCause());
        }
    }

    /** berthd's PID from its pid file, if it runs. */
    public static Optional<ProcessHandle> running(EngineRoots roots) throws IOException {
        Path pidFile = roots.run().resolve("berthd.pid");
        if (!Files.exists(pidFile)) return Optional.empty();
        return ProcessHandle.of(Long.parseLong(Files.readString(pidFile).strip())).filter(ProcessHandle::isAlive)
                // a killed berthd's pid may have gone to another process since
                .filter(p -> p.info().commandLine().map(c -> c.contains(MAIN_CLASS)).orElse(true));
    }

    /** Stops the berthd of {@code roots} (SIGTERM; containers keep running) and waits for it to end. */
    public static void stop(EngineRoots roots) throws IOException {
        Optional<ProcessHandle> daemon = running(roots);
        if (daemon.isEmpty()) return;
        daemon.get().destroy();
        try {
            daemon.get().onExit().get(20, java.util.concurrent.TimeUnit.SECONDS);
        } catch (Exception e) {
            daemon.get().destroyForcibly();
        }
    }

    private static String tail(Path log) {
        try {
            List<String> lines = Files.readAllLines(log);
            return String.join("\n", lines.subList(Math.max(0, lines.size() - 10), lines.size()));
        } catch (IOException e) {
            return "(no log: " + e.getMessage() + ")";
        }
    }
}
