package dev.berth.engine.registry;

import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Assumptions;

/**
 * A real registry for tests: Debian's {@code docker-registry} (distribution 2.8) with its storage
 * in a temporary directory, listening on 127.0.0.1 and a free port, optionally behind htpasswd
 * Basic auth. Skips the test (not fails) where the binary or {@code htpasswd} is missing.
 * {@link #close()} stops it by PID.
 */
public final class LocalRegistry implements AutoCloseable {

    static final Path BINARY = Path.of("/usr/bin/docker-registry");

    private final Process process;
    private final String host;
    private final int port;
    private final Path log;

    private LocalRegistry(Process process, String host, int port, Path log) {
        this.process = process;
        this.host = host;
        this.port = port;
        this.log = log;
    }

    public static LocalRegistry start(Path dir) throws IOException, InterruptedException {
        return start(dir, "127.0.0.1", null, null);
    }

    public static LocalRegistry start(Path dir, String user, String password) throws IOException, InterruptedException {
        return start(dir, "127.0.0.1", user, password);
    }

    /** Starts a registry that wants HTTP Basic auth for {@code user}/{@code password} (an htpasswd file, bcrypt). */
    public static LocalRegistry start(Path dir, String host, String user, String password) throws IOException, InterruptedException {
        Assumptions.assumeTrue(Files.isExecutable(BINARY),
                "skipped: " + BINARY + " is missing (apt-get install docker-registry)");
        Files.createDirectories(dir);
        String auth = "";
        if (user != null) {
            Path htpasswd = dir.resolve("htpasswd");
            Assumptions.assumeTrue(Files.isExecutable(Path.of("/usr/bin/htpasswd")),
                    "skipped: htpasswd is missing (apt-get install apache2-utils)");
            Process p = new ProcessBuilder("/usr/bin/htpasswd", "-Bbn", user, password)
                    .redirectOutput(htpasswd.toFile()).redirectError(ProcessBuilder.Redirect.DISCARD).start();
            if (p.waitFor() != 0) fail("htpasswd -Bbn failed with exit code " + p.exitValue());
            auth = "auth:\n  htpasswd:\n    realm: berth-test\n    path: " + htpasswd + "\n";
        }
        int port = freePort();
        Path config = dir.resolve("config.yml");
        Files.writeString(config, """
                version: 0.1
                log:
                  level: warn
                  accesslog:
                    disabled: true
                storage:
                  filesystem:
                    rootdirectory: %s
                  delete:
                    enabled: true
                http:
                  addr: %s:%d
                %s""".formatted(dir.resolve("storage"), host, port, auth));
        Path log = dir.resolve("registry.log");
        Process process = new ProcessBuilder(BINARY.toString(), "serve", config.toString())
                .redirectErrorStream(true).redirectOutput(log.toFile()).start();
        LocalRegistry registry = new LocalRegistry(process, host, port, log);
        try {
            registry.awaitReady();
        } catch (IOException | InterruptedException | RuntimeException | AssertionError e) {
            registry.close();
            throw e;
        }
        return registry;
    }

    static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            return s.getLocalPort();
        }
    }

    private void awaitReady() throws IOException, InterruptedException {
        try (HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build()) {
            HttpRequest ping = HttpRequest.newBuilder(URI.create("http://" + address() + "/v2/")).build();
            long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
            while (System.nanoTime() < deadline) {
                if (!process.isAlive()) fail("docker-registry exited with " + process.exitValue() + ":\n" + log());
                try {
                    int status = client.send(ping, HttpResponse.BodyHandlers.discarding()).statusCode();
                    if (status == 200 || status == 401) return;
                } catch (IOException e) {
                    // not listening yet
                }
                Thread.sleep(50);
            }
        }
        fail("docker-registry did not answer on " + address() + " within 30 s:\n" + log());
    }

    String log() throws IOException {
        return Files.exists(log) ? Files.readString(log, StandardCharsets.UTF_8) : "";
    }

    public int port() {
        return port;
    }

    /** {@code 127.0.0.1:PORT}, the registry part of image names. */
    public String address() {
        return host + ":" + port;
    }

    long pid() {
        return process.pid();
    }

    /** Stops the registry by its PID (SIGTERM, then SIGKILL after 10 s). */
    @Override
    public void close() {
        ProcessHandle handle = process.toHandle();
        List<ProcessHandle> children = handle.descendants().toList();
        handle.destroy();
        try {
            if (!process.waitFor(10, java.util.concurrent.TimeUnit.SECONDS)) {
                handle.destroyForcibly();
                process.waitFor();
            }
        } catch (InterruptedException e) {
            handle.destroyForcibly();
            Thread.currentThread().interrupt();
        }
        children.forEach(ProcessHandle::destroyForcibly);
    }
}
