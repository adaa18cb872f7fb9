package dev.berth.compose.schema;

import java.util.regex.Pattern;

/**
 * A {@code patternProperties} key pattern. The Java regex mirrors the schema's with Go's RE2
 * meaning (compose-go validates with Go): {@code .} is any character but a newline and {@code $}
 * is the very end of the key.
 */
record KeyPattern(String schemaSource, Pattern pattern) {

    /** {@code ^x-}: an extension key. */
    static final KeyPattern EXTENSION = of("^x-", "^x-");
    /** {@code ^[a-zA-Z0-9._-]+$}: the name of a service, network, volume, ... */
    static final KeyPattern NAME = of("^[a-zA-Z0-9._-]+$", "^[a-zA-Z0-9._-]+\\z");
    /** {@code .+}: any key with at least one character other than a newline. */
    static final KeyPattern ANY = of(".+", "[^\\n]");
    /** {@code ^.+$}: any non-empty key without a newline. */
    static final KeyPattern ANY_LINE = of("^.+$", "^[^\\n]+\\z");
    /** {@code ^[a-z]+$}: a ulimit name. */
    static final KeyPattern LOWERCASE = of("^[a-z]+$", "^[a-z]+\\z");

    private static KeyPattern of(String schemaSource, String javaRegex) {
        return new KeyPattern(schemaSource, Pattern.compile(javaRegex));
    }

    boolean matches(String key) {
        if (this == EXTENSION) return key.startsWith("x-"); // the common case, without a matcher
        return pattern.matcher(key).find();
    }
}
