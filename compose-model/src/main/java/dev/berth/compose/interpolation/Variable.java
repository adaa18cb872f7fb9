package dev.berth.compose.interpolation;

/**
 * One variable a Compose file uses, as {@code docker compose config --variables} lists it.
 *
 * @param defaultValue  text after {@code :-} / {@code -}, unsubstituted; "" when none
 * @param presenceValue text after {@code :+} / {@code +}, unsubstituted; "" when none
 * @param required      used with {@code :?} or {@code ?}
 */
public record Variable(String name, String defaultValue, String presenceValue, boolean required) {

    /** Two uses of one variable: required sticks, and a default or presence value is kept once seen. */
    Variable mergedWith(Variable later) {
        return new Variable(name,
                later.defaultValue.isEmpty() ? defaultValue : later.defaultValue,
                later.presenceValue.isEmpty() ? presenceValue : later.presenceValue,
                required || later.required);
    }
}
