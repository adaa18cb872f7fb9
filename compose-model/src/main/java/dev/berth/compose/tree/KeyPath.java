package dev.berth.compose.tree;

import java.util.ArrayList;
import java.util.List;

/**
 * Where a value sits in a Compose document: {@code services.web.ports[1]}.
 * Segments are {@link String} keys and {@link Integer} list indexes.
 */
public record KeyPath(List<Object> segments) {

    public static final KeyPath ROOT = new KeyPath(List.of());

    public KeyPath {
        segments = List.copyOf(segments);
    }

    public static KeyPath of(Object... segments) {
        return new KeyPath(List.of(segments));
    }

    /** Parses the dotted form ({@code services.web.ports[1]}); keys containing dots cannot round-trip. */
    public static KeyPath parse(String dotted) {
        List<Object> out = new ArrayList<>();
        if (dotted.isEmpty()) return ROOT;
        for (String part : dotted.split("\\.")) {
            int bracket = part.indexOf('[');
            String key = bracket < 0 ? part : part.substring(0, bracket);
            if (!key.isEmpty()) out.add(key);
            while (bracket >= 0) {
                int end = part.indexOf(']', bracket);
                out.add(Integer.parseInt(part.substring(bracket + 1, end)));
                bracket = part.indexOf('[', end);
            }
        }
        return new KeyPath(out);
    }

    public KeyPath child(String key) {
        return append(key);
    }

    public KeyPath index(int index) {
        return append(index);
    }

    private KeyPath append(Object segment) {
        List<Object> next = new ArrayList<>(segments.size() + 1);
        next.addAll(segments);
        next.add(segment);
        return new KeyPath(next);
    }

    public boolean isRoot() {
        return segments.isEmpty();
    }

    public int size() {
        return segments.size();
    }

    public Object get(int i) {
        return segments.get(i);
    }

    public Object last() {
        return segments.isEmpty() ? null : segments.getLast();
    }

    public KeyPath parent() {
        return segments.isEmpty() ? this : new KeyPath(segments.subList(0, segments.size() - 1));
    }

    public boolean startsWith(KeyPath prefix) {
        return segments.size() >= prefix.segments.size()
                && segments.subList(0, prefix.segments.size()).equals(prefix.segments);
    }

    @Override
    public String toString() {
        StringBuilder sb = new StringBuilder();
        for (Object s : segments) {
            if (s instanceof Integer i) {
                sb.append('[').append(i).append(']');
            } else {
                if (!sb.isEmpty()) sb.append('.');
                sb.append(s);
            }
        }
        return sb.toString();
    }
}
