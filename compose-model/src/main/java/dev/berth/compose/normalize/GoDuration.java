package dev.berth.compose.normalize;

/**
 * Durations as compose-go reads them (str2duration: Go's {@code time.ParseDuration} plus the
 * units {@code d} and {@code w}) and writes them (Go's {@code time.Duration.String()}: {@code 1m30s},
 * {@code 2m0s}, {@code 1h0m0s}, {@code 500ms}).
 */
public final class GoDuration {

    private static final long NANOSECOND = 1;
    private static final long MICROSECOND = 1000 * NANOSECOND;
    private static final long MILLISECOND = 1000 * MICROSECOND;
    private static final long SECOND = 1000 * MILLISECOND;
    private static final long MINUTE = 60 * SECOND;
    private static final long HOUR = 60 * MINUTE;
    private static final long DAY = 24 * HOUR;
    private static final long WEEK = 7 * DAY;

    private GoDuration() {
    }

    /** Parses {@code 1h30m}, {@code 10s}, {@code 1.5h}, {@code 2d}; returns nanoseconds. */
    public static long parse(String s) {
        String orig = s;
        if (s.isEmpty()) throw invalid(orig);
        boolean neg = false;
        char c0 = s.charAt(0);
        if (c0 == '-' || c0 == '+') {
            neg = c0 == '-';
            s = s.substring(1);
        }
        if (s.equals("0")) return 0;
        if (s.isEmpty()) throw invalid(orig);
        double total = 0;
        int i = 0;
        while (i < s.length()) {
            int start = i;
            while (i < s.length() && (Character.isDigit(s.charAt(i)) || s.charAt(i) == '.')) i++;
            String number = s.substring(start, i);
            if (number.isEmpty() || number.equals(".") || number.indexOf('.') != number.lastIndexOf('.')) {
                throw invalid(orig);
            }
            int unitStart = i;
            while (i < s.length() && !Character.isDigit(s.charAt(i)) && s.charAt(i) != '.') i++;
            String unit = s.substring(unitStart, i);
            if (unit.isEmpty()) throw new IllegalArgumentException("missing unit in duration \"" + orig + "\"");
            long scale = switch (unit) {
                case "ns" -> NANOSECOND;
                case "us", "µs", "μs" -> MICROSECOND;
                case "ms" -> MILLISECOND;
                case "s" -> SECOND;
                case "m" -> MINUTE;
                case "h" -> HOUR;
                case "d" -> DAY;
                case "w" -> WEEK;
                default -> throw new IllegalArgumentException(
                        "unknown unit \"" + unit + "\" in duration \"" + orig + "\"");
            };
            total += new java.math.BigDecimal(number).multiply(java.math.BigDecimal.valueOf(scale)).doubleValue();
        }
        if (total > Long.MAX_VALUE) throw invalid(orig);
        long nanos = Math.round(total);
        return neg ? -nanos : nanos;
    }

    /** Go's {@code time.Duration(nanos).String()}. */
    public static String format(long nanos) {
        if (nanos == 0) return "0s";
        boolean neg = nanos < 0;
        long u = Math.abs(nanos);
        StringBuilder out = new StringBuilder();
        if (u < SECOND) {
            if (u < MICROSECOND) {
                out.append(u).append("ns");
            } else if (u < MILLISECOND) {
                out.append(fraction(u, 3)).append("µs");
            } else {
                out.append(fraction(u, 6)).append("ms");
            }
        } else {
            long hours = u / HOUR;
            long minutes = (u % HOUR) / MINUTE;
            long secondsNanos = u % MINUTE;
            if (hours > 0) out.append(hours).append('h');
            if (hours > 0 || minutes > 0) out.append(minutes).append('m');
            out.append(fraction(secondsNanos, 9)).append('s');
        }
        return (neg ? "-" : "") + out;
    }

    /** A duration value from the tree ({@code "90s"}) in Go's canonical spelling ({@code "1m30s"}). */
    public static String normalize(Object value) {
        return format(parse(GoValues.sprint(value)));
    }

    /** {@code v / 10^digits} with the fraction's trailing zeros dropped, as Go's fmtFrac does. */
    private static String fraction(long v, int digits) {
        long pow = (long) Math.pow(10, digits);
        long whole = v / pow;
        long frac = v % pow;
        if (frac == 0) return Long.toString(whole);
        String f = String.format("%0" + digits + "d", frac).replaceAll("0+$", "");
        return whole + "." + f;
    }

    private static IllegalArgumentException invalid(String s) {
        return new IllegalArgumentException("invalid duration \"" + s + "\"");
    }
}
