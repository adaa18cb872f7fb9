package dev.berth.cli;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.Map;
import java.util.stream.Stream;

/**
 * A training run for the launcher's class-data archive: the JVM archives the classes a run
 * loads, so this runs the common command paths once (YAML and JSON output, listings, errors,
 * help) on a small project, with all output discarded. The launcher runs it after each build.
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

    private CdsTraining() {
    }

    public static void main(String[] args) throws IOException {
        Path dir = Files.createTempDirectory("berth-cds-training");
        try {
            Files.writeString(dir.resolve("compose.yaml"), COMPOSE);
            Files.writeString(dir.resolve("invalid.yaml"), "services:\n  web:\n    image: a\n    image: b\n");
            String[][] runs = {
                {"config"}, {"config", "--format", "json"}, {"config", "-q"}, {"config", "--services"},
                {"config", "--images"}, {"-f", "invalid.yaml", "config"}, {"up", "-d"}, {"down"},
                {"--version"}, {"version"}, {"--help"}, {"config", "--help"}, {"no-such-command"},
            };
            for (String[] run : runs) {
                PrintStream nowhere = new PrintStream(OutputStream.nullOutputStream());
                Main.run(new Invocation(Map.of(), dir, new ByteArrayInputStream(new byte[0]), nowhere, nowhere), run);
            }
        } finally {
            try (Stream<Path> files = Files.walk(dir)) {
                files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            }
        }
    }
}
