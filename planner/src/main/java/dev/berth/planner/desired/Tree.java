package dev.berth.planner.desired;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Typed reads of the canonical tree ({@code Project.model()}): absent and null read as empty. */
final class Tree {

    private Tree() {
    }

    @SuppressWarnings("unchecked")
    static Map<String, Object> map(Object node) {
        return node instanceof Map<?, ?> m ? (Map<String, Object>) m : Map.of();
    }

    static Map<String, Object> map(Map<String, Object> node, String key) {
        return map(node.get(key));
    }

    static List<Object> list(Map<String, Object> node, String key) {
        return node.get(key) instanceof List<?> l ? new ArrayList<>(l) : List.of();
    }

    /** A list of strings; null when the key is absent (Docker's "the image's"), empty when given empty. */
    static List<String> stringsOrNull(Map<String, Object> node, String key) {
        if (!(node.get(key) instanceof List<?> l)) return null;
        return l.stream().map(String::valueOf).toList();
    }

    static List<String> strings(Map<String, Object> node, String key) {
        List<String> out = stringsOrNull(node, key);
        return out == null ? List.of() : out;
    }

    /** A string value; null when absent. */
    static String string(Map<String, Object> node, String key) {
        Object v = node.get(key);
        return v == null ? null : String.valueOf(v);
    }

    static long number(Map<String, Object> node, String key) {
        Object v = node.get(key);
        if (v instanceof Number n) return n.longValue();
        if (v instanceof String s && !s.isEmpty()) return Long.parseLong(s);
        return 0;
    }

    static double decimal(Map<String, Object> node, String key) {
        Object v = node.get(key);
        if (v instanceof Number n) return n.doubleValue();
        if (v instanceof String s && !s.isEmpty()) return Double.parseDouble(s);
        return 0;
    }

    static boolean flag(Map<String, Object> node, String key) {
        Object v = node.get(key);
        return Boolean.TRUE.equals(v) || "true".equals(v);
    }

    /** A mapping of strings (labels, sysctls, driver_opts), in the tree's order. */
    static Map<String, String> stringMap(Map<String, Object> node, String key) {
        Map<String, String> out = new LinkedHashMap<>();
        map(node, key).forEach((k, v) -> out.put(k, v == null ? "" : String.valueOf(v)));
        return out;
    }
}
