package dev.berth.compose.normalize;

/** A file mode as compose-go marshals it: octal with a leading zero ({@code 0440}). */
public final class FileMode {

    private FileMode() {
    }

    /** {@code 288} (YAML {@code 0440} or {@code 0o440}) or {@code "0440"} (parsed as octal) → {@code "0440"}. */
    public static String canonical(Object mode) {
        long value = switch (mode) {
            case Long l -> l;
            case Integer i -> i;
            case String s -> parseOctal(s);
            default -> throw new IllegalArgumentException("invalid file mode: " + GoValues.sprint(mode));
        };
        return "0" + Long.toOctalString(value);
    }

    private static long parseOctal(String s) {
        String digits = s.startsWith("0o") || s.startsWith("0O") ? s.substring(2) : s;
        try {
            return Long.parseLong(digits, 8);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("invalid file mode: " + s);
        }
    }
}
