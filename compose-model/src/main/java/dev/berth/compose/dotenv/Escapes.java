package dev.berth.compose.dotenv;

/**
 * Backslash sequences inside a double-quoted .env value: {@code \a \b \f \n \r \t \v \\ \"}, XSI
 * octal {@code \0ddd}, and {@code \$} for a dollar that is not expanded. Anything else (such as
 * {@code \x07} or {@code \u12e4}) is kept literally.
 */
final class Escapes {

    private Escapes() {
    }

    static String expand(String s) {
        if (s.indexOf('\\') < 0) return s;
        StringBuilder out = new StringBuilder(s.length());
        int n = s.length();
        int i = 0;
        while (i < n) {
            char c = s.charAt(i);
            if (c != '\\' || i + 1 >= n) {
                out.append(c);
                i++;
                continue;
            }
            char d = s.charAt(i + 1);
            switch (d) {
                case 'a' -> out.append('\u0007');
                case 'b' -> out.append('\b');
                case 'f' -> out.append('\f');
                case 'n' -> out.append('\n');
                case 'r' -> out.append('\r');
                case 't' -> out.append('\t');
                case 'v' -> out.append('\u000B');
                case '\\' -> out.append('\\');
                case '"' -> out.append('"');
                // "$$" is the template's own escape: the value keeps a literal dollar after expansion.
                case '$' -> out.append("$$");
                case '0' -> {
                    int end = i + 2;
                    while (end < n && end < i + 5 && s.charAt(end) >= '0' && s.charAt(end) <= '9') end++;
                    out.append(octal(s.substring(i, end)));
                    i = end;
                    continue;
                }
                default -> {
                    // not a sequence: keep the backslash and read on from the next character
                    out.append('\\');
                    i++;
                    continue;
                }
            }
            i += 2;
        }
        return out.toString();
    }

    /** {@code \0ddd} is the byte ddd (exactly three octal digits, at most 0377); otherwise kept as written. */
    private static String octal(String seq) {
        String digits = seq.substring(2);
        if (digits.length() != 3) return seq;
        int v = 0;
        for (int k = 0; k < 3; k++) {
            char c = digits.charAt(k);
            if (c > '7') return seq;
            v = v * 8 + (c - '0');
        }
        return v > 255 ? seq : String.valueOf((char) v);
    }
}
