package dev.berth.compose.interpolation;

/** The operators allowed after a name inside {@code ${…}}. */
enum Operator {
    /** {@code :?} error when unset or empty. */
    REQUIRED_NON_EMPTY(":?"),
    /** {@code ?} error when unset. */
    REQUIRED("?"),
    /** {@code :-} default when unset or empty. */
    DEFAULT_WHEN_EMPTY(":-"),
    /** {@code -} default when unset. */
    DEFAULT_WHEN_UNSET("-"),
    /** {@code :+} alternative when set and not empty. */
    ALTERNATIVE_WHEN_NON_EMPTY(":+"),
    /** {@code +} alternative when set. */
    ALTERNATIVE_WHEN_SET("+");

    private final String symbol;

    Operator(String symbol) {
        this.symbol = symbol;
    }

    String symbol() {
        return symbol;
    }

    /** The operator starting at {@code t[i]}, or null. */
    static Operator at(String t, int i) {
        if (i >= t.length()) return null;
        boolean colon = t.charAt(i) == ':';
        int j = colon ? i + 1 : i;
        if (j >= t.length()) return null;
        return switch (t.charAt(j)) {
            case '?' -> colon ? REQUIRED_NON_EMPTY : REQUIRED;
            case '-' -> colon ? DEFAULT_WHEN_EMPTY : DEFAULT_WHEN_UNSET;
            case '+' -> colon ? ALTERNATIVE_WHEN_NON_EMPTY : ALTERNATIVE_WHEN_SET;
            default -> null;
        };
    }
}
