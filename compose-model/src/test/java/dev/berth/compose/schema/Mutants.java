package dev.berth.compose.schema;

import dev.berth.compose.model.Trees;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;

/**
 * Makes broken (and sometimes still valid) variants of a Compose document: unknown keys, known keys
 * in the wrong place, values of the wrong kind, bad enum values, removed keys.
 */
final class Mutants {

    /** What a mutant changed, for the report. */
    enum Change { UNKNOWN_KEY, VOCABULARY_KEY, WRONG_KIND, BAD_ENUM, REMOVED_KEY }

    record Mutant(Change change, String description, Object root) {
    }

    /** Values of every kind, including ones that hit enum, range and uniqueness limits. */
    static final List<Object> SAMPLES = List.of(
            "x", "${VARIABLE}", "all", "host", "service_started", "sync", "bind", "start-first", "enabled", "z",
            "every_2d", "1g", "", 0L, 1L, -1L, 101L, -1001L, 2.5, 1.0, true, false,
            List.of(), List.of("a"), List.of("a", "a"), List.of(1L), List.of(Map.of("a", "b")),
            Map.of(), Map.of("a", "b"), Map.of("a", List.of("b")), Map.of("x-a", 1L));

    /** Null is a sample too (List.of cannot hold it). */
    private static final Object NULL = null;

    private final Random random;
    private final List<String> vocabulary;

    Mutants(long seed, List<String> vocabulary) {
        this.random = new Random(seed);
        this.vocabulary = vocabulary;
    }

    List<Mutant> of(Object root, int count) {
        List<List<Object>> mappings = new ArrayList<>();
        List<List<Object>> children = new ArrayList<>();
        collect(root, new ArrayList<>(), mappings, children);
        List<Mutant> out = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            Mutant m = one(root, mappings, children);
            if (m != null) out.add(m);
        }
        return out;
    }

    private Mutant one(Object root, List<List<Object>> mappings, List<List<Object>> children) {
        Change change = Change.values()[random.nextInt(Change.values().length)];
        Object copy = Trees.copy(root);
        switch (change) {
            case UNKNOWN_KEY, VOCABULARY_KEY -> {
                if (mappings.isEmpty()) return null;
                List<Object> at = pick(mappings);
                String key = change == Change.UNKNOWN_KEY ? "helicopters" : pick(vocabulary);
                Object value = random.nextInt(8) == 0 ? NULL : pick(SAMPLES);
                mapping(copy, at).put(key, Trees.copy(value));
                return new Mutant(change, at + " + " + key + ": " + value, copy);
            }
            case WRONG_KIND, BAD_ENUM -> {
                if (children.isEmpty()) return null;
                List<Object> at = pick(children);
                Object value = change == Change.BAD_ENUM ? "not-a-valid-value"
                        : random.nextInt(8) == 0 ? NULL : pick(SAMPLES);
                set(copy, at, Trees.copy(value));
                return new Mutant(change, at + " = " + value, copy);
            }
            case REMOVED_KEY -> {
                List<List<Object>> keyed = children.stream().filter(p -> p.getLast() instanceof String).toList();
                if (keyed.isEmpty()) return null;
                List<Object> at = pick(keyed);
                mapping(copy, at.subList(0, at.size() - 1)).remove((String) at.getLast());
                return new Mutant(change, "- " + at, copy);
            }
        }
        return null;
    }

    private <T> T pick(List<T> from) {
        return from.get(random.nextInt(from.size()));
    }

    /** Paths of every mapping, and of every value inside a mapping or list (tagged values are left alone). */
    private static void collect(Object value, List<Object> path, List<List<Object>> mappings, List<List<Object>> children) {
        if (!path.isEmpty()) children.add(List.copyOf(path));
        if (value instanceof Map<?, ?> m) {
            mappings.add(List.copyOf(path));
            for (Map.Entry<?, ?> e : m.entrySet()) {
                path.add(e.getKey());
                collect(e.getValue(), path, mappings, children);
                path.removeLast();
            }
        } else if (value instanceof List<?> l) {
            for (int i = 0; i < l.size(); i++) {
                path.add(i);
                collect(l.get(i), path, mappings, children);
                path.removeLast();
            }
        }
    }

    @SuppressWarnings("unchecked")
    static Object get(Object root, List<Object> path) {
        Object v = root;
        for (Object segment : path) {
            v = segment instanceof Integer i ? ((List<Object>) v).get(i) : ((Map<String, Object>) v).get(segment);
        }
        return v;
    }

    @SuppressWarnings("unchecked")
    static Map<String, Object> mapping(Object root, List<Object> path) {
        return (Map<String, Object>) get(root, path);
    }

    @SuppressWarnings("unchecked")
    static void set(Object root, List<Object> path, Object value) {
        Object parent = get(root, path.subList(0, path.size() - 1));
        Object last = path.getLast();
        if (last instanceof Integer i) ((List<Object>) parent).set(i, value);
        else ((Map<String, Object>) parent).put((String) last, value);
    }
}
