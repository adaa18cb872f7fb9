package dev.berth.engine.container;

import java.time.Instant;
import java.util.List;

/**
 * Docker's {@code State.Health}: {@code starting} until the first passing probe (failures during the
 * start period do not count), {@code healthy}, or {@code unhealthy} after {@code retries} failures in
 * a row. The log keeps the last five probes, as Docker's does.
 */
public record Health(String status, int failingStreak, List<Probe> log) {

    public static final String STARTING = "starting";
    public static final String HEALTHY = "healthy";
    public static final String UNHEALTHY = "unhealthy";
    public static final int LOG_ENTRIES = 5;

    /** One run of the test: Docker's {@code HealthcheckResult}. */
    public record Probe(Instant start, Instant end, int exitCode, String output) {}

    public Health {
        log = log == null ? List.of() : List.copyOf(log);
    }

    public static Health starting() {
        return new Health(STARTING, 0, List.of());
    }
}
