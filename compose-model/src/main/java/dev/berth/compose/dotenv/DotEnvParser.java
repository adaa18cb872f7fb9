package dev.berth.compose.dotenv;

import dev.berth.compose.interpolation.GoQuote;
import dev.berth.compose.interpolation.Template;
import java.util.LinkedHashMap;
import java.util.function.Function;

/**
 * One pass over one .env text, statement by statement, counting lines for error messages. Follows
 * compose-go's dotenv parser rule for rule, including where it is lenient (a key may end the file
 * without {@code =}) and where it counts lines late (an unterminated quote reports its last line).
 */
final class DotEnvParser {

    /** A parse error; the caller adds the file name. */
    static final class Failure extends RuntimeException {
        Failure(String message) {
            super(message);
        }
    }

    private final String src;
    private final Function<String, String> lookup;
    private final Function<String, String> fallback;
    private final LinkedHashMap<String, String> out = new LinkedHashMap<>();
    private int line = 1;
    private int pos;

    DotEnvParser(String src, Function<String, String> lookup, Function<String, String> fallback) {
        this.src = src.startsWith("\uFEFF") ? src.substring(1) : src;
        this.lookup = lookup;
        this.fallback = fallback;
    }

    LinkedHashMap<String, String> parse() {
        while (skipToStatement()) {
            statement();
        }
        return out;
    }

    /** Skips blanks, line breaks and comment lines; false at the end of the text. */
    private boolean skipToStatement() {
        while (true) {
            while (pos < src.length()) {
                int cp = src.codePointAt(pos);
                if (!GoChars.isUnicodeSpace(cp)) break;
                if (cp == '\n') line++;
                pos += Character.charCount(cp);
            }
            if (pos >= src.length()) return false;
            if (src.charAt(pos) != '#') return true;
            int nl = src.indexOf('\n', pos);
            if (nl < 0) {
                pos = src.length();
                return false;
            }
            pos = nl;
        }
    }

    private void statement() {
        skipExportKeyword();
        int start = pos;
        int end = -1;
        char terminator = 0;
        for (int i = pos; i < src.length(); ) {
            int cp = src.codePointAt(i);
            if (cp == '=' || cp == ':' || cp == '\n') {
                end = i;
                terminator = (char) cp;
                break;
            }
            if (!GoChars.isBlank(cp) && !GoChars.isKeyChar(cp)) {
                int nl = src.indexOf('\n', start);
                String firstLine = src.substring(start, nl < 0 ? src.length() : nl);
                throw new Failure("line " + line + ": unexpected character " + GoQuote.quote(Character.toString(cp))
                        + " in variable name " + GoQuote.quote(firstLine));
            }
            i += Character.charCount(cp);
        }
        // No terminator before the end: compose-go reads an empty key and takes the rest as its value.
        String rawKey = end < 0 ? "" : src.substring(start, end);
        boolean inherited = terminator == '\n';
        if (inherited && rawKey.indexOf(' ') < 0) line++;
        String key = GoChars.trimRightUnicodeSpace(rawKey);
        if (key.contains(" ")) throw new Failure("line " + line + ": key cannot contain a space");
        pos = end < 0 ? start : end + 1;
        skipBlanks();
        if (inherited) {
            String value = inheritedValue(key);
            if (value != null) out.put(key, value);
            return;
        }
        out.put(key, value());
    }

    /** {@code export} followed by at least one ASCII space (as Go's regexp {@code \s}) is dropped. */
    private void skipExportKeyword() {
        if (!src.startsWith("export", pos) || pos + 6 >= src.length()) return;
        char c = src.charAt(pos + 6);
        if (c == ' ' || c == '\t' || c == '\n' || c == '\f' || c == '\r') {
            pos += 6;
            skipBlanks();
        }
    }

    private void skipBlanks() {
        while (pos < src.length()) {
            int cp = src.codePointAt(pos);
            if (!GoChars.isBlank(cp)) break;
            pos += Character.charCount(cp);
        }
    }

    private String value() {
        char quote = pos < src.length() ? src.charAt(pos) : 0;
        if (quote != '"' && quote != '\'') return unquoted();
        StringBuilder chars = new StringBuilder();
        boolean escaped = false;
        for (int i = pos + 1; i < src.length(); i++) {
            char c = src.charAt(i);
            if (c == '\n') line++;
            if (escaped) {
                escaped = false;
                // an escaped quote loses its backslash; any other escaped character keeps it
                if (c != quote) chars.append('\\');
                chars.append(c);
            } else if (c == '\\') {
                escaped = true;
            } else if (c == quote) {
                pos = i + 1;
                String value = chars.toString();
                return quote == '"' ? expand(Escapes.expand(value)) : value;
            } else {
                chars.append(c);
            }
        }
        int nl = src.indexOf('\n', pos);
        throw new Failure("line " + line + ": unterminated quoted value " + src.substring(pos, nl < 0 ? src.length() : nl));
    }

    /** Up to the end of the line; an inline comment needs a space before its {@code #}. */
    private String unquoted() {
        int nl = src.indexOf('\n', pos);
        String value = src.substring(pos, nl < 0 ? src.length() : nl);
        pos = nl < 0 ? src.length() : nl + 1;
        line++;
        int comment = value.indexOf(" #");
        if (comment >= 0) value = value.substring(0, comment);
        return expand(GoChars.trimRightUnicodeSpace(value));
    }

    /** Expansion sees the lookup first (the OS environment), then this file's earlier values, then the fallback. */
    private String expand(String value) {
        return Template.substitute(value, name -> {
            String v = lookup.apply(name);
            if (v != null) return v;
            v = out.get(name);
            if (v != null) return v;
            return fallback.apply(name);
        });
    }

    private String inheritedValue(String key) {
        String v = lookup.apply(key);
        return v != null ? v : fallback.apply(key);
    }
}
