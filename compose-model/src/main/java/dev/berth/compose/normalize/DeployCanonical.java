package dev.berth.compose.normalize;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The canonical long form of {@code services.*.deploy} and of device requests ({@code gpus}, reserved devices). */
final class DeployCanonical {

    private DeployCanonical() {
    }

    static Map<String, Object> deploy(Map<String, Object> deploy) {
        Map<String, Object> out = new LinkedHashMap<>(deploy);
        if (out.get("labels") != null) out.put("labels", KeyValues.mapping(out.get("labels")));
        if (out.get("replicas") != null) out.put("replicas", Values.integer(out.get("replicas")));
        for (String update : List.of("update_config", "rollback_config")) {
            if (out.get(update) instanceof Map<?, ?> m) {
                Map<String, Object> u = copy(m);
                durations(u, "delay", "monitor");
                if (u.get("parallelism") != null) u.put("parallelism", Values.integer(u.get("parallelism")));
                if (u.get("max_failure_ratio") != null) u.put("max_failure_ratio", Values.decimal(u.get("max_failure_ratio")));
                out.put(update, u);
            }
        }
        if (out.get("restart_policy") instanceof Map<?, ?> m) {
            Map<String, Object> r = copy(m);
            durations(r, "delay", "window");
            if (r.get("max_attempts") != null) r.put("max_attempts", Values.integer(r.get("max_attempts")));
            out.put("restart_policy", r);
        }
        if (out.get("resources") instanceof Map<?, ?> m) {
            Map<String, Object> res = copy(m);
            for (String kind : List.of("limits", "reservations")) {
                if (res.get(kind) instanceof Map<?, ?> r) res.put(kind, resource(copy(r)));
            }
            out.put("resources", res);
        }
        return out;
    }

    private static Map<String, Object> resource(Map<String, Object> r) {
        if (r.get("cpus") != null) r.put("cpus", Values.decimal(r.get("cpus")));
        if (r.get("memory") != null) r.put("memory", ByteSize.parse(r.get("memory")));
        if (r.get("pids") != null) r.put("pids", Values.integer(r.get("pids")));
        if (r.get("devices") instanceof List<?> devices) {
            List<Object> out = new ArrayList<>();
            devices.forEach(d -> out.add(deviceRequest(d)));
            r.put("devices", out);
        }
        return r;
    }

    /** {@code gpus: all} → one request for every device; list entries as device requests. */
    static Object gpus(Object value) {
        List<Object> out = new ArrayList<>();
        if (value instanceof String) {
            Map<String, Object> all = new LinkedHashMap<>();
            all.put("count", -1L);
            out.add(all);
            return out;
        }
        for (Object d : (List<?>) value) out.add(deviceRequest(d));
        return out;
    }

    /** count {@code all} is -1; neither count nor device_ids means all; both is an error. */
    private static Object deviceRequest(Object value) {
        if (!(value instanceof Map<?, ?> m)) throw new IllegalArgumentException("invalid type for device request");
        Map<String, Object> d = copy(m);
        boolean hasCount = d.containsKey("count");
        boolean hasIds = d.containsKey("device_ids");
        if (hasCount && hasIds) throw new IllegalArgumentException("\"count\" and \"device_ids\" attributes are exclusive");
        if (!hasCount && !hasIds) d.put("count", -1L);
        if (d.get("count") instanceof String s) {
            if (s.equalsIgnoreCase("all")) {
                d.put("count", -1L);
            } else if (s.matches("-?\\d+")) {
                d.put("count", Long.parseLong(s));
            } else {
                throw new IllegalArgumentException("invalid value \"" + s + "\", the only value allowed is 'all' or a number");
            }
        }
        for (String list : List.of("capabilities", "device_ids")) {
            if (d.get(list) != null) d.put(list, Values.stringList(d.get(list)));
        }
        if (d.get("options") != null) d.put("options", KeyValues.mapping(d.get("options")));
        return d;
    }

    private static void durations(Map<String, Object> m, String... keys) {
        for (String k : keys) {
            if (m.get(k) != null) m.put(k, GoDuration.normalize(m.get(k)));
        }
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> copy(Map<?, ?> m) {
        return new LinkedHashMap<>((Map<String, Object>) m);
    }
}
