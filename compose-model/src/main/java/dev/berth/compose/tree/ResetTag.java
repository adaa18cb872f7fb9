package dev.berth.compose.tree;

/** The YAML tag {@code !reset}: the key is removed from the merged result. */
public enum ResetTag {
    INSTANCE;

    @Override
    public String toString() {
        return "!reset";
    }
}
