package dev.berth.compose.normalize;

import java.math.BigDecimal;
import java.util.List;
import java.util.Map;

/** Scalars written the way Go's {@code fmt.Sprint} writes them, as compose-go does when it turns values into strings. */
final class GoValues {

    private GoValues() {
    }

    /** {@code fmt.Sprint(v)} for the scalars a Compose tree holds; null becomes {@code ""}. */
    static String sprint(Object v) {
        return switch (v) {
            case null -> "";
            case String s -> s;
            case Double d -> formatFloat(d);
            case Float f -> formatFloat(f.doubleValue());
            default -> String.valueOf(v);
        };
    }

    static boolean isScalar(Object v) {
        return !(v instanceof Map<?, ?>) && !(v instanceof List<?>);
    }

    /** Go's {@code %v} for a float64: shortest digits, exponent form below 1e-4 and from 1e6 on. */
    static String formatFloat(double d) {
        if (Double.isNaN(d)) return "NaN";
        if (Double.isInfinite(d)) return d > 0 ? "+Inf" : "-Inf";
        if (d == 0) return (1 / d < 0) ? "-0" : "0";
        BigDecimal bd = new BigDecimal(Double.toString(d)).stripTrailingZeros();
        String digits = bd.unscaledValue().abs().toString();
        int exp = digits.length() - bd.scale() - 1;
        String sign = d < 0 ? "-" : "";
        if (exp < -4 || exp >= 6) {
            String mantissa = digits.length() == 1 ? digits : digits.charAt(0) + "." + digits.substring(1);
            String e = String.valueOf(Math.abs(exp));
            if (e.length() < 2) e = "0" + e;
            return sign + mantissa + "e" + (exp < 0 ? "-" : "+") + e;
        }
        return sign + bd.abs().toPlainString();
    }
}
