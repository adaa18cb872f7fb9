package dev.berth.compose.tree;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Positions of the values of one parsed document, by key path. Stages after parsing work on
 * plain values and look positions up here when they report an error.
 */
public final class SourceMap {

    private final String file;
    private final Map<KeyPath, Position> positions = new HashMap<>();

    public SourceMap(String file) {
        this.file = file;
    }

    public String file() {
        return file;
    }

    public void put(KeyPath path, int line, int column) {
        positions.putIfAbsent(path, new Position(file, line, column));
    }

    /** Adds every position of {@code other}, replacing those already here (a later file wins). */
    public void overlay(SourceMap other) {
        positions.putAll(other.positions);
    }

    /** The position of the value at {@code path}, or of its nearest ancestor that has one. */
    public Position find(KeyPath path) {
        KeyPath p = path;
        while (true) {
            Position pos = positions.get(p);
            if (pos != null) return pos;
            if (p.isRoot()) return null;
            p = p.parent();
        }
    }

    /** The exact position of {@code path}, or null. */
    public Position exact(KeyPath path) {
        return positions.get(path);
    }

    /** Looks a path up in several maps, latest first (the file that set a value last wins). */
    public static Position find(List<SourceMap> maps, KeyPath path) {
        for (int i = maps.size() - 1; i >= 0; i--) {
            Position pos = maps.get(i).exact(path);
            if (pos != null) return pos;
        }
        for (int i = maps.size() - 1; i >= 0; i--) {
            Position pos = maps.get(i).find(path);
            if (pos != null) return pos;
        }
        return null;
    }
}
