package dev.berth.compose;

import dev.berth.compose.tree.KeyPath;
import dev.berth.compose.tree.Position;

/**
 * One thing wrong with a Compose project: where (file:line:column when the YAML has one, and the
 * key path) and what was expected.
 */
public record ComposeError(Position position, KeyPath path, String message) {

    public static ComposeError of(String message) {
        return new ComposeError(null, null, message);
    }

    @Override
    public String toString() {
        StringBuilder sb = new StringBuilder();
        if (position != null) sb.append(position).append(": ");
        if (path != null && !path.isRoot()) sb.append(path).append(": ");
        return sb.append(message).toString();
    }
}
