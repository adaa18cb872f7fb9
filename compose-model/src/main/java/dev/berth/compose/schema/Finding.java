package dev.berth.compose.schema;

import dev.berth.compose.tree.KeyPath;

/**
 * One schema violation before positions are attached. {@code specificity} ranks findings the way
 * compose-go picks its "most specific" error: the depth of the path, one more for an unknown key.
 */
record Finding(KeyPath path, String message, int specificity) {

    static Finding at(KeyPath path, String message) {
        return new Finding(path, message, path.size());
    }
}
