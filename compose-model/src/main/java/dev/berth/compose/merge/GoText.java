package dev.berth.compose.merge;

import java.math.BigDecimal;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * Scalars written the way Go's {@code fmt} {@code %v} writes them, because compose-go builds
 * {@code KEY=VALUE} strings with it when it turns a mapping into a list ({@code 1.0} is {@code 1},
 * {@code true} is {@code true}).
 */
final class GoText {

    private GoText() {
    }

    static String of(Object value) {
        return switch (value) {
            case null -> "<nil>";
            case String s -> s;
            case Double d -> ofDouble(d);
            case List<?> l -> l.stream().map(GoText::of).collect(Collectors.joining(" ", "[", "]"));
            case Map<?, ?> m -> m.entrySet().stream()
                    .map(e -> e.getKey() + ":" + of(e.getValue()))
                    .sorted()
                    .collect(Collectors.joining(" ", "map[", "]"));
            default -> String.valueOf(value);
        };
    }

    /** Go's %v for float64 is %g with the shortest digits: exponent form below 1e-4 and from 1e6 ({@code 1e+06}). */
    private static String ofDouble(double d) {
        if (Double.isNaN(d)) return "NaN";
        if (Double.isInfinite(d)) return d > 0 ? "+Inf" : "-Inf";
        if (d == 0) return (1 / d < 0) ? "-0" : "0";
        BigDecimal exact = new BigDecimal(Double.toString(d)).stripTrailingZeros();
        int exponent = exact.precision() - exact.scale() - 1;
        if (exponent < -4 || exponent >= 6) {
            String digits = exact.unscaledValue().abs().toString();
            String mantissa = digits.length() == 1 ? digits : digits.charAt(0) + "." + digits.substring(1);
            String sign = exact.signum() < 0 ? "-" : "";
            String expSign = exponent < 0 ? "-" : "+";
            int abs = Math.abs(exponent);
            return sign + mantissa + "e" + expSign + (abs < 10 ? "0" : "") + abs;
        }
        return exact.toPlainString();
    }
}
