package dev.berth.cli;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The root command, up/down before the engine exists, version, and usage errors. */
class CommandsTest {

    @TempDir
    Path dir;

    @Test
    void upOnAnInvalidProjectReportsTheErrorInstead() throws IOException {
        Files.writeString(dir.resolve("compose.yaml"), "services:\n  web:\n    image: a\n    image: b\n");
        BerthRun run = BerthRun.in(dir, "up");
        assertEquals(1, run.exitCode(), run::toString);
        assertFalse(run.err().contains("engine"), run::toString);
    }

    @Test
    void unknownSubCommandIsAUsageErrorExit2() {
        BerthRun run = BerthRun.in(dir, "frobnicate");
        assertEquals(2, run.exitCode(), run::toString);
        assertTrue(run.err().contains("'frobnicate'"), run::toString);
        assertEquals("", run.out());
    }

    @Test
    void unknownOptionIsAUsageErrorExit2() {
        BerthRun run = BerthRun.in(dir, "config", "--frobnicate");
        assertEquals(2, run.exitCode(), run::toString);
        assertTrue(run.err().contains("--frobnicate"), run::toString);
    }

    @Test
    void versionSubCommandShowsTheClientVersionAndNoServer() {
        BerthRun run = BerthRun.in(dir, "version");
        assertEquals(0, run.exitCode(), run::toString);
        assertTrue(run.out().startsWith("berth version " + BerthVersion.version() + "\n"), run::toString);
        assertTrue(run.out().contains("Server: none"), run::toString);
    }

    @Test
    void versionComesFromTheBuild() {
        assertTrue(BerthVersion.version().matches("\\d+\\.\\d+\\.\\d+.*"), BerthVersion.version());
    }

    @Test
    void versionOption() {
        BerthRun run = BerthRun.in(dir, "--version");
        assertEquals(0, run.exitCode(), run::toString);
        assertEquals("berth version " + BerthVersion.version() + "\n", run.out());
    }

    @Test
    void helpListsTheSubCommandsAndGlobalOptions() {
        BerthRun run = BerthRun.in(dir, "--help");
        assertEquals(0, run.exitCode(), run::toString);
        for (String word : new String[] {"config", "up", "down", "version", "--file", "--project-name", "--profile",
                "--env-file", "--project-directory", "--progress"}) {
            assertTrue(run.out().contains(word), word + " missing from\n" + run.out());
        }
    }

    @Test
    void theLaunchersTrainingRunGoesThroughAllItsCommandsWithoutFailing() {
        assertDoesNotThrow(() -> CdsTraining.main(new String[0]));
    }

    @Test
    void subCommandHelp() {
        BerthRun run = BerthRun.in(dir, "config", "--help");
        assertEquals(0, run.exitCode(), run::toString);
        assertTrue(run.out().contains("--no-interpolate"), run.out());
        assertTrue(run.out().contains("--file"), "global options are shown on sub-commands too");
    }

    @Test
    void versionShowsTheServerWhenBerthdRuns() throws Exception {
        java.util.Map<String, String> env = java.util.Map.of("BERTH_ROOT", dir.resolve("root").toString(),
                "BERTH_RUN", dir.resolve("run").toString());
        try (dev.berth.engine.daemon.Berthd daemon = dev.berth.engine.daemon.Berthd.start(
                new dev.berth.engine.EngineRoots(dir.resolve("root"), dir.resolve("run")), "9.9.9")) {
            BerthRun run = BerthRun.in(dir, env, "", "version");
            assertEquals(0, run.exitCode(), run::toString);
            assertTrue(run.out().contains("Server: berthd\n Version:      9.9.9\n"), run::toString);
        }
        assertTrue(BerthRun.in(dir, env, "", "version").out().contains("Server: none (no berthd on "));
    }
}
