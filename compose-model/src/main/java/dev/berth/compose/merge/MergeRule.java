package dev.berth.compose.merge;

import dev.berth.compose.tree.KeyPath;

/** How one attribute merges when both documents set it; {@code base} is free of markers. */
@FunctionalInterface
interface MergeRule {
    Object merge(Merger merger, Object base, Object override, KeyPath path);
}
