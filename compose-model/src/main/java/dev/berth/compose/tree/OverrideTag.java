package dev.berth.compose.tree;

/** The YAML tag {@code !override}: the value replaces the base value instead of merging with it. */
public record OverrideTag(Object value) {
}
