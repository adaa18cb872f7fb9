package dev.berth.cli.container;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;

/**
 * Docker's time arguments ({@code logs --since/--until}): an RFC 3339 time, a date-time without
 * zone (UTC), Unix seconds with an optional fraction, or a Go duration ago ({@code 10m}, {@code 1h30m}).
 */
public final class TimeArgument {

    private TimeArgument() {
    }

    public static Instant parse(String option, String value, Instant now) {
        if (value == null || value.isEmpty()) return null;
        try {
            return OffsetDateTime.parse(value).toInstant();
        } catch (DateTimeParseException notRfc3339) {
            // next form
        }
        try {
            return java.time.LocalDateTime.parse(value).toInstant(java.time.ZoneOffset.UTC);
        } catch (DateTimeParseException notLocal) {
            // next form
        }
        if (value.matches("\\d+(\\.\\d+)?")) {
            java.math.BigDecimal s = new java.math.BigDecimal(value);
            return Instant.ofEpochSecond(s.longValue(), s.remainder(java.math.BigDecimal.ONE).movePointRight(9).longValue());
        }
        try {
            return now.minusNanos(dev.berth.compose.normalize.GoDuration.parse(value));
        } catch (RuntimeException e) {
            throw new IllegalArgumentException("invalid value for " + option + ": \"" + value
                    + "\": expected a time (2013-01-02T13:23:37Z), Unix seconds, or a duration (10m, 1h30m)");
        }
    }
}
