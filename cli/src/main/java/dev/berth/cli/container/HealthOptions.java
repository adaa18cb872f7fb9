package dev.berth.cli.container;

import dev.berth.compose.normalize.GoDuration;
import dev.berth.engine.container.Healthcheck;
import java.util.List;

/**
 * {@code berth run}'s health flags as Docker's CLI reads them: {@code --health-cmd} (run with
 * {@code /bin/sh -c}), {@code --health-interval}, {@code --health-timeout}, {@code --health-start-period},
 * {@code --health-start-interval} (Go durations: {@code 300ms}, {@code 1m30s}), {@code --health-retries},
 * and {@code --no-healthcheck} (turns the image's HEALTHCHECK off). Unset: null, and 0 retries.
 */
public record HealthOptions(String cmd, String interval, String timeout, int retries, String startPeriod,
                            String startInterval, boolean disabled) {

    public static final HealthOptions NONE = new HealthOptions(null, null, null, 0, null, null, false);

    /** The create request's Healthcheck: null (the image's) when no flag was given. */
    public Healthcheck healthcheck() {
        long interval = duration("--health-interval", this.interval);
        long timeout = duration("--health-timeout", this.timeout);
        long startPeriod = duration("--health-start-period", this.startPeriod);
        long startInterval = duration("--health-start-interval", this.startInterval);
        boolean any = cmd != null && !cmd.isEmpty() || interval != 0 || timeout != 0 || startPeriod != 0 || startInterval != 0
                || retries != 0;
        if (disabled) {
            if (any) throw new IllegalArgumentException("--no-healthcheck conflicts with --health-* options");
            return new Healthcheck(List.of("NONE"), 0, 0, 0, 0, 0);
        }
        if (!any) return null;
        if (retries < 0) throw new IllegalArgumentException("--health-retries cannot be negative");
        // no --health-cmd: the image's test with these settings (Docker merges them field by field)
        List<String> test = cmd == null || cmd.isEmpty() ? List.of() : List.of("CMD-SHELL", cmd);
        return new Healthcheck(test, interval, timeout, startPeriod, startInterval, retries);
    }

    private static long duration(String flag, String value) {
        if (value == null || value.isEmpty()) return 0;
        long nanos;
        try {
            nanos = GoDuration.parse(value.strip());
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("invalid argument \"" + value + "\" for \"" + flag + "\" flag: " + e.getMessage()
                    + " (a duration such as 300ms, 10s, 1m30s)");
        }
        if (nanos < 0) throw new IllegalArgumentException(flag + " cannot be negative");
        return nanos;
    }
}
