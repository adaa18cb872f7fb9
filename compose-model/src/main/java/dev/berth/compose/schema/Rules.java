package dev.berth.compose.schema;

import java.util.List;
import java.util.Set;

/** The small vocabulary the Compose schema is written in (see {@link ComposeSchema}). */
final class Rules {

    static final Rule STRING = types(Kind.STRING);
    static final Rule BOOLEAN = types(Kind.BOOLEAN);
    static final Rule INTEGER = types(Kind.INTEGER);
    static final Rule NUMBER = types(Kind.NUMBER);
    static final Rule NULL = types(Kind.NULL);
    /** {@code ["boolean", "string"]}: a flag that may still hold a {@code ${VAR}}. */
    static final Rule BOOLEAN_OR_STRING = types(Kind.BOOLEAN, Kind.STRING);
    static final Rule INTEGER_OR_STRING = types(Kind.INTEGER, Kind.STRING);
    static final Rule NUMBER_OR_STRING = types(Kind.NUMBER, Kind.STRING);
    static final Rule ANY = AnyRule.INSTANCE;

    private Rules() {
    }

    static Rule types(Kind... kinds) {
        return new TypeRule(Set.of(kinds));
    }

    static MappingRule mapping() {
        return new MappingRule();
    }

    /** A mapping with {@code additionalProperties: false} and {@code ^x-} extension keys allowed. */
    static MappingRule closedMapping() {
        return new MappingRule().closed().extensions();
    }

    static ListRule listOf(Rule items) {
        return new ListRule(items, false);
    }

    static OneOf oneOf(Rule... branches) {
        return new OneOf(List.of(branches));
    }

    static StringRule enumOf(String... values) {
        return StringRule.oneOf(values);
    }

    static StringRule pattern(String regex) {
        return StringRule.matching(regex);
    }

    static IntegerRule integer(long minimum, long maximum) {
        return new IntegerRule(minimum, maximum);
    }

    static IntegerRule integerAtLeast(long minimum) {
        return new IntegerRule(minimum, Long.MAX_VALUE);
    }
}
