package dev.berth.cli.compose;

import java.util.List;
import java.util.Map;

/**
 * Compact JSON as Go's {@code encoding/json} writes it: object keys in the order given (a Go map's
 * keys sorted, a struct's fields in declaration order), and, with {@code escapeHtml} (Go's default,
 * which the docker CLI's {@code {{json .}}} keeps), {@code < > &} as {@code \u003c \u003e \u0026}.
 */
final class GoJson {

    private final boolean escapeHtml;

    GoJson(boolean escapeHtml) {
        this.escapeHtml = escapeHtml;
    }

    /** A {@link Map} (keys in its iteration order), {@link List}, String, Number, Boolean or null. */
    String write(Object value) {
        StringBuilder b = new StringBuilder();
        write(b, value);
        return b.toString();
    }

    private void write(StringBuilder b, Object value) {
        switch (value) {
            case null -> b.append("null");
            case String s -> string(b, s);
            case Number n -> b.append(n);
            case Boolean v -> b.append(v);
            case Map<?, ?> m -> {
                b.append('{');
                boolean first = true;
                for (var e : m.entrySet()) {
                    if (!first) b.append(',');
                    first = false;
                    string(b, e.getKey().toString());
                    b.append(':');
                    write(b, e.getValue());
                }
                b.append('}');
            }
            case List<?> l -> {
                b.append('[');
                for (int i = 0; i < l.size(); i++) {
                    if (i > 0) b.append(',');
                    write(b, l.get(i));
                }
                b.append(']');
            }
            default -> throw new IllegalArgumentException("not a JSON value: " + value.getClass());
        }
    }

    private void string(StringBuilder b, String s) {
        b.append('"');
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '"' -> b.append("\\\"");
                case '\\' -> b.append("\\\\");
                case '\n' -> b.append("\\n");
                case '\r' -> b.append("\\r");
                case '\t' -> b.append("\\t");
                default -> {
                    if (c < 0x20 || c == '\u2028' || c == '\u2029' || (escapeHtml && (c == '<' || c == '>' || c == '&'))) {
                        b.append(String.format("\\u%04x", (int) c));
                    } else {
                        b.append(c);
                    }
                }
            }
        }
        b.append('"');
    }
}
