package dev.berth.compose.normalize;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Lifecycle hooks ({@code post_start}, {@code pre_stop}, {@code pre_start}) and {@code develop.watch} in long form. */
final class Lifecycle {

    private Lifecycle() {
    }

    static Object hooks(Object value) {
        List<Object> out = new ArrayList<>();
        for (Object h : (List<?>) value) out.add(hook(h));
        return out;
    }

    private static Object hook(Object h) {
        if (!(h instanceof Map<?, ?> m)) return h;
        @SuppressWarnings("unchecked")
        Map<String, Object> out = new LinkedHashMap<>((Map<String, Object>) m);
        if (out.get("command") != null) out.put("command", ServiceCanonical.shellCommand(out.get("command")));
        if (out.get("environment") != null) out.put("environment", KeyValues.mappingWithEquals(out.get("environment")));
        return out;
    }

    /** develop.watch: an entry whose path is a list becomes one entry per path (compose-go's transformWatch). */
    static Object develop(Map<String, Object> develop) {
        Map<String, Object> out = new LinkedHashMap<>(develop);
        if (out.get("watch") instanceof List<?> watch) {
            List<Object> kept = new ArrayList<>();
            List<Object> expanded = new ArrayList<>();
            for (Object w : watch) {
                if (w instanceof Map<?, ?> m && m.get("path") instanceof List<?> paths) {
                    for (Object p : paths) {
                        @SuppressWarnings("unchecked")
                        Map<String, Object> one = new LinkedHashMap<>((Map<String, Object>) m);
                        one.put("path", p);
                        expanded.add(trigger(one));
                    }
                } else {
                    kept.add(trigger(w));
                }
            }
            kept.addAll(expanded);
            out.put("watch", kept);
        }
        return out;
    }

    private static Object trigger(Object w) {
        if (w instanceof Map<?, ?> m && m.get("exec") != null) {
            @SuppressWarnings("unchecked")
            Map<String, Object> t = new LinkedHashMap<>((Map<String, Object>) m);
            t.put("exec", hook(t.get("exec")));
            return t;
        }
        return w;
    }
}
