package dev.berth.compose.merge;

import dev.berth.compose.tree.KeyPath;
import java.util.List;

/**
 * A key path with {@code *} wildcards, such as {@code services.*.environment}: a wildcard matches
 * exactly one segment (a key or a list index), every other segment must be equal.
 */
record PathPattern(List<String> segments) {

    static PathPattern of(String dotted) {
        return new PathPattern(List.of(dotted.split("\\.")));
    }

    boolean matches(KeyPath path) {
        if (path.size() != segments.size()) return false;
        for (int i = 0; i < segments.size(); i++) {
            String expected = segments.get(i);
            if (!expected.equals("*") && !expected.equals(path.get(i))) return false;
        }
        return true;
    }

    @Override
    public String toString() {
        return String.join(".", segments);
    }
}
