package dev.berth.cli;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * A training run for the launcher's class-data archive: the JVM archives the classes a run
 * loads, so this runs the common command paths once (YAML and JSON output, listings, errors,
 * help) on a small project, with all output discarded. The launcher runs it after each build;
 * a test runs it too, and it fails when a command does not end as expected.
 */
public final class CdsTraining {

    private static final String COMPOSE = """
            name: training
            services:
              web:
                image: busybox:latest
                command: ["httpd", "-f", "-p", "8080"]
                environment:
                  PORT: "8080"
                networks: [backend]
                healthcheck:
                  test: ["CMD", "true"]
                  interval: 2s
              client:
                image: busybox:latest
                depends_on:
                  web:
                    condition: service_healthy
                networks: [backend]
            networks:
              backend: {}
            """;

    private record Run(int exitCode, String... args) {
    }

    private static final List<Run> RUNS = List.of(
            new Run(0, "config"), new Run(0, "config", "--format", "json"), new Run(0, "config", "-q"),
            new Run(0, "config", "--services"), new Run(0, "config", "--images"),
            new Run(1, "-f", "invalid.yaml", "config"), 
            new Run(0, "--version"), new Run(0, "version"), new Run(0, "--help"), new Run(0, "config", "--help"),
            new Run(2, "no-such-command"));

    private CdsTraining() {
    }

    public static void main(String[] args) throws IOException {
        Path dir = Files.createTempDirectory("berth-cds-training");
        try {
            Files.writeString(dir.resolve("compose.yaml"), COMPOSE);
            Files.writeString(dir.resolve("invalid.yaml"), "services:\n  web:\n    image: a\n    image: b\n");
            List<String> surprises = new ArrayList<>();
            for (Run run : RUNS) {
                PrintStream nowhere = new PrintStream(OutputStream.nullOutputStream());
                int code = Main.run(new Invocation(Map.of(), dir, new ByteArrayInputStream(new byte[0]), nowhere, nowhere),
                        run.args());
                if (code != run.exitCode()) surprises.add(List.of(run.args()) + " exited " + code + ", not " + run.exitCode());
            }
            // The engine commands, on a BERTH_ROOT of their own: an image from a tiny root filesystem.
            Path rootfs = Files.createDirectories(dir.resolve("rootfs/etc"));
            Files.writeString(rootfs.resolve("motd"), "training\n");
            Map<String, String> engine = Map.of("BERTH_ROOT", dir.resolve("berth").toString(), "BERTH_RUN", dir.resolve("run").toString());
            // a berthd of the training's own, in this process: the client commands must not start one that outlives training
            try (var daemon = dev.berth.engine.daemon.Berthd.start(dev.berth.engine.EngineRoots.fromEnvironment(engine), "training")) {
            for (Run run : List.of(new Run(0, "image", "import", "rootfs", "training:1"), new Run(0, "images"),
                    new Run(0, "image", "inspect", "training:1"), new Run(0, "ps", "-a"), new Run(0, "info"),
                    new Run(1, "run", "--rm", "training:1"), new Run(1, "stop", "nothing"), new Run(1, "logs", "nothing"),
                    new Run(0, "rmi", "training:1"), new Run(0, "up", "--dry-run"), new Run(1, "up", "-d", "--pull", "never"), new Run(0, "down"))) {
                PrintStream nowhere = new PrintStream(OutputStream.nullOutputStream());
                int code = Main.run(new Invocation(engine, dir, new ByteArrayInputStream(new byte[0]), nowhere, nowhere), run.args());
                if (code != run.exitCode()) surprises.add(List.of(run.args()) + " exited " + code + ", not " + run.exitCode());
            }
            } catch (Exception e) {
                surprises.add("engine commands: " + e);
            }
            // After all runs, so the archive still sees every path; the launcher ignores this, tests don't.
            if (!surprises.isEmpty()) throw new IllegalStateException("training runs went wrong: " + surprises);
        } finally {
            try (Stream<Path> files = Files.walk(dir)) {
                files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            }
        }
    }
}
