package dev.berth.cli.image;

import java.time.Duration;
import java.time.Instant;
import java.util.Locale;

/** Sizes and ages as the docker CLI writes them ({@code 4.26MB}, {@code 2 hours ago}). */
public final class HumanUnits {

    private static final String[] SIZE_UNITS = {"B", "kB", "MB", "GB", "TB", "PB", "EB"};

    private HumanUnits() {
    }

    /** Decimal units, three significant digits, like go-units' HumanSizeWithPrecision(size, 3). */
    public static String size(long bytes) {
        double value = bytes;
        int unit = 0;
        while (value >= 1000 && unit < SIZE_UNITS.length - 1) {
            value /= 1000;
            unit++;
        }
        return goG3(value) + SIZE_UNITS[unit];
    }

    private static final String[] BINARY_UNITS = {"B", "KiB", "MiB", "GiB", "TiB", "PiB", "EiB"};

    /** Binary units, like go-units' BytesSize (%.4g): {@code docker stats} and {@code docker info} sizes. */
    public static String binarySize(long bytes) {
        double value = bytes;
        int unit = 0;
        while (value >= 1024 && unit < BINARY_UNITS.length - 1) {
            value /= 1024;
            unit++;
        }
        String s = value == 0 ? "0" : new java.math.BigDecimal(value).round(new java.math.MathContext(4)).stripTrailingZeros().toPlainString();
        return s + BINARY_UNITS[unit];
    }

    /** Go's %.3g: three significant digits, trailing zeros dropped. */
    private static String goG3(double v) {
        if (v == 0) return "0";
        String s = new java.math.BigDecimal(v).round(new java.math.MathContext(3)).stripTrailingZeros().toPlainString();
        return s;
    }

    public static String ago(Instant then, Instant now) {
        if (then == null) return "N/A";
        return duration(Duration.between(then, now)) + " ago";
    }

    /** go-units' HumanDuration. */
    public static String duration(Duration d) {
        long seconds = d.getSeconds();
        if (seconds < 1) return "Less than a second";
        if (seconds == 1) return "1 second";
        if (seconds < 60) return seconds + " seconds";
        long minutes = d.toMinutes();
        if (minutes == 1) return "About a minute";
        if (minutes < 60) return minutes + " minutes";
        long hours = Math.round(d.toMinutes() / 60.0);
        if (hours == 1) return "About an hour";
        if (hours < 48) return hours + " hours";
        if (hours < 24 * 7 * 2) return hours / 24 + " days";
        if (hours < 24 * 30 * 2) return hours / 24 / 7 + " weeks";
        if (hours < 24 * 365 * 2) return hours / 24 / 30 + " months";
        return String.format(Locale.ROOT, "%d years", hours / 24 / 365);
    }
}
