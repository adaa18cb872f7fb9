package dev.berth.compose.normalize;

import java.math.BigDecimal;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Byte sizes as compose-go reads them (go-units {@code RAMInBytes}: binary multiples,
 * {@code 512m} = 536870912, {@code 2gb} = 2147483648); integers are taken as bytes.
 */
public final class ByteSize {

    private static final Pattern SIZE = Pattern.compile("^(\\d+(\\.\\d+)*) ?([kKmMgGtTpP])?[iI]?[bB]?$");

    private ByteSize() {
    }

    /** Bytes for an integer or a size string; anything else is an {@link IllegalArgumentException}. */
    public static long parse(Object value) {
        return switch (value) {
            case Long l -> l;
            case Integer i -> i.longValue();
            case String s -> parseString(s);
            default -> throw new IllegalArgumentException("invalid size: '" + GoValues.sprint(value) + "'");
        };
    }

    private static long parseString(String s) {
        Matcher m = SIZE.matcher(s);
        if (!m.matches() || m.group(2) != null && m.group(1).chars().filter(c -> c == '.').count() > 1) {
            throw new IllegalArgumentException("invalid size: '" + s + "'");
        }
        BigDecimal number = new BigDecimal(m.group(1));
        String unit = m.group(3) == null ? "" : m.group(3).toLowerCase();
        long multiplier = switch (unit) {
            case "k" -> 1L << 10;
            case "m" -> 1L << 20;
            case "g" -> 1L << 30;
            case "t" -> 1L << 40;
            case "p" -> 1L << 50;
            default -> 1;
        };
        // go-units multiplies as float64 and truncates to int64
        return (long) (number.doubleValue() * multiplier);
    }
}
