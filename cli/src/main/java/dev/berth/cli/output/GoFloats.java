package dev.berth.cli.output;

import java.math.BigDecimal;

/**
 * Floating-point numbers spelled as Go spells them, so our output matches compose's:
 * yaml.v3 writes {@code strconv.FormatFloat(f, 'g', -1, 64)} (exponent form below 1e-4 and from
 * 1e6 up) and encoding/json writes {@code 'f'} form between 1e-6 and 1e21, {@code 'e'} form
 * outside with a one-digit negative exponent ("1e-7"). Both use the shortest digits that read
 * back as the same double, as Java's {@link Double#toString} does.
 */
final class GoFloats {

    private GoFloats() {
    }

    /** yaml.v3's spelling. */
    static String yaml(double f) {
        if (Double.isNaN(f)) return ".nan";
        if (Double.isInfinite(f)) return f > 0 ? ".inf" : "-.inf";
        Digits d = Digits.of(f);
        int exp = d.point - 1;
        return exp < -4 || exp >= 6 ? d.exponentForm() : d.plainForm();
    }

    /** encoding/json's spelling. */
    static String json(double f) {
        if (Double.isNaN(f) || Double.isInfinite(f)) return "null"; // Go refuses these; never in a model
        double abs = Math.abs(f);
        if (abs != 0 && (abs < 1e-6 || abs >= 1e21)) {
            return Digits.of(f).exponentForm().replaceFirst("e-0(\\d)$", "e-$1");
        }
        return Digits.of(f).plainForm();
    }

    /**
     * The shortest decimal digits of a double: value = 0.{digits} x 10^point.
     */
    private record Digits(boolean negative, String digits, int point) {

        static Digits of(double f) {
            boolean negative = f < 0 || (f == 0 && 1 / f < 0);
            if (f == 0) return new Digits(negative, "0", 1);
            BigDecimal exact = new BigDecimal(Double.toString(Math.abs(f))).stripTrailingZeros();
            String digits = exact.unscaledValue().toString();
            return new Digits(negative, digits, digits.length() - exact.scale());
        }

        String exponentForm() {
            StringBuilder sb = new StringBuilder(negative ? "-" : "");
            sb.append(digits.charAt(0));
            if (digits.length() > 1) sb.append('.').append(digits, 1, digits.length());
            int exp = point - 1;
            sb.append('e').append(exp < 0 ? '-' : '+');
            int abs = Math.abs(exp);
            if (abs < 10) sb.append('0');
            return sb.append(abs).toString();
        }

        String plainForm() {
            StringBuilder sb = new StringBuilder(negative ? "-" : "");
            if (point <= 0) {
                sb.append("0.").repeat('0', -point).append(digits);
            } else if (point >= digits.length()) {
                sb.append(digits).repeat('0', point - digits.length());
            } else {
                sb.append(digits, 0, point).append('.').append(digits, point, digits.length());
            }
            return sb.toString();
        }
    }
}
