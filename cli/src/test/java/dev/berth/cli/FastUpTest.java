package dev.berth.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The thin {@code up -d} reader takes only what it is sure of, and reads it as picocli does. */
class FastUpTest {

    @TempDir
    Path dir;

    @Test
    void readsTheUsualFormsAndNothingElse() {
        FastUp.Reading r = FastUp.read(List.of("-f", "a.yaml", "--file=b.yaml", "-p", "shop", "--project-directory", "x",
                "--env-file", "e", "--profile", "debug", "up", "-d", "web", "db"));
        assertNotNull(r);
        assertEquals(List.of("a.yaml", "b.yaml"), r.files());
        assertEquals("shop", r.projectName());
        assertEquals("x", r.projectDirectory());
        assertEquals(List.of("e"), r.envFiles());
        assertEquals(List.of("debug"), r.profiles());
        assertEquals(List.of("web", "db"), r.services());
        assertNotNull(FastUp.read(List.of("up", "--detach")));
        for (List<String> unsure : List.of(List.of("up"), List.of("up", "-d", "--scale", "web=2"), List.of("-f", "-", "up", "-d"),
                List.of("--progress", "json", "up", "-d"), List.of("up", "-d", "-t", "3"), List.of("up", "-dt", "3"),
                List.of("-f"), List.of("down", "-d"), List.of("up", "-d", "--help"), List.of("--file=", "up", "-d"))) {
            assertNull(FastUp.read(unsure), "left to picocli: " + unsure);
        }
    }

    @Test
    void aFailureReadsTheSameOnBothPaths() throws Exception {
        Files.writeString(dir.resolve("compose.yaml"), "services:\n  web:\n    image: busybox\n    imgae: x\n");
        BerthRun thin = BerthRun.in(dir, "up", "-d");
        BerthRun full = BerthRun.in(dir, "compose", "up", "-d");
        assertEquals(1, thin.exitCode(), thin::toString);
        assertEquals(full.exitCode(), thin.exitCode());
        assertEquals(full.err(), thin.err());
        assertEquals(full.out(), thin.out());
    }
}
