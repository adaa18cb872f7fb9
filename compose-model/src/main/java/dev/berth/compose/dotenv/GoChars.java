package dev.berth.compose.dotenv;

/** Go's character classes used by compose-go's dotenv parser (they differ from Java's). */
final class GoChars {

    private GoChars() {
    }

    /** Go's unicode.IsSpace. */
    static boolean isUnicodeSpace(int c) {
        return switch (c) {
            case '\t', '\n', 0x0B, '\f', '\r', ' ', 0x85, 0xA0, 0x1680, 0x2028, 0x2029, 0x202F, 0x205F, 0x3000 -> true;
            default -> c >= 0x2000 && c <= 0x200A;
        };
    }

    /** A blank that does not end a line. */
    static boolean isBlank(int c) {
        return switch (c) {
            case '\t', 0x0B, '\f', '\r', ' ', 0x85, 0xA0 -> true;
            default -> false;
        };
    }

    /** A character allowed in a key: letters, numbers, {@code _ . - [ ]}. */
    static boolean isKeyChar(int c) {
        if (c == '_' || c == '.' || c == '-' || c == '[' || c == ']') return true;
        if (Character.isLetter(c)) return true;
        int type = Character.getType(c);
        return type == Character.DECIMAL_DIGIT_NUMBER || type == Character.LETTER_NUMBER
                || type == Character.OTHER_NUMBER;
    }

    /** {@code s} without trailing Go-unicode spaces. */
    static String trimRightUnicodeSpace(String s) {
        int end = s.length();
        while (end > 0) {
            int cp = s.codePointBefore(end);
            if (!isUnicodeSpace(cp)) break;
            end -= Character.charCount(cp);
        }
        return s.substring(0, end);
    }
}
