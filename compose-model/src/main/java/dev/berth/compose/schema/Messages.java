package dev.berth.compose.schema;

import java.util.Collection;
import java.util.List;
import java.util.stream.Collectors;

/** The wording of schema errors: compose-go's sentence first, then what was actually found. */
final class Messages {

    private Messages() {
    }

    /** {@code must be a boolean, null, number or string, got a list}; kinds in the order given. */
    static String mustBe(Collection<Kind> expected, Object actual) {
        return "must be a " + joinOr(expected.stream().map(Kind::schemaName).toList()) + ", got " + Kind.describe(actual);
    }

    static String joinOr(List<String> words) {
        if (words.size() == 1) return words.getFirst();
        return String.join(", ", words.subList(0, words.size() - 1)) + " or " + words.getLast();
    }

    static String quoted(Collection<String> words) {
        return words.stream().map(w -> "'" + w + "'").collect(Collectors.joining(", "));
    }
}
