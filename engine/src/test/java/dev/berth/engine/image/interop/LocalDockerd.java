package dev.berth.engine.image.interop;

import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;

/**
 * A real Docker daemon (Debian's docker.io) for interop tests, isolated from anything else on the
 * machine: its own data and exec roots and socket in a temporary directory, no bridge and no
 * iptables rules. Skips where dockerd or the docker client is missing; stopped by PID.
 */
final class LocalDockerd implements AutoCloseable {

    static final Path DOCKERD = Path.of("/usr/sbin/dockerd");

    private final Process process;
    private final Path dir;
    private final String host;

    private LocalDockerd(Process process, Path dir) {
        this.process = process;
        this.dir = dir;
        this.host = "unix://" + dir.resolve("docker.sock");
    }

    static LocalDockerd start(Path dir) throws IOException, InterruptedException {
        Assumptions.assumeTrue(Files.isExecutable(DOCKERD), "skipped: " + DOCKERD + " is missing (apt-get install docker.io)");
        Assumptions.assumeTrue(client() != null, "skipped: no docker client on PATH (apt-get install docker.io)");
        Files.createDirectories(dir);
        Process p = new ProcessBuilder(DOCKERD.toString(),
                "--data-root", dir.resolve("data").toString(),
                "--exec-root", dir.resolve("exec").toString(),
                "--pidfile", dir.resolve("dockerd.pid").toString(),
                "-H", "unix://" + dir.resolve("docker.sock"),
                "--iptables=false", "--ip6tables=false", "--bridge=none")
                .redirectErrorStream(true).redirectOutput(dir.resolve("dockerd.log").toFile()).start();
        LocalDockerd d = new LocalDockerd(p, dir);
        for (int i = 0; i < 300; i++) {
            if (!p.isAlive()) fail("dockerd exited:\n" + Files.readString(dir.resolve("dockerd.log")));
            if (Files.exists(dir.resolve("docker.sock")) && d.tryRun("version") == 0) return d;
            Thread.sleep(100);
        }
        d.close();
        fail("dockerd did not answer in 30 s:\n" + Files.readString(dir.resolve("dockerd.log")));
        return null;
    }

    private static String client() {
        for (String dir : System.getenv().getOrDefault("PATH", "/usr/bin").split(":")) {
            if (Files.isExecutable(Path.of(dir, "docker"))) return Path.of(dir, "docker").toString();
        }
        return null;
    }

    private int tryRun(String... args) throws IOException, InterruptedException {
        Process p = command(args).redirectOutput(ProcessBuilder.Redirect.DISCARD)
                .redirectError(ProcessBuilder.Redirect.DISCARD).start();
        return p.waitFor(10, TimeUnit.SECONDS) ? p.exitValue() : -1;
    }

    private ProcessBuilder command(String... args) {
        List<String> cmd = new ArrayList<>(List.of(client(), "-H", host));
        cmd.addAll(List.of(args));
        return new ProcessBuilder(cmd);
    }

    /** Runs the docker client against this daemon; returns stdout, fails the test on a non-zero exit. */
    String docker(String... args) throws IOException, InterruptedException {
        Path out = Files.createTempFile(dir, "docker-", ".out");
        Path err = Files.createTempFile(dir, "docker-", ".err");
        Process p = command(args).redirectOutput(out.toFile()).redirectError(err.toFile()).start();
        if (!p.waitFor(120, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            fail("docker " + String.join(" ", args) + " did not finish in 120 s");
        }
        if (p.exitValue() != 0) {
            fail("docker " + String.join(" ", args) + " failed (" + p.exitValue() + "): " + Files.readString(err));
        }
        return Files.readString(out, StandardCharsets.UTF_8);
    }

    @Override
    public void close() throws InterruptedException {
        process.destroy(); // SIGTERM: dockerd stops its containerd and unmounts what it mounted
        if (!process.waitFor(30, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            process.waitFor(10, TimeUnit.SECONDS);
        }
    }
}
