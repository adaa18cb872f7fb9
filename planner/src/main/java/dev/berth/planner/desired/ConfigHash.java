package dev.berth.planner.desired;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The {@code com.docker.compose.config-hash} of a service, network or volume: SHA-256 over its
 * canonical definition written as JSON with sorted keys, so it is the same on every run and for any
 * key order in the file. A service's hash leaves out what does not define its container, as compose's
 * {@code ServiceHash} does: {@code build}, {@code pull_policy}, {@code scale}, {@code deploy.replicas},
 * {@code depends_on}, {@code profiles} (so {@code --scale} or a new dependency recreates nothing).
 */
final class ConfigHash {

    private ConfigHash() {
    }

    /**
     * @param extra what defines the container from outside its definition (aliases other services'
     *              {@code links} give it); left out when empty, so the usual hash is the definition's alone
     */
    static String ofService(Map<String, Object> service, Map<String, Object> extra) {
        Map<String, Object> s = new LinkedHashMap<>(service);
        for (String key : List.of("build", "pull_policy", "scale", "depends_on", "profiles")) s.remove(key);
        if (s.get("deploy") instanceof Map<?, ?> deploy) {
            Map<Object, Object> d = new LinkedHashMap<>(deploy);
            d.remove("replicas");
            // unlike compose, `deploy: {replicas: 2}` alone hashes as no deploy at all: scaling recreates nothing
            if (d.isEmpty()) s.remove("deploy");
            else s.put("deploy", d);
        }
        if (!extra.isEmpty()) s.put("x-berth", extra);
        return of(s);
    }

    /** compose's VolumeHash: the definition, with the driver {@code local} when none is named. */
    static String ofVolume(Map<String, Object> volume) {
        Map<String, Object> v = new LinkedHashMap<>(volume);
        if (v.get("driver") == null || "".equals(v.get("driver"))) v.put("driver", "local");
        return of(v);
    }

    static String of(Object definition) {
        StringBuilder json = new StringBuilder();
        write(json, definition);
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(json.toString().getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("the JDK has no SHA-256", e);
        }
    }

    private static void write(StringBuilder out, Object value) {
        switch (value) {
            case null -> out.append("null");
            case Map<?, ?> m -> {
                Map<String, Object> sorted = new TreeMap<>();
                m.forEach((k, v) -> sorted.put(String.valueOf(k), v));
                out.append('{');
                boolean first = true;
                for (var e : sorted.entrySet()) {
                    if (!first) out.append(',');
                    first = false;
                    string(out, e.getKey());
                    out.append(':');
                    write(out, e.getValue());
                }
                out.append('}');
            }
            case List<?> l -> {
                out.append('[');
                for (int i = 0; i < l.size(); i++) {
                    if (i > 0) out.append(',');
                    write(out, l.get(i));
                }
                out.append(']');
            }
            case Boolean b -> out.append(b);
            case Number n -> out.append(n);
            default -> string(out, value.toString());
        }
    }

    private static void string(StringBuilder out, String s) {
        out.append('"');
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '"' -> out.append("\\\"");
                case '\\' -> out.append("\\\\");
                default -> {
                    if (c < 0x20) out.append(String.format("\\u%04x", (int) c));
                    else out.append(c);
                }
            }
        }
        out.append('"');
    }
}
