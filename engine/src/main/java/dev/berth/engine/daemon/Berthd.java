package dev.berth.engine.daemon;

import dev.berth.engine.EngineRoots;
import dev.berth.engine.api.EngineUnavailableException;
import dev.berth.engine.api.EngineVersion;
import dev.berth.engine.api.UnixHttpClient;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.unixdomain.server.UnixDomainServerConnector;
import org.eclipse.jetty.util.thread.QueuedThreadPool;

/**
 * berthd: serves the engine API as HTTP/JSON on {@code BERTH_RUN/berthd.sock}, readable by root
 * only. (This session: ping and version; images, containers, networks and volumes move here
 * with the container issue.)
 */
public final class Berthd implements AutoCloseable {

    private final EngineRoots roots;
    private final Server server;

    private Berthd(EngineRoots roots, Server server) {
        this.roots = roots;
        this.server = server;
    }

    public static Path socket(EngineRoots roots) {
        return roots.run().resolve("berthd.sock");
    }

    /** Starts a daemon on {@code roots}; refuses when another one answers on its socket. */
    public static Berthd start(EngineRoots roots, String version) throws Exception {
        Path run = roots.run();
        Files.createDirectories(run);
        Files.setPosixFilePermissions(run, PosixFilePermissions.fromString("rwx------"));
        Path socket = socket(roots);
        if (Files.exists(socket)) {
            try {
                new UnixHttpClient(socket).get("/_ping");
                throw new IllegalStateException("berthd is already running on " + socket);
            } catch (EngineUnavailableException | IOException stale) {
                Files.delete(socket); // left by a daemon that was killed: nobody answers
            }
        }
        QueuedThreadPool threads = new QueuedThreadPool(64, 2);
        threads.setName("berthd");
        Server server = new Server(threads);
        UnixDomainServerConnector connector = new UnixDomainServerConnector(server);
        connector.setUnixDomainPath(socket);
        server.addConnector(connector);
        server.setHandler(new ApiHandler(new EngineVersion(version, EngineVersion.API_VERSION, "linux",
                System.getProperty("os.arch").equals("amd64") ? "amd64" : System.getProperty("os.arch"),
                kernel(), Runtime.version().toString(), ProcessHandle.current().pid(), roots.root().toString())));
        server.start();
        Files.setPosixFilePermissions(socket, PosixFilePermissions.fromString("rw-------"));
        Files.writeString(run.resolve("berthd.pid"), ProcessHandle.current().pid() + "\n");
        return new Berthd(roots, server);
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

    /** Stops serving and removes the socket and pid file. */
    @Override
    public void close() throws Exception {
        server.stop();
        Files.deleteIfExists(socket());
        Files.deleteIfExists(roots.run().resolve("berthd.pid"));
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
