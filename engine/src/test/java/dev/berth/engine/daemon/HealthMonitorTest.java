package dev.berth.engine.daemon;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.berth.engine.container.Health;
import dev.berth.engine.container.Healthcheck;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The rules of Docker's health monitor, without a container: status, streak, log, schedule, command. */
class HealthMonitorTest {

    private static final Instant STARTED = Instant.parse("2026-01-01T00:00:00Z");
    private static final long MS = 1_000_000L;

    private static Healthcheck check(long startPeriodMs, int retries) {
        return new Healthcheck(List.of("CMD", "true"), 1000 * MS, 0, startPeriodMs * MS, 100 * MS, retries);
    }

    private static Health.Probe probe(long atMs, int exitCode) {
        Instant at = STARTED.plusMillis(atMs);
        return new Health.Probe(at, at.plusMillis(5), exitCode, exitCode == 0 ? "" : "failed\n");
    }

    private static Health after(Healthcheck check, Health h, Health.Probe... probes) {
        for (Health.Probe p : probes) h = HealthMonitor.next(h, p, check, STARTED);
        return h;
    }

    @Test
    void aPassMakesItHealthyAndRetriesFailuresInARowUnhealthy() {
        Healthcheck c = check(0, 3);
        Health h = after(c, Health.starting(), probe(100, 0));
        assertEquals(new Health(Health.HEALTHY, 0, List.of(probe(100, 0))), h);
        h = after(c, h, probe(200, 1), probe(300, 1));
        assertEquals(Health.HEALTHY, h.status(), "two failures of three");
        assertEquals(2, h.failingStreak());
        h = after(c, h, probe(400, 1));
        assertEquals(Health.UNHEALTHY, h.status(), "the third in a row");
        assertEquals(3, h.failingStreak());
        h = after(c, h, probe(500, 0));
        assertEquals(new Health(Health.HEALTHY, 0, h.log()), h, "a pass again: healthy, streak 0");
    }

    @Test
    void startingFailuresCountOutsideTheStartPeriodOnly() {
        Healthcheck c = check(1000, 1);
        Health h = after(c, Health.starting(), probe(100, 1), probe(500, 7), probe(999, 1));
        assertEquals(Health.STARTING, h.status(), "failures within the start period do not count");
        assertEquals(0, h.failingStreak());
        assertEquals(3, h.log().size(), "but are logged");
        assertEquals(Health.UNHEALTHY, after(c, h, probe(1000, 1)).status(), "from the end of the start period they count");
        // once healthy, a failure counts even within the start period (Docker: the container has started)
        Health healthy = after(c, Health.starting(), probe(100, 0), probe(200, 1));
        assertEquals(new Health(Health.UNHEALTHY, 1, healthy.log()), healthy);
    }

    @Test
    void theDefaultRetriesAreThree() {
        Healthcheck c = new Healthcheck(List.of("CMD", "false"), 0, 0, 0, 0, 0);
        Health h = after(c, Health.starting(), probe(1, 1), probe(2, 1));
        assertEquals(Health.STARTING, h.status());
        assertEquals(Health.UNHEALTHY, after(c, h, probe(3, 1)).status());
    }

    @Test
    void theLogKeepsTheLastFive() {
        Healthcheck c = check(0, 100);
        Health h = Health.starting();
        for (int i = 1; i <= 7; i++) h = after(c, h, probe(i * 10, i % 2));
        assertEquals(List.of(probe(30, 1), probe(40, 0), probe(50, 1), probe(60, 0), probe(70, 1)), h.log());
    }

    @Test
    void theStartIntervalWhileStartingInTheStartPeriodCappedByWhatIsLeftOfIt() {
        Healthcheck c = check(1000, 3); // interval 1 s, start interval 100 ms, start period 1 s
        assertEquals(Duration.ofMillis(100), HealthMonitor.delay(c, STARTED, STARTED, Health.STARTING));
        assertEquals(Duration.ofMillis(50), HealthMonitor.delay(c, STARTED, STARTED.plusMillis(950), Health.STARTING));
        assertEquals(Duration.ofMillis(1000), HealthMonitor.delay(c, STARTED, STARTED.plusMillis(1000), Health.STARTING));
        assertEquals(Duration.ofMillis(900), HealthMonitor.delay(c, STARTED, STARTED.plusMillis(100), Health.HEALTHY),
                "healthy within the start period: the interval, up to the period's end");
        Healthcheck defaults = new Healthcheck(List.of("CMD", "true"), 0, 0, 0, 0, 0);
        assertEquals(Duration.ofSeconds(30), HealthMonitor.delay(defaults, STARTED, STARTED, Health.STARTING),
                "no start period: the interval (30 s by default) from the start");
    }

    @Test
    void cmdRunsAsGivenCmdShellWithShNoneAndUnknownNotAtAll() {
        assertEquals(List.of("wget", "-q", "-O-", "http://localhost"), HealthMonitor.command(
                new Healthcheck(List.of("CMD", "wget", "-q", "-O-", "http://localhost"), 0, 0, 0, 0, 0)));
        assertEquals(List.of("/bin/sh", "-c", "test -f /ready || exit 1"), HealthMonitor.command(
                new Healthcheck(List.of("CMD-SHELL", "test -f /ready || exit 1"), 0, 0, 0, 0, 0)));
        assertEquals(List.of(), HealthMonitor.command(new Healthcheck(List.of("NONE"), 0, 0, 0, 0, 0)));
        assertEquals(List.of(), HealthMonitor.command(new Healthcheck(List.of("HTTP", "/"), 0, 0, 0, 0, 0)));
        assertEquals(List.of(), HealthMonitor.command(new Healthcheck(List.of(), 0, 0, 0, 0, 0)));
        assertEquals(List.of(), HealthMonitor.command(null));
    }

    @Test
    void durationsAsGoPrintsThem() {
        assertEquals("200ms", HealthMonitor.goDuration(Duration.ofMillis(200)));
        assertEquals("1.5s", HealthMonitor.goDuration(Duration.ofMillis(1500)));
        assertEquals("30s", HealthMonitor.goDuration(Duration.ofSeconds(30)));
        assertEquals("1m30s", HealthMonitor.goDuration(Duration.ofSeconds(90)));
        assertEquals("1h0m0s", HealthMonitor.goDuration(Duration.ofHours(1)));
        assertEquals("1ms", HealthMonitor.goDuration(Duration.ofMillis(1)));
        assertEquals("1.5µs", HealthMonitor.goDuration(Duration.ofNanos(1500)));
    }

    @Test
    void outputIsCutAt4096BytesWithDots(@TempDir Path dir) throws Exception {
        Path f = dir.resolve("output");
        assertEquals("", HealthMonitor.read(f), "no output file: no output");
        Files.writeString(f, "x".repeat(4096));
        assertEquals("x".repeat(4096), HealthMonitor.read(f));
        Files.writeString(f, "y".repeat(5000));
        assertEquals("y".repeat(4096) + "...", HealthMonitor.read(f));
    }

    @Test
    void createRefusesDurationsUnderAMillisecondAndNegativeRetries() {
        HealthMonitor.validate(null);
        HealthMonitor.validate(new Healthcheck(List.of("CMD", "true"), 0, MS, 0, 0, 0));
        var e = assertThrows(IllegalArgumentException.class,
                () -> HealthMonitor.validate(new Healthcheck(List.of("CMD", "true"), 999_999, 0, 0, 0, 0)));
        assertEquals("Interval in Healthcheck cannot be less than 1ms", e.getMessage());
        e = assertThrows(IllegalArgumentException.class,
                () -> HealthMonitor.validate(new Healthcheck(List.of("CMD", "true"), 0, 0, 0, -5, 0)));
        assertEquals("StartInterval in Healthcheck cannot be less than 1ms", e.getMessage());
        e = assertThrows(IllegalArgumentException.class,
                () -> HealthMonitor.validate(new Healthcheck(List.of("CMD", "true"), 0, 0, 0, 0, -1)));
        assertEquals("Retries in Healthcheck cannot be negative", e.getMessage());
    }
}
