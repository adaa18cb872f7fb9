package dev.berth.compose.interpolation;

import java.util.function.Consumer;
import java.util.function.Function;

/**
 * compose-go's variable substitution: {@code $VAR}, {@code ${VAR}}, {@code ${VAR:-default}},
 * {@code ${VAR-default}}, {@code ${VAR:?message}}, {@code ${VAR?message}}, {@code ${VAR:+alt}},
 * {@code ${VAR+alt}}, {@code $$} for a literal dollar. Defaults, alternatives and messages may nest
 * further substitutions; only the branch that is used is evaluated.
 */
public final class Template {

    private static final Consumer<String> IGNORE = name -> { };

    private Template() {
    }

    /**
     * Substitutes every variable in {@code template}.
     *
     * @param lookup the value of a variable, or null when it is not set
     * @throws TemplateException.InvalidTemplate when a <code>${</code> starts nothing valid
     * @throws TemplateException.MissingRequired when a required variable has no value
     */
    public static String substitute(String template, Function<String, String> lookup) {
        return substitute(template, lookup, IGNORE);
    }

    /**
     * As {@link #substitute(String, Function)}, telling {@code unset} the name of every variable that
     * was used without a value and without an operator (compose warns "The "X" variable is not set.
     * Defaulting to a blank string.").
     */
    public static String substitute(String template, Function<String, String> lookup, Consumer<String> unset) {
        int dollar = template.indexOf('$');
        if (dollar < 0) return template;
        StringBuilder out = new StringBuilder(template.length() + 16);
        out.append(template, 0, dollar);
        int i = dollar;
        int n = template.length();
        while (i < n) {
            if (template.charAt(i) != '$') {
                int next = template.indexOf('$', i);
                if (next < 0) next = n;
                out.append(template, i, next);
                i = next;
                continue;
            }
            Lexer.Match m = Lexer.match(template, i);
            switch (m.kind()) {
                case LITERAL -> out.append('$');
                case ESCAPED -> out.append('$');
                case PLAIN -> out.append(plain(m.name(), lookup, unset));
                case OPERATOR -> out.append(withOperator(template.substring(i, m.end()), m, lookup, unset));
                case INVALID -> throw new TemplateException.InvalidTemplate(template);
            }
            i = m.end();
        }
        return out.toString();
    }

    /** compose-go's warning text for a variable used without a value. */
    public static String unsetWarning(String name) {
        return "The " + GoQuote.quote(name) + " variable is not set. Defaulting to a blank string.";
    }

    private static String plain(String name, Function<String, String> lookup, Consumer<String> unset) {
        String value = lookup.apply(name);
        if (value != null) return value;
        unset.accept(name);
        return "";
    }

    /**
     * {@code match} runs from <code>${</code> to the last brace on its line; the expression ends at its own
     * closing brace and whatever follows inside the match is substituted on its own.
     */
    private static String withOperator(String match, Lexer.Match m, Function<String, String> lookup,
                                       Consumer<String> unset) {
        int close = Lexer.firstClosingBrace(match);
        String head = close >= 0 ? match.substring(0, close + 1) : match;
        String rest = close >= 0 ? match.substring(close + 1) : "";
        String argument = head.substring(2 + m.name().length() + m.operator().symbol().length(), head.length() - 1);
        String value = lookup.apply(m.name());
        boolean set = value != null;
        boolean nonEmpty = set && !value.isEmpty();
        String result = switch (m.operator()) {
            case DEFAULT_WHEN_EMPTY -> nonEmpty ? value : substitute(argument, lookup, unset);
            case DEFAULT_WHEN_UNSET -> set ? value : substitute(argument, lookup, unset);
            case ALTERNATIVE_WHEN_NON_EMPTY -> nonEmpty ? substitute(argument, lookup, unset) : orEmpty(value);
            case ALTERNATIVE_WHEN_SET -> set ? substitute(argument, lookup, unset) : "";
            case REQUIRED_NON_EMPTY -> {
                if (nonEmpty) yield value;
                throw new TemplateException.MissingRequired(m.name(), substitute(argument, lookup, unset));
            }
            case REQUIRED -> {
                if (set) yield value;
                throw new TemplateException.MissingRequired(m.name(), substitute(argument, lookup, unset));
            }
        };
        return rest.isEmpty() ? result : result + substitute(rest, lookup, unset);
    }

    private static String orEmpty(String value) {
        return value == null ? "" : value;
    }
}
