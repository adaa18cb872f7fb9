package dev.berth.compose.interpolation;

import dev.berth.compose.tree.OverrideTag;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * compose-go's interpolation cast table: strings at typed paths become numbers and booleans, so
 * {@code replicas: "$COUNT"} reads as 5 and {@code init: yes} as true. Strings that do not parse
 * are left as they are (the schema check reports them). A path segment {@code *} matches any key
 * or index, {@code []} any list index.
 */
public final class TypeCasts {

    /** Fields of anything that runs a container: services and their pre_start hooks. */
    private static final List<String> CONTAINERS = List.of("services.*", "services.*.pre_start.*");

    private static final Node ROOT = table();

    private TypeCasts() {
    }

    private static Node table() {
        Node root = new Node();
        for (String p : List.of("networks.*.external", "networks.*.internal", "networks.*.attachable",
                "networks.*.enable_ipv4", "networks.*.enable_ipv6", "volumes.*.external", "secrets.*.external",
                "configs.*.external")) {
            root.add(p, Cast.BOOLEAN);
        }
        for (String c : CONTAINERS) {
            root.add(c + ".cpu_count", Cast.INTEGER);
            root.add(c + ".cpu_percent", Cast.FLOAT);
            root.add(c + ".cpu_period", Cast.INTEGER);
            root.add(c + ".cpu_quota", Cast.INTEGER);
            root.add(c + ".cpu_rt_period", Cast.INTEGER);
            root.add(c + ".cpu_rt_runtime", Cast.INTEGER);
            root.add(c + ".cpus", Cast.FLOAT32);
            root.add(c + ".cpu_shares", Cast.INTEGER);
            root.add(c + ".init", Cast.BOOLEAN);
            root.add(c + ".oom_kill_disable", Cast.BOOLEAN);
            root.add(c + ".oom_score_adj", Cast.INTEGER);
            root.add(c + ".pids_limit", Cast.INTEGER);
            root.add(c + ".privileged", Cast.BOOLEAN);
            root.add(c + ".read_only", Cast.BOOLEAN);
            root.add(c + ".ulimits.*", Cast.INTEGER);
            root.add(c + ".ulimits.*.hard", Cast.INTEGER);
            root.add(c + ".ulimits.*.soft", Cast.INTEGER);
            root.add(c + ".volumes.[].read_only", Cast.BOOLEAN);
            root.add(c + ".volumes.[].volume.nocopy", Cast.BOOLEAN);
        }
        String s = "services.*";
        root.add(s + ".depends_on.*.required", Cast.BOOLEAN);
        root.add(s + ".depends_on.*.restart", Cast.BOOLEAN);
        root.add(s + ".healthcheck.retries", Cast.INTEGER);
        root.add(s + ".healthcheck.disable", Cast.BOOLEAN);
        root.add(s + ".ports.[].target", Cast.INTEGER);
        root.add(s + ".stdin_open", Cast.BOOLEAN);
        root.add(s + ".tty", Cast.BOOLEAN);
        root.add(s + ".deploy.replicas", Cast.INTEGER);
        root.add(s + ".deploy.update_config.parallelism", Cast.INTEGER);
        root.add(s + ".deploy.update_config.max_failure_ratio", Cast.FLOAT);
        root.add(s + ".deploy.rollback_config.parallelism", Cast.INTEGER);
        root.add(s + ".deploy.rollback_config.max_failure_ratio", Cast.FLOAT);
        root.add(s + ".deploy.restart_policy.max_attempts", Cast.INTEGER);
        root.add(s + ".deploy.placement.max_replicas_per_node", Cast.INTEGER);
        root.add(s + ".scale", Cast.INTEGER);
        // compose-go decodes these modes from strings as octal ("0440", "440"), not through a cast.
        root.add(s + ".secrets.[].mode", Cast.FILE_MODE);
        root.add(s + ".configs.[].mode", Cast.FILE_MODE);
        return root;
    }

    /**
     * The tree with typed strings cast. The input is not modified; unchanged subtrees of the result
     * may be the input's own objects.
     */
    public static Object apply(Object tree) {
        return walk(tree, List.of(ROOT));
    }

    private static Object walk(Object value, List<Node> nodes) {
        switch (value) {
            case String s -> {
                for (Node n : nodes) {
                    if (n.cast != null) {
                        Object cast = n.cast.apply(s);
                        return cast == null ? s : cast;
                    }
                }
                return s;
            }
            case Map<?, ?> m -> {
                Map<String, Object> out = null;
                for (Map.Entry<?, ?> e : m.entrySet()) {
                    String key = String.valueOf(e.getKey());
                    List<Node> next = new ArrayList<>(2);
                    for (Node n : nodes) {
                        Node byKey = n.keys.get(key);
                        if (byKey != null) next.add(byKey);
                        if (n.any != null) next.add(n.any);
                    }
                    if (next.isEmpty()) continue;
                    Object v = e.getValue();
                    Object w = walk(v, next);
                    if (w != v) {
                        if (out == null) out = copy(m);
                        out.put(key, w);
                    }
                }
                return out == null ? m : out;
            }
            case List<?> l -> {
                List<Node> next = new ArrayList<>(2);
                for (Node n : nodes) {
                    if (n.index != null) next.add(n.index);
                    if (n.any != null) next.add(n.any);
                }
                if (next.isEmpty()) return l;
                List<Object> out = null;
                for (int i = 0; i < l.size(); i++) {
                    Object v = l.get(i);
                    Object w = walk(v, next);
                    if (w != v) {
                        if (out == null) out = new ArrayList<>(l);
                        out.set(i, w);
                    }
                }
                return out == null ? l : out;
            }
            case OverrideTag(Object inner) -> {
                Object w = walk(inner, nodes);
                return w == inner ? value : new OverrideTag(w);
            }
            case null, default -> {
                return value;
            }
        }
    }

    private static Map<String, Object> copy(Map<?, ?> m) {
        Map<String, Object> out = new LinkedHashMap<>(Math.max(4, m.size() * 4 / 3 + 1));
        m.forEach((k, v) -> out.put(String.valueOf(k), v));
        return out;
    }

    /** One level of the path patterns: literal keys, {@code *}, {@code []}, and the cast ending here. */
    private static final class Node {
        final Map<String, Node> keys = new HashMap<>();
        Node any;
        Node index;
        Cast cast;

        void add(String pattern, Cast c) {
            Node n = this;
            for (String part : pattern.split("\\.")) {
                n = switch (part) {
                    case "*" -> n.any == null ? (n.any = new Node()) : n.any;
                    case "[]" -> n.index == null ? (n.index = new Node()) : n.index;
                    default -> n.keys.computeIfAbsent(part, k -> new Node());
                };
            }
            n.cast = c;
        }
    }
}
