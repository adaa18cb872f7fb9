package dev.berth.compose.schema;

import java.util.List;
import java.util.Map;

/** The JSON types a Compose value can have, named as compose-go names them in its messages. */
enum Kind {
    BOOLEAN("boolean", "a boolean"),
    INTEGER("integer", "an integer"),
    LIST("list", "a list"),
    MAPPING("mapping", "a mapping"),
    NULL("null", "null"),
    NUMBER("number", "a number"),
    STRING("string", "a string");

    private final String schemaName;
    private final String described;

    Kind(String schemaName, String described) {
        this.schemaName = schemaName;
        this.described = described;
    }

    /** The name used after "must be a" (compose-go says "mapping" for a JSON object). */
    String schemaName() {
        return schemaName;
    }

    /** The kind of a plain tree value; a number with no fractional part is an integer, as in JSON Schema. */
    static Kind of(Object value) {
        return switch (value) {
            case null -> NULL;
            case String s -> STRING;
            case Boolean b -> BOOLEAN;
            case Long l -> INTEGER;
            case Integer i -> INTEGER;
            case Double d -> isIntegral(d) ? INTEGER : NUMBER;
            case Number n -> NUMBER;
            case Map<?, ?> m -> MAPPING;
            case List<?> l -> LIST;
            default -> throw new IllegalArgumentException("not a Compose tree value: " + value.getClass().getName());
        };
    }

    private static boolean isIntegral(double d) {
        return !Double.isInfinite(d) && !Double.isNaN(d) && d == Math.rint(d);
    }

    /** Whether a value of kind {@code actual} satisfies this expected kind (an integer is a number). */
    boolean accepts(Kind actual) {
        return this == actual || (this == NUMBER && actual == INTEGER);
    }

    /** "a string", "a list", ... for the "got ..." part of a message. */
    static String describe(Object value) {
        Kind kind = of(value);
        if (kind == NUMBER && value instanceof Double) return "a number (" + value + ")";
        return kind.described;
    }
}
