package dev.berth.compose.yaml;

import java.math.BigInteger;
import java.util.regex.Pattern;

/**
 * How a plain (unquoted) YAML scalar becomes a value, following compose-go's parser (yaml.v3):
 * only {@code true}/{@code false} are booleans ({@code yes}, {@code on} stay strings), an integer
 * with a leading {@code 0} is octal ({@code 0755}), {@code 22:22} is a string (no sexagesimal),
 * {@code ~}/{@code null}/empty are null.
 */
public final class ScalarRules {

    private static final Pattern FLOAT =
            Pattern.compile("^[-+]?(\\.[0-9]+|[0-9]+(\\.[0-9]*)?)([eE][-+]?[0-9]+)?$");

    private ScalarRules() {
    }

    public static Object resolvePlain(String s) {
        switch (s) {
            case "", "~", "null", "Null", "NULL":
                return null;
            case "true", "True", "TRUE":
                return Boolean.TRUE;
            case "false", "False", "FALSE":
                return Boolean.FALSE;
            case ".inf", ".Inf", ".INF", "+.inf", "+.Inf", "+.INF":
                return Double.POSITIVE_INFINITY;
            case "-.inf", "-.Inf", "-.INF":
                return Double.NEGATIVE_INFINITY;
            case ".nan", ".NaN", ".NAN":
                return Double.NaN;
            default:
                break;
        }
        char c = s.charAt(0);
        if (!(c >= '0' && c <= '9') && c != '-' && c != '+' && c != '.') return s;
        Long integer = parseInteger(s);
        if (integer != null) return integer;
        if (FLOAT.matcher(s).matches()) {
            try {
                return Double.parseDouble(s);
            } catch (NumberFormatException e) {
                return s;
            }
        }
        return s;
    }

    /** Go's {@code strconv.ParseInt(s, 0, 64)}: sign, then 0x/0o/0b prefixes or a leading-0 octal. */
    static Long parseInteger(String s) {
        int i = 0;
        boolean negative = false;
        if (s.charAt(0) == '+' || s.charAt(0) == '-') {
            negative = s.charAt(0) == '-';
            i = 1;
        }
        String body = s.substring(i);
        if (body.isEmpty()) return null;
        int radix = 10;
        boolean prefixed = false;
        if (body.length() > 1 && body.charAt(0) == '0') {
            char p = Character.toLowerCase(body.charAt(1));
            if (p == 'x') {
                radix = 16;
                body = body.substring(2);
                prefixed = true;
            } else if (p == 'o') {
                radix = 8;
                body = body.substring(2);
                prefixed = true;
            } else if (p == 'b') {
                radix = 2;
                body = body.substring(2);
                prefixed = true;
            } else {
                radix = 8;
                body = body.substring(1);
            }
        }
        if (prefixed) {
            // Go allows '_' between digits only when a base prefix is given.
            if (body.startsWith("_")) body = body.substring(1);
            if (body.contains("__") || body.endsWith("_")) return null;
            body = body.replace("_", "");
        }
        if (body.isEmpty()) return null;
        for (int k = 0; k < body.length(); k++) {
            if (Character.digit(body.charAt(k), radix) < 0) return null;
        }
        try {
            BigInteger v = new BigInteger(body, radix);
            if (negative) v = v.negate();
            if (v.bitLength() > 63) return null;
            return v.longValue();
        } catch (NumberFormatException e) {
            return null;
        }
    }
}
