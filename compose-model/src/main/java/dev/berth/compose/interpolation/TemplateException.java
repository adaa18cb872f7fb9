package dev.berth.compose.interpolation;

/**
 * A {@code ${…}} expression that cannot be substituted. Two kinds, as compose-go has them: the text
 * is not a valid template, or a required variable ({@code ${VAR:?msg}}, {@code ${VAR?msg}}) has no value.
 */
public abstract sealed class TemplateException extends RuntimeException
        permits TemplateException.InvalidTemplate, TemplateException.MissingRequired {

    private TemplateException(String message) {
        super(message);
    }

    /** A {@code $} followed by a brace that starts no valid substitution, such as an unclosed brace or a space in the name. */
    public static final class InvalidTemplate extends TemplateException {

        private final String template;

        public InvalidTemplate(String template) {
            super("Invalid template: " + GoQuote.quote(template));
            this.template = template;
        }

        /** The (innermost) template text that failed to parse. */
        public String template() {
            return template;
        }
    }

    /** {@code ${VAR:?reason}} or {@code ${VAR?reason}} met an unset (or, for {@code :?}, empty) variable. */
    public static final class MissingRequired extends TemplateException {

        private final String variable;
        private final String reason;

        public MissingRequired(String variable, String reason) {
            super(reason.isEmpty()
                    ? "required variable " + variable + " is missing a value"
                    : "required variable " + variable + " is missing a value: " + reason);
            this.variable = variable;
            this.reason = reason;
        }

        public String variable() {
            return variable;
        }

        /** The message written after the operator, itself interpolated; may be empty. */
        public String reason() {
            return reason;
        }
    }
}
