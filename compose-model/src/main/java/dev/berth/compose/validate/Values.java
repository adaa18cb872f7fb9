package dev.berth.compose.validate;

import java.util.List;
import java.util.Map;

/** Lenient reads of plain value trees: wrong or missing shapes read as absent. */
final class Values {

    private Values() {
    }

    @SuppressWarnings("unchecked")
    static Map<String, Object> map(Object value) {
        return value instanceof Map<?, ?> m ? (Map<String, Object>) m : Map.of();
    }

    static List<?> list(Object value) {
        return value instanceof List<?> l ? l : List.of();
    }

    /** The string form of a scalar, or null. */
    static String string(Object value) {
        return value == null || value instanceof Map || value instanceof List ? null : value.toString();
    }

    static boolean isBlank(Object value) {
        String s = string(value);
        return s == null || s.isEmpty();
    }

    static boolean isTrue(Object value) {
        return value instanceof Boolean b ? b : value != null && "true".equalsIgnoreCase(value.toString().trim());
    }

    /** A whole number from a Long/Integer/Double/numeric string, or null. */
    static Long number(Object value) {
        return switch (value) {
            case Long l -> l;
            case Integer i -> i.longValue();
            case Double d when d == Math.rint(d) -> d.longValue();
            case String s -> {
                try {
                    yield Long.parseLong(s.trim());
                } catch (NumberFormatException e) {
                    yield null;
                }
            }
            case null, default -> null;
        };
    }

    /** A decimal number from a Number or numeric string, or null. */
    static Double decimal(Object value) {
        return switch (value) {
            case Number n -> n.doubleValue();
            case String s -> {
                try {
                    yield Double.parseDouble(s.trim());
                } catch (NumberFormatException e) {
                    yield null;
                }
            }
            case null, default -> null;
        };
    }
}
