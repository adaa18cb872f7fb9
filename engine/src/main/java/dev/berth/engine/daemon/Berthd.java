package dev.berth.engine.daemon;

import dev.berth.engine.EngineRoots;
import dev.berth.engine.api.EngineVersion;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.unixdomain.server.UnixDomainServerConnector;
import org.eclipse.jetty.util.thread.QueuedThreadPool;

/**
 * berthd: serves the engine API ({@link EngineService}) as HTTP/JSON on
 * {@code BERTH_RUN/berthd.sock}, readable by root only. Containers outlive it (their shims are
 * their monitors) and are re-adopted by the next berthd. Images are still handled in the CLI's
 * process (their store locks across processes); networks and volumes come with issues 5 and 6.
 */
public final class Berthd implements AutoCloseable {

    private final EngineRoots roots;
    private final Server server;
    private final EngineService engine;

    private final java.nio.channels.FileChannel lock;

    private Berthd(EngineRoots roots, Server server, EngineService engine, java.nio.channels.FileChannel lock) {
        this.lock = lock;
        this.roots = roots;
        this.server = server;
        this.engine = engine;
    }

    public static Path socket(EngineRoots roots) {
        return roots.run().resolve("berthd.sock");
    }

    /** Starts a daemon on {@code roots}; refuses when another one runs there. */
    public static Berthd start(EngineRoots roots, String version) throws Exception {
        Path run = roots.run();
        Files.createDirectories(run);
        Files.setPosixFilePermissions(run, PosixFilePermissions.fromString("rwx------"));
        Path socket = socket(roots);
        java.nio.channels.FileChannel lock = exclusive(run.resolve("berthd.lock"));
        Files.deleteIfExists(socket); // left by a daemon that was killed (we hold the lock: none runs)
        QueuedThreadPool threads = new QueuedThreadPool(64, 2);
        threads.setName("berthd");
        Server server = new Server(threads);
        UnixDomainServerConnector connector = new UnixDomainServerConnector(server);
        connector.setUnixDomainPath(socket);
        server.addConnector(connector);
        EngineService engine = EngineService.open(roots, new EngineVersion(version, EngineVersion.API_VERSION, "linux",
                System.getProperty("os.arch").equals("amd64") ? "amd64" : System.getProperty("os.arch"),
                kernel(), Runtime.version().toString(), ProcessHandle.current().pid(), roots.root().toString()));
        server.setHandler(new ApiHandler(engine));
        try {
            server.start();
        } catch (Exception e) {
            engine.close();
            throw e;
        }
        Files.setPosixFilePermissions(socket, PosixFilePermissions.fromString("rw-------"));
        Files.writeString(run.resolve("berthd.pid"), ProcessHandle.current().pid() + "\n");
        return new Berthd(roots, server, engine, lock);
    }

    /** One berthd per BERTH_RUN: the lock is held for the daemon's life (the kernel drops it if it dies). */
    private static java.nio.channels.FileChannel exclusive(Path file) throws IOException {
        var channel = java.nio.channels.FileChannel.open(file, java.nio.file.StandardOpenOption.CREATE, java.nio.file.StandardOpenOption.WRITE);
        try {
            if (channel.tryLock() != null) return channel;
        } catch (java.nio.channels.OverlappingFileLockException heldHere) {
            // another berthd in this JVM
        }
        channel.close();
        throw new IllegalStateException("berthd is already running for " + file.getParent());
    }

    private static String kernel() {
        try {
            return Files.readString(Path.of("/proc/sys/kernel/osrelease")).strip();
        } catch (IOException e) {
            return System.getProperty("os.version");
        }
    }

    public Path socket() {
        return socket(roots);
    }

    /** The engine this daemon serves (for tests that look behind the API). */
    public EngineService engine() {
        return engine;
    }

    /** Stops serving and removes the socket and pid file; containers keep running under their shims. */
    @Override
    public void close() throws Exception {
        engine.eventBus().close(); // open event streams end first: the server's stop need not wait for them
        server.stop();
        engine.close();
        Files.deleteIfExists(socket());
        Files.deleteIfExists(roots.run().resolve("berthd.pid"));
        lock.close();
    }

    public void join() throws InterruptedException {
        server.join();
    }

    /** {@code berthd}: runs until SIGTERM/SIGINT. */
    public static void main(String[] args) throws Exception {
        Berthd daemon = start(EngineRoots.fromEnvironment(System.getenv()),
                args.length > 0 ? args[0] : "dev");
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            try {
                daemon.close();
            } catch (Exception e) {
                System.err.println("berthd: stopping: " + e.getMessage());
            }
        }, "berthd-shutdown"));
        daemon.join();
    }
}
