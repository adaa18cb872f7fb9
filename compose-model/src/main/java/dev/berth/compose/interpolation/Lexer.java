package dev.berth.compose.interpolation;

/**
 * Finds the next substitution in a template exactly where compose-go's pattern
 * {@code \$(?i:(\$)|([_a-z][_a-z0-9]*)|\{(?:([_a-z][_a-z0-9]*(?::?[-+?](.*))?)\}|()))} would,
 * by hand (no regex per string). Quirks kept on purpose: an operator form runs to the LAST
 * <code>}</code> on its line, and the nested part is then cut at the first balanced brace.
 */
final class Lexer {

    enum Kind {
        /** {@code $$}: a literal dollar. */
        ESCAPED,
        /** {@code $NAME} or {@code ${NAME}}. */
        PLAIN,
        /** {@code ${NAME<op>…}}. */
        OPERATOR,
        /** <code>${</code> that starts nothing valid. */
        INVALID,
        /** A lone {@code $}: kept as is. */
        LITERAL
    }

    /** One match starting at a {@code $}; {@code end} is exclusive. */
    record Match(Kind kind, int end, String name, Operator operator) {
    }

    private Lexer() {
    }

    /** The match at {@code t.charAt(i) == '$'}. */
    static Match match(String t, int i) {
        int n = t.length();
        if (i + 1 >= n) return new Match(Kind.LITERAL, i + 1, null, null);
        char d = t.charAt(i + 1);
        if (d == '$') return new Match(Kind.ESCAPED, i + 2, null, null);
        if (isNameStart(d)) {
            int j = nameEnd(t, i + 2);
            return new Match(Kind.PLAIN, j, t.substring(i + 1, j), null);
        }
        if (d != '{') return new Match(Kind.LITERAL, i + 1, null, null);
        int k = i + 2;
        if (k < n && isNameStart(t.charAt(k))) {
            int j = nameEnd(t, k + 1);
            String name = t.substring(k, j);
            if (j < n && t.charAt(j) == '}') return new Match(Kind.PLAIN, j + 1, name, null);
            Operator op = Operator.at(t, j);
            if (op != null) {
                int argStart = j + op.symbol().length();
                int lineEnd = t.indexOf('\n', argStart);
                if (lineEnd < 0) lineEnd = n;
                int last = t.lastIndexOf('}', lineEnd - 1);
                if (last >= argStart) return new Match(Kind.OPERATOR, last + 1, name, op);
            }
        }
        return new Match(Kind.INVALID, i + 2, null, null);
    }

    /**
     * Index of the brace closing the first <code>${</code>, counted as compose-go does (every
     * <code>{</code> opens and skips the character after it); -1 when unbalanced.
     */
    static int firstClosingBrace(String s) {
        int open = 0;
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c == '}') {
                open--;
                if (open == 0) return i;
            }
            if (c == '{') {
                open++;
                i++;
            }
        }
        return -1;
    }

    private static int nameEnd(String t, int from) {
        int j = from;
        while (j < t.length() && isNameChar(t.charAt(j))) j++;
        return j;
    }

    /** {@code [_a-z]} under Go's case folding, which also admits the long s and the Kelvin sign. */
    static boolean isNameStart(char c) {
        return c == '_' || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '\u017F' || c == '\u212A';
    }

    static boolean isNameChar(char c) {
        return isNameStart(c) || (c >= '0' && c <= '9');
    }
}
