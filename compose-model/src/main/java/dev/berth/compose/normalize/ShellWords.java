package dev.berth.compose.normalize;

import java.util.ArrayList;
import java.util.List;

/**
 * Splits a command string into words as compose-go does (go-shellwords with environment and
 * backtick expansion off): quotes group, backslash escapes, and an unquoted {@code ; & | < >}
 * ends the command.
 */
public final class ShellWords {

    private ShellWords() {
    }

    public static List<String> parse(String line) {
        List<String> args = new ArrayList<>();
        StringBuilder buf = new StringBuilder();
        boolean escaped = false;
        boolean doubleQuoted = false;
        boolean singleQuoted = false;
        boolean backQuote = false;
        boolean dollarQuote = false;
        boolean got = false;
        int[] cps = line.codePoints().toArray();
        loop:
        for (int cp : cps) {
            if (escaped) {
                if (cp == 't') cp = '\t';
                if (cp == 'n') cp = '\n';
                buf.appendCodePoint(cp);
                escaped = false;
                got = true;
                continue;
            }
            if (cp == '\\') {
                if (singleQuoted) {
                    buf.append('\\');
                } else {
                    escaped = true;
                }
                continue;
            }
            if (cp == ' ' || cp == '\t' || cp == '\r' || cp == '\n') {
                if (singleQuoted || doubleQuoted || backQuote || dollarQuote) {
                    buf.appendCodePoint(cp);
                } else if (got) {
                    args.add(buf.toString());
                    buf.setLength(0);
                    got = false;
                }
                continue;
            }
            switch (cp) {
                case '`' -> {
                    if (!singleQuoted && !doubleQuoted && !dollarQuote) backQuote = !backQuote;
                }
                case ')' -> {
                    if (!singleQuoted && !doubleQuoted && !backQuote) dollarQuote = !dollarQuote;
                }
                case '(' -> {
                    if (!singleQuoted && !doubleQuoted && !backQuote) {
                        if (!dollarQuote && buf.toString().endsWith("$")) {
                            dollarQuote = true;
                            buf.append('(');
                            continue;
                        }
                        throw new IllegalArgumentException("invalid command line string");
                    }
                }
                case '"' -> {
                    if (!singleQuoted && !dollarQuote) {
                        if (doubleQuoted) got = true;
                        doubleQuoted = !doubleQuoted;
                        continue;
                    }
                }
                case '\'' -> {
                    if (!doubleQuoted && !dollarQuote) {
                        if (singleQuoted) got = true;
                        singleQuoted = !singleQuoted;
                        continue;
                    }
                }
                case ';', '&', '|', '<', '>' -> {
                    if (!(singleQuoted || doubleQuoted || backQuote || dollarQuote)) {
                        if (cp == '>' && !buf.isEmpty() && Character.isDigit(buf.charAt(0))) got = false;
                        break loop;
                    }
                }
                default -> {
                }
            }
            got = true;
            buf.appendCodePoint(cp);
        }
        if (got) args.add(buf.toString());
        if (escaped || singleQuoted || doubleQuoted || backQuote || dollarQuote) {
            throw new IllegalArgumentException("invalid command line string");
        }
        return args;
    }
}
