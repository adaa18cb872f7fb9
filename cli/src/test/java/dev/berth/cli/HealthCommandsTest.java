package dev.berth.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code berth run --health-*} and what {@code ps} and {@code inspect} show of it, as Docker's CLI does. */
class HealthCommandsTest {

    @TempDir
    Path dir;

    private BusyboxEngine engine;

    @BeforeEach
    void busyboxImage() throws Exception {
        engine = BusyboxEngine.create(dir);
    }

    @AfterEach
    void nothingLeft() throws IOException {
        if (engine != null) engine.stopAndCheckNothingLeft();
    }

    private String runDetached(String name, String... options) {
        List<String> args = new java.util.ArrayList<>(List.of("run", "-d", "--name", name, "--network", "none"));
        args.addAll(List.of(options));
        args.addAll(List.of("busybox", "sleep", "1000"));
        return engine.ok(args.toArray(String[]::new)).out().strip();
    }

    /** The STATUS of {@code name}'s row in {@code berth ps}. */
    private String status(String name) {
        String ps = engine.ok("ps").out();
        List<String> lines = ps.lines().toList();
        int at = lines.getFirst().indexOf("STATUS");
        int end = lines.getFirst().indexOf("PORTS");
        return lines.stream().filter(l -> l.endsWith(" " + name)).findFirst()
                .map(l -> l.substring(at, end).strip()).orElseThrow(() -> new AssertionError(name + " not in " + ps));
    }

    private void eventually(String what, java.util.function.BooleanSupplier condition) throws InterruptedException {
        for (int i = 0; i < 600; i++) {
            if (condition.getAsBoolean()) return;
            Thread.sleep(50);
        }
        throw new AssertionError("not within 30 s: " + what + "\n" + engine.ok("ps").out());
    }

    @Test
    void psShowsTheHealthInTheStatusAndFiltersByIt() throws Exception {
        String fast = "--health-interval=100ms";
        String ok = runDetached("ok", "--health-cmd", "exit 0", fast, "--health-start-interval", "100ms");
        runDetached("waiting", "--health-cmd", "exit 1", fast, "--health-start-interval", "100ms", "--health-start-period", "1h");
        String bad = runDetached("bad", "--health-cmd", "echo down; exit 1", fast, "--health-start-interval", "100ms",
                "--health-retries", "2");
        String plain = runDetached("plain");

        assertTrue(status("waiting").matches("Up .* \\(health: starting\\)"), status("waiting"));
        eventually("ok healthy", () -> status("ok").endsWith(" (healthy)"));
        eventually("bad unhealthy", () -> status("bad").endsWith(" (unhealthy)"));
        assertTrue(status("plain").matches("Up [^(]*"), "no check, no health: " + status("plain"));

        assertEquals(ok.substring(0, 12) + "\n", engine.ok("ps", "-q", "--filter", "health=healthy").out());
        assertEquals(bad.substring(0, 12) + "\n", engine.ok("ps", "-q", "--filter", "health=unhealthy").out());
        assertEquals(plain.substring(0, 12) + "\n", engine.ok("ps", "-q", "--filter", "health=none").out());
        BerthRun wrong = engine.berth("ps", "--filter", "health=fine");
        assertNotEquals(0, wrong.exitCode());
        assertTrue(wrong.err().contains("Unrecognised filter value for health: fine"), wrong::toString);

        String inspect = engine.ok("inspect", "bad").out();
        assertTrue(inspect.contains("\"Health\""), inspect);
        assertTrue(inspect.contains("\"Status\" : \"unhealthy\"") || inspect.contains("\"Status\": \"unhealthy\""), inspect);
        assertTrue(inspect.contains("\"FailingStreak\""), inspect);
        assertTrue(inspect.contains("down\\n"), "the probes' output in the log: " + inspect);
        assertTrue(inspect.contains("\"CMD-SHELL\""), "Config.Healthcheck: " + inspect);
    }

    @Test
    void noHealthcheckConflictsWithHealthOptionsAndBadDurationsAreRefused() {
        BerthRun conflict = engine.berth("run", "--rm", "--no-healthcheck", "--health-cmd", "true", "busybox", "true");
        assertNotEquals(0, conflict.exitCode());
        assertTrue(conflict.err().contains("--no-healthcheck conflicts with --health-* options"), conflict::toString);
        BerthRun duration = engine.berth("run", "--rm", "--health-interval", "soon", "busybox", "true");
        assertNotEquals(0, duration.exitCode());
        assertTrue(duration.err().contains("invalid argument \"soon\" for \"--health-interval\" flag"), duration::toString);
        BerthRun negative = engine.berth("run", "--rm", "--health-retries", "-1", "busybox", "true");
        assertTrue(negative.err().contains("--health-retries cannot be negative"), negative::toString);
        BerthRun tooShort = engine.berth("run", "--rm", "--health-cmd", "true", "--health-timeout", "10us", "busybox", "true");
        assertTrue(tooShort.err().contains("Timeout in Healthcheck cannot be less than 1ms"), tooShort::toString);
    }

    @Test
    void noHealthcheckRunsNoCheck() {
        engine.ok("run", "-d", "--name", "off", "--network", "none", "--no-healthcheck", "busybox", "sleep", "1000");
        String inspect = engine.ok("inspect", "off").out();
        assertTrue(inspect.contains("\"NONE\""), "Config.Healthcheck is NONE: " + inspect);
        assertTrue(!inspect.contains("\"Health\""), "and there is no State.Health: " + inspect);
    }
}
