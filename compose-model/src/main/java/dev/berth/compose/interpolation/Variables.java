package dev.berth.compose.interpolation;

import dev.berth.compose.tree.OverrideTag;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The variable inventory of a template or a whole document tree (compose-go's ExtractVariables):
 * every name used, with its default, presence value and whether it is required. Names used inside
 * a default or presence value are listed too. Malformed expressions are skipped, not reported.
 */
public final class Variables {

    private Variables() {
    }

    /** Variables used by every string value of {@code tree} (keys are not templates), by name. */
    public static Map<String, Variable> of(Object tree) {
        TreeMap<String, Variable> out = new TreeMap<>();
        collect(tree, out);
        return Collections.unmodifiableMap(out);
    }

    private static void collect(Object value, Map<String, Variable> out) {
        switch (value) {
            case String s -> ofString(s, out);
            case Map<?, ?> m -> m.values().forEach(v -> collect(v, out));
            case List<?> l -> l.forEach(v -> collect(v, out));
            case OverrideTag(Object inner) -> collect(inner, out);
            case null, default -> { }
        }
    }

    private static void ofString(String t, Map<String, Variable> out) {
        int i = t.indexOf('$');
        while (i >= 0 && i < t.length()) {
            Lexer.Match m = Lexer.match(t, i);
            switch (m.kind()) {
                case PLAIN -> add(new Variable(m.name(), "", "", false), out);
                case OPERATOR -> operator(t.substring(i, m.end()), m, out);
                default -> { }
            }
            i = t.indexOf('$', m.end());
        }
    }

    private static void operator(String match, Lexer.Match m, Map<String, Variable> out) {
        int close = Lexer.firstClosingBrace(match);
        String head = close > 0 ? match.substring(0, close + 1) : match;
        String argument = head.substring(2 + m.name().length() + m.operator().symbol().length(), head.length() - 1);
        Variable v = switch (m.operator()) {
            case REQUIRED, REQUIRED_NON_EMPTY -> new Variable(m.name(), "", "", true);
            case DEFAULT_WHEN_EMPTY, DEFAULT_WHEN_UNSET -> new Variable(m.name(), argument, "", false);
            case ALTERNATIVE_WHEN_NON_EMPTY, ALTERNATIVE_WHEN_SET -> new Variable(m.name(), "", argument, false);
        };
        add(v, out);
        if (!v.defaultValue().isEmpty()) ofString(v.defaultValue(), out);
        if (!v.presenceValue().isEmpty()) ofString(v.presenceValue(), out);
        if (close > 0 && close + 1 < match.length()) ofString(match.substring(close + 1), out);
    }

    private static void add(Variable v, Map<String, Variable> out) {
        out.merge(v.name(), v, Variable::mergedWith);
    }
}
