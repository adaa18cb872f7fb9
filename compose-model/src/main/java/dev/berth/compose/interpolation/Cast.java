package dev.berth.compose.interpolation;

import java.util.Locale;

/**
 * Turns the string form of a typed field into its value, as compose-go's interpolation casts do;
 * null when the string is not of that type (the value is then left for the schema check to report).
 */
enum Cast {
    /** Go's strconv.Atoi / ParseInt(10, 64): optional sign, decimal digits. */
    INTEGER {
        @Override
        Object apply(String s) {
            if (s.isEmpty() || !isDigitsWithSign(s)) return null;
            try {
                return Long.parseLong(s);
            } catch (NumberFormatException e) {
                return null;
            }
        }
    },
    /** Go's strconv.ParseFloat(64). */
    FLOAT {
        @Override
        Object apply(String s) {
            return parseFloat(s, Double.MAX_VALUE);
        }
    },
    /** Go's strconv.ParseFloat(32): range-checked as a float, kept as the parsed double. */
    FLOAT32 {
        @Override
        Object apply(String s) {
            return parseFloat(s, Float.MAX_VALUE);
        }
    },
    /** YAML 1.1 booleans as compose-go accepts them: y/yes/true/on and n/no/false/off, any case. */
    BOOLEAN {
        @Override
        Object apply(String s) {
            return switch (s.toLowerCase(Locale.ROOT)) {
                case "y", "yes", "true", "on" -> Boolean.TRUE;
                case "n", "no", "false", "off" -> Boolean.FALSE;
                default -> null;
            };
        }
    },
    /** File permission bits: {@code "0440"} and {@code "440"} are both octal. */
    FILE_MODE {
        @Override
        Object apply(String s) {
            if (s.isEmpty() || !isDigitsWithSign(s)) return null;
            try {
                return Long.parseLong(s, 8);
            } catch (NumberFormatException e) {
                return null;
            }
        }
    };

    abstract Object apply(String s);

    private static boolean isDigitsWithSign(String s) {
        int start = s.charAt(0) == '+' || s.charAt(0) == '-' ? 1 : 0;
        if (start == s.length()) return false;
        for (int i = start; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c < '0' || c > '9') return false;
        }
        return true;
    }

    /** Double.parseDouble accepts more than Go (spaces, "1f", "1d"); those are refused first. */
    private static Double parseFloat(String s, double max) {
        if (s.isEmpty()) return null;
        String unsigned = s.charAt(0) == '+' || s.charAt(0) == '-' ? s.substring(1) : s;
        switch (unsigned.toLowerCase(Locale.ROOT)) {
            case "inf", "infinity" -> {
                return s.charAt(0) == '-' ? Double.NEGATIVE_INFINITY : Double.POSITIVE_INFINITY;
            }
            case "nan" -> {
                return Double.NaN;
            }
            default -> { }
        }
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            boolean ok = (c >= '0' && c <= '9') || c == '.' || c == '+' || c == '-' || c == 'e' || c == 'E'
                    || c == 'x' || c == 'X' || c == 'p' || c == 'P' || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F');
            if (!ok) return null;
        }
        char last = s.charAt(s.length() - 1);
        if (last == 'd' || last == 'D' || last == 'f' || last == 'F') return null;
        try {
            double d = Double.parseDouble(s);
            if (Double.isInfinite(d) || Math.abs(d) > max) return null;
            return d;
        } catch (NumberFormatException e) {
            return null;
        }
    }
}
