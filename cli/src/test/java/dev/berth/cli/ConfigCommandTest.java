package dev.berth.cli;

import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code berth config} end to end through {@link Main#run}. The assertions hold for any loader
 * that keeps what these files say (the canonical form adds defaults, never drops these).
 */
class ConfigCommandTest {

    private static final String WEB = """
            services:
              web:
                image: busybox:latest
                command: ["httpd", "-f"]
                environment:
                  PORT: "8080"
            """;

    private static final String WEB_AND_DB = """
            services:
              web:
                image: busybox:latest
              db:
                image: postgres:16
            """;

    @TempDir
    Path dir;

    private Path compose(String content) throws IOException {
        return Files.writeString(dir.resolve("compose.yaml"), content);
    }

    @Test
    void printsTheModelAsBlockYamlWithComposeQuoting() throws IOException {
        compose(WEB);
        BerthRun run = BerthRun.in(dir, "config");
        assertEquals(0, run.exitCode(), run::toString);
        assertAll(
                () -> assertTrue(run.out().startsWith("name: ") || run.out().startsWith("services:"), run::toString),
                () -> assertFalse(run.out().contains("---"), "no document start marker"),
                () -> assertTrue(run.out().contains("services:\n  web:\n"), run::toString),
                () -> assertTrue(run.out().contains("\n    image: busybox:latest\n"), run::toString),
                () -> assertTrue(run.out().contains("\n    command:\n      - httpd\n      - -f\n"), run::toString),
                () -> assertTrue(run.out().contains("\n      PORT: \"8080\"\n"), "a string that reads as a number is quoted"),
                () -> assertEquals("", run.err()));
    }

    @Test
    void formatJsonIsValidJsonOfTheSameModel() throws IOException {
        compose(WEB);
        BerthRun run = BerthRun.in(dir, "config", "--format", "json");
        assertEquals(0, run.exitCode(), run::toString);
        JsonNode web = new ObjectMapper().readTree(run.out()).path("services").path("web");
        assertEquals("busybox:latest", web.path("image").asText());
        assertTrue(web.path("environment").path("PORT").isTextual(), "PORT stays a string");
        assertEquals("8080", web.path("environment").path("PORT").asText());
        assertTrue(run.out().contains("\n  \"services\": {\n"), "2-space indent, \"key\": value");
    }

    @Test
    void quietValidatesAndPrintsNothing() throws IOException {
        compose(WEB);
        BerthRun run = BerthRun.in(dir, "config", "-q");
        assertEquals(0, run.exitCode(), run::toString);
        assertEquals("", run.out());
        assertEquals("", run.err());
    }

    @Test
    void servicesListsOneNamePerLine() throws IOException {
        compose(WEB_AND_DB);
        BerthRun run = BerthRun.in(dir, "config", "--services");
        assertEquals(0, run.exitCode(), run::toString);
        assertTrue(run.out().endsWith("\n"));
        assertEquals(Set.of("web", "db"), Arrays.stream(run.out().split("\n")).collect(Collectors.toSet()));
    }

    @Test
    void imagesListsTheImageOfEachService() throws IOException {
        compose(WEB_AND_DB);
        BerthRun run = BerthRun.in(dir, "config", "--images");
        assertEquals(0, run.exitCode(), run::toString);
        assertEquals(Set.of("busybox:latest", "postgres:16"), Arrays.stream(run.out().split("\n")).collect(Collectors.toSet()));
    }

    @Test
    void fileOptionAfterTheSubCommandIsRelativeToTheWorkingDirectory() throws IOException {
        Files.createDirectories(dir.resolve("sub"));
        Files.writeString(dir.resolve("sub/stack.yaml"), WEB_AND_DB);
        BerthRun run = BerthRun.in(dir, "config", "-f", "sub/stack.yaml", "--services");
        assertEquals(0, run.exitCode(), run::toString);
        assertTrue(run.out().contains("db\n"), run::toString);
    }

    @Test
    void outputWritesTheModelToAFileInsteadOfStdout() throws IOException {
        compose(WEB);
        BerthRun run = BerthRun.in(dir, "config", "-o", "out.yaml");
        assertEquals(0, run.exitCode(), run::toString);
        assertEquals("", run.out());
        assertTrue(Files.readString(dir.resolve("out.yaml")).contains("image: busybox:latest"));
    }

    @Test
    void anInvalidFileExits1WithFileLineAndColumnOnStderr() throws IOException {
        compose("""
                services:
                  web:
                    image: busybox:latest
                    image: busybox:1.36
                """);
        BerthRun run = BerthRun.in(dir, "config");
        assertEquals(1, run.exitCode(), run::toString);
        assertEquals("", run.out());
        assertTrue(run.err().matches("(?s).*compose\\.yaml:4:\\d+: .*"), run::toString);
        assertFalse(run.err().contains("\tat "), "no stack trace");
    }

    @Test
    void anUnwritableOutputFileIsOneLineOnStderrAndExit1() throws IOException {
        compose(WEB);
        BerthRun run = BerthRun.in(dir, "config", "-o", "missing-dir/out.yaml");
        assertEquals(1, run.exitCode(), run::toString);
        assertTrue(run.err().startsWith("berth: cannot write " + dir.resolve("missing-dir/out.yaml")
                + ": no such file or directory"), run::toString);
        assertEquals(1, run.err().lines().count(), run::toString);
    }

    @Test
    void anUnknownFormatIsAUsageError() throws IOException {
        compose(WEB);
        BerthRun run = BerthRun.in(dir, "config", "--format", "xml");
        assertEquals(2, run.exitCode(), run::toString);
        assertTrue(run.err().contains("xml"), run::toString);
    }
}
