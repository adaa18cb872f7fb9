package dev.berth.compose.tree;

/** A place in a source file; line and column count from 1. */
public record Position(String file, int line, int column) {

    @Override
    public String toString() {
        return file + ":" + line + ":" + column;
    }
}
