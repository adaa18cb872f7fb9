package dev.berth.compose.schema;

import dev.berth.compose.tree.KeyPath;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;

/** A string restricted to a list of values ({@code enum}) or to a regular expression ({@code pattern}). */
final class StringRule implements Rule {

    private static final Set<Kind> KINDS = Set.of(Kind.STRING);
    private static final List<Kind> STRING_ONLY = List.of(Kind.STRING);

    private final List<String> values;
    private final Pattern pattern;
    private final String patternSource;

    private StringRule(List<String> values, String patternSource) {
        this.values = values;
        this.patternSource = patternSource;
        this.pattern = patternSource == null ? null : Pattern.compile(patternSource);
    }

    static StringRule oneOf(String... values) {
        return new StringRule(List.of(values), null);
    }

    /** As in JSON Schema, the pattern is searched for, not anchored: anchors must be written out. */
    static StringRule matching(String regex) {
        return new StringRule(null, regex);
    }

    @Override
    public void check(Object value, KeyPath path, Report report) {
        if (!(value instanceof String s)) {
            report.add(path, Messages.mustBe(STRING_ONLY, value));
        } else if (values != null && !values.contains(s)) {
            report.add(path, "must be one of " + Messages.quoted(values) + ", got '" + s + "'");
        } else if (pattern != null && !pattern.matcher(s).find()) {
            report.add(path, "'" + s + "' does not match pattern '" + patternSource + "'");
        }
    }

    @Override
    public Set<Kind> kinds() {
        return KINDS;
    }
}
