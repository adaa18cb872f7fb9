package dev.berth.engine.container;

import java.time.Duration;
import java.util.List;

/**
 * Docker's {@code Config.Healthcheck}: how berthd probes a running container. Durations are in
 * nanoseconds as in Docker's API; 0 means "the default" (and for a container's own healthcheck:
 * "the image's"), as Docker reads them.
 *
 * @param test {@code ["CMD", arg...]} runs arg... directly, {@code ["CMD-SHELL", "cmd"]} runs it with
 *             {@code /bin/sh -c}, {@code ["NONE"]} turns the image's check off; empty: the image's
 */
public record Healthcheck(List<String> test, long interval, long timeout, long startPeriod, long startInterval,
                          int retries) {

    public static final Duration DEFAULT_INTERVAL = Duration.ofSeconds(30);
    public static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(30);
    public static final Duration DEFAULT_START_INTERVAL = Duration.ofSeconds(5);
    public static final int DEFAULT_RETRIES = 3;

    public Healthcheck {
        test = test == null ? List.of() : List.copyOf(test);
    }

    /** {@code ["NONE"]}: no health check, even if the image has one. */
    public boolean disabled() {
        return !test.isEmpty() && test.getFirst().equals("NONE");
    }

    /** A check to run: a test other than NONE. */
    public boolean active() {
        return !test.isEmpty() && !disabled();
    }

    public Duration effectiveInterval() {
        return interval > 0 ? Duration.ofNanos(interval) : DEFAULT_INTERVAL;
    }

    public Duration effectiveTimeout() {
        return timeout > 0 ? Duration.ofNanos(timeout) : DEFAULT_TIMEOUT;
    }

    public Duration effectiveStartInterval() {
        return startInterval > 0 ? Duration.ofNanos(startInterval) : DEFAULT_START_INTERVAL;
    }

    public int effectiveRetries() {
        return retries > 0 ? retries : DEFAULT_RETRIES;
    }

    /** The container's check over the image's, field by field, as Docker merges them (empty/0: the image's). */
    public Healthcheck over(Healthcheck image) {
        if (image == null) return this;
        return new Healthcheck(test.isEmpty() ? image.test : test, interval > 0 ? interval : image.interval,
                timeout > 0 ? timeout : image.timeout, startPeriod > 0 ? startPeriod : image.startPeriod,
                startInterval > 0 ? startInterval : image.startInterval, retries > 0 ? retries : image.retries);
    }
}
