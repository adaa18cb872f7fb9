package dev.berth.cli.output;

import com.fasterxml.jackson.dataformat.yaml.util.StringQuotingChecker;
import java.math.BigInteger;
import java.time.DateTimeException;
import java.time.LocalDate;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Which strings yaml.v3 writes in double quotes: those that would read back as something other
 * than a string (null, a boolean, an int, a float, a timestamp, the merge key {@code <<}), plus
 * YAML 1.1 booleans ({@code yes}, {@code on}, ...) and sexagesimal numbers ({@code 22:22}) that
 * older parsers would misread. Strings that are only syntactically awkward ({@code *.example},
 * {@code - x}) are left to the emitter, which single-quotes them as yaml.v3's does.
 */
final class YamlQuoting extends StringQuotingChecker {

    private static final long serialVersionUID = 1L;

    private static final Set<String> NON_STRINGS = Set.of(
            "", "~", "null", "Null", "NULL",
            "true", "True", "TRUE", "false", "False", "FALSE",
            ".nan", ".NaN", ".NAN", ".inf", ".Inf", ".INF", "+.inf", "+.Inf", "+.INF", "-.inf", "-.Inf", "-.INF",
            "<<");
    private static final Set<String> OLD_BOOLEANS = Set.of(
            "y", "Y", "yes", "Yes", "YES", "on", "On", "ON",
            "n", "N", "no", "No", "NO", "off", "Off", "OFF");

    private static final Pattern FLOAT = Pattern.compile("[-+]?(\\.[0-9]+|[0-9]+(\\.[0-9]*)?)([eE][-+]?[0-9]+)?");
    private static final Pattern DOT_FLOAT = Pattern.compile("\\.[0-9]+([eE][-+]?[0-9]+)?");
    private static final Pattern BASE60 = Pattern.compile("[-+]?[0-9][0-9_]*(?::[0-5]?[0-9])+(?:\\.[0-9_]*)?");
    private static final Pattern INTEGER = Pattern.compile(
            "[-+]?(0[xX][0-9a-fA-F]+|0[oO][0-7]+|0[bB][01]+|0[0-7]*|[1-9][0-9]*)");
    private static final Pattern TIMESTAMP = Pattern.compile(
            "([0-9]{4})-([0-9]{1,2})-([0-9]{1,2})"
                    + "(?:(?:[Tt][0-9]{1,2}:[0-9]{1,2}:[0-9]{1,2}(?:\\.[0-9]+)?(?:Z|[-+][0-9]{2}:[0-9]{2}))"
                    + "|(?: [0-9]{1,2}:[0-9]{1,2}:[0-9]{1,2}(?:\\.[0-9]+)?))?");
    private static final BigInteger UINT64_MAX = BigInteger.ONE.shiftLeft(64).subtract(BigInteger.ONE);
    private static final BigInteger INT64_MIN = BigInteger.valueOf(Long.MIN_VALUE);

    @Override
    public boolean needToQuoteName(String name) {
        return needsQuotes(name);
    }

    @Override
    public boolean needToQuoteValue(String value) {
        return needsQuotes(value);
    }

    static boolean needsQuotes(String s) {
        return readsAsNonString(s) || OLD_BOOLEANS.contains(s) || BASE60.matcher(s).matches();
    }

    /** yaml.v3's resolve(): does this plain scalar read as anything but a string? */
    static boolean readsAsNonString(String s) {
        if (NON_STRINGS.contains(s)) return true;
        char first = s.charAt(0);
        if (first == '.') return DOT_FLOAT.matcher(s).matches();
        if (first != '+' && first != '-' && (first < '0' || first > '9')) return false;
        if (isTimestamp(s)) return true;
        String plain = s.replace("_", "");
        return isInt64OrUint64(plain) || FLOAT.matcher(plain).matches();
    }

    /** Go's time.Parse with yaml.v3's layouts: the date part must be a real date. */
    private static boolean isTimestamp(String s) {
        Matcher m = TIMESTAMP.matcher(s);
        if (!m.matches()) return false;
        try {
            LocalDate.of(Integer.parseInt(m.group(1)), Integer.parseInt(m.group(2)), Integer.parseInt(m.group(3)));
            return true;
        } catch (DateTimeException e) {
            return false;
        }
    }

    private static boolean isInt64OrUint64(String s) {
        if (!INTEGER.matcher(s).matches()) return false;
        boolean negative = s.charAt(0) == '-';
        String body = s.charAt(0) == '-' || s.charAt(0) == '+' ? s.substring(1) : s;
        BigInteger magnitude;
        if (body.length() > 1 && body.charAt(0) == '0' && Character.isLetter(body.charAt(1))) {
            int radix = switch (Character.toLowerCase(body.charAt(1))) {
                case 'x' -> 16;
                case 'o' -> 8;
                default -> 2;
            };
            magnitude = new BigInteger(body.substring(2), radix);
        } else {
            magnitude = body.length() > 1 && body.charAt(0) == '0' ? new BigInteger(body.substring(1), 8) : new BigInteger(body);
        }
        BigInteger value = negative ? magnitude.negate() : magnitude;
        // Go tries ParseInt (signed 64-bit) and then ParseUint (no sign allowed).
        boolean signed = value.compareTo(INT64_MIN) >= 0 && value.bitLength() < 64;
        boolean unsigned = s.charAt(0) != '-' && s.charAt(0) != '+' && value.compareTo(UINT64_MAX) <= 0;
        return signed || unsigned;
    }
}
