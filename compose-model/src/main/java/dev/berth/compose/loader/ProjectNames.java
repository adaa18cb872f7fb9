package dev.berth.compose.loader;

import dev.berth.compose.ComposeException;

/** Project names as compose has them: lowercase {@code [a-z0-9_-]}, starting with a letter or digit. */
public final class ProjectNames {

    private ProjectNames() {
    }

    /** Lowercases, keeps only {@code [a-z0-9_-]}, trims leading {@code _} and {@code -}. */
    public static String normalize(String s) {
        StringBuilder sb = new StringBuilder(s.length());
        for (char c : s.toLowerCase(java.util.Locale.ROOT).toCharArray()) {
            if ((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '_' || c == '-') sb.append(c);
        }
        int start = 0;
        while (start < sb.length() && (sb.charAt(start) == '_' || sb.charAt(start) == '-')) start++;
        return sb.substring(start);
    }

    /** A name given by {@code -p} or COMPOSE_PROJECT_NAME must already be normal. */
    public static String requireValid(String name) {
        if (name.isEmpty() || !normalize(name).equals(name)) {
            throw new ComposeException("invalid project name \"" + name + "\": must consist only of lowercase"
                    + " alphanumeric characters, hyphens, and underscores as well as start with a letter or number");
        }
        return name;
    }
}
