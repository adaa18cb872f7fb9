package dev.berth.compose.normalize;

import dev.berth.compose.tree.KeyPath;
import dev.berth.compose.tree.Position;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/** The canonical long form of one service (see {@link Canonical}). */
final class ServiceCanonical {

    private final Function<KeyPath, Position> locator;
    private final boolean keepUnparsable;

    ServiceCanonical(Function<KeyPath, Position> locator, boolean keepUnparsable) {
        this.locator = locator;
        this.keepUnparsable = keepUnparsable;
    }

    Map<String, Object> transform(Map<String, Object> service, KeyPath path) {
        Map<String, Object> out = new LinkedHashMap<>();
        for (Map.Entry<String, Object> e : service.entrySet()) {
            String key = e.getKey();
            Object value = e.getValue();
            KeyPath at = path.child(key);
            try {
                if (value == null) {
                    out.put(key, null);
                    continue;
                }
                out.put(key, field(key, value, at));
            } catch (dev.berth.compose.ComposeException ex) {
                if (keepUnparsable && containsVariable(value)) {
                    out.put(key, value);
                    continue;
                }
                throw ex;
            } catch (IllegalArgumentException | ClassCastException ex) {
                // Without interpolation, `${VAR}` cannot be parsed yet: compose keeps it as written.
                if (keepUnparsable && containsVariable(value)) {
                    out.put(key, value);
                    continue;
                }
                throw Values.fail(at, locator, ex.getMessage());
            }
        }
        return out;
    }

    private static boolean containsVariable(Object value) {
        return switch (value) {
            case String s -> s.contains("$");
            case Map<?, ?> m -> m.values().stream().anyMatch(v -> v != null && containsVariable(v));
            case java.util.List<?> l -> l.stream().anyMatch(v -> v != null && containsVariable(v));
            default -> false;
        };
    }

    private Object field(String key, Object value, KeyPath at) {
        return switch (key) {
            case "annotations", "labels", "sysctls", "log_opt", "storage_opt" -> KeyValues.mapping(value);
            case "environment" -> KeyValues.mappingWithEquals(value);
            case "build" -> new BuildCanonical(locator).transform(value, at);
            case "command", "entrypoint" -> shellCommand(value);
            case "configs" -> fileReferences(value, false);
            case "secrets" -> fileReferences(value, true);
            case "depends_on" -> dependsOn(value);
            case "deploy" -> DeployCanonical.deploy(Values.map(value, at, locator));
            case "devices" -> devices(value, keepUnparsable);
            case "dns", "dns_search", "tmpfs", "label_file", "expose", "group_add", "dns_opt", "cap_add", "cap_drop",
                 "external_links", "links", "security_opt", "volumes_from", "device_cgroup_rules", "profiles" ->
                    Values.stringList(value);
            case "env_file" -> envFiles(value);
            case "extends" -> value instanceof String s ? new LinkedHashMap<>(Map.of("service", s)) : value;
            case "extra_hosts" -> ExtraHosts.canonical(value);
            case "gpus" -> DeployCanonical.gpus(value);
            case "healthcheck" -> healthcheck(Values.map(value, at, locator));
            case "logging" -> logging(Values.map(value, at, locator));
            case "mem_limit", "mem_reservation", "memswap_limit", "mem_swappiness", "shm_size" -> ByteSize.parse(value);
            case "cpus", "cpu_percent" -> Values.decimal(value);
            case "cpu_count", "cpu_period", "cpu_quota", "cpu_rt_period", "cpu_rt_runtime", "cpu_shares",
                 "oom_score_adj", "pids_limit", "scale" -> Values.integer(value);
            case "networks" -> networks(value);
            case "ports" -> keepUnparsable ? portsOrAsWritten(value) : ports(value);
            case "stop_grace_period" -> GoDuration.normalize(value);
            case "ulimits" -> ulimits(Values.map(value, at, locator));
            case "volumes" -> volumes(value, at);
            case "blkio_config" -> blkio(Values.map(value, at, locator));
            case "post_start", "pre_stop", "pre_start" -> Lifecycle.hooks(value);
            case "develop" -> Lifecycle.develop(Values.map(value, at, locator));
            case "models" -> value instanceof List<?> l ? nullValued(l) : value;
            default -> value;
        };
    }

    static Object shellCommand(Object value) {
        if (value instanceof String s) return new ArrayList<Object>(ShellWords.parse(s));
        return Values.stringList(value);
    }

    private static Object fileReferences(Object value, boolean secrets) {
        List<Object> out = new ArrayList<>();
        for (Object e : (List<?>) value) out.add(fileReference(e, secrets));
        return out;
    }

    /** A secret or config a service (or a build) uses: name → {source}; uid/gid strings; mode octal. */
    static Map<String, Object> fileReference(Object value, boolean defaultSecretTarget) {
        Map<String, Object> ref;
        if (value instanceof Map<?, ?> m) {
            @SuppressWarnings("unchecked")
            Map<String, Object> map = (Map<String, Object>) m;
            ref = new LinkedHashMap<>(map);
        } else {
            ref = new LinkedHashMap<>();
            ref.put("source", GoValues.sprint(value));
        }
        if (defaultSecretTarget && ref.get("target") == null) ref.put("target", "/run/secrets/" + GoValues.sprint(ref.get("source")));
        for (String id : List.of("uid", "gid")) {
            if (ref.get(id) != null) ref.put(id, GoValues.sprint(ref.get(id)));
        }
        if (ref.get("mode") != null) ref.put("mode", FileMode.canonical(ref.get("mode")));
        return ref;
    }

    private static Object dependsOn(Object value) {
        Map<String, Object> out = new LinkedHashMap<>();
        if (value instanceof List<?> l) {
            for (Object name : l) out.put(GoValues.sprint(name), dependency(new LinkedHashMap<>()));
            return out;
        }
        ((Map<?, ?>) value).forEach((name, dep) -> {
            if (dep != null && !(dep instanceof Map<?, ?>)) {
                throw new IllegalArgumentException("unsupported value for depends_on." + name);
            }
            @SuppressWarnings("unchecked")
            Map<String, Object> d = dep == null ? new LinkedHashMap<>() : new LinkedHashMap<>((Map<String, Object>) dep);
            out.put(String.valueOf(name), dependency(d));
        });
        return out;
    }

    private static Map<String, Object> dependency(Map<String, Object> d) {
        d.putIfAbsent("condition", "service_started");
        d.putIfAbsent("required", true);
        return d;
    }

    private static Object devices(Object value, boolean keepUnparsable) {
        List<Object> out = new ArrayList<>();
        for (Object e : (List<?>) value) {
            if (e instanceof String s) {
                String[] parts = s.split(":", -1);
                if (parts.length > 3 && keepUnparsable) {
                    out.add(s);
                    continue;
                }
                if (parts.length > 3) throw new IllegalArgumentException("confusing device mapping, please use long syntax: " + s);
                Map<String, Object> d = new LinkedHashMap<>();
                d.put("source", parts[0]);
                d.put("target", parts.length > 1 && !parts[1].isEmpty() ? parts[1] : parts[0]);
                d.put("permissions", parts.length > 2 ? parts[2] : "rwm");
                out.add(d);
            } else {
                out.add(e);
            }
        }
        return out;
    }

    /** env_file: path strings → {path}; {@code required} is true unless written false (and then kept). */
    static Object envFiles(Object value) {
        List<Object> out = new ArrayList<>();
        for (Object e : Values.stringListOrMaps(value)) {
            Map<String, Object> f;
            if (e instanceof Map<?, ?> m) {
                @SuppressWarnings("unchecked")
                Map<String, Object> map = (Map<String, Object>) m;
                f = new LinkedHashMap<>(map);
            } else {
                f = new LinkedHashMap<>();
                f.put("path", GoValues.sprint(e));
            }
            if (Boolean.TRUE.equals(f.get("required")) || "true".equals(f.get("required"))) f.remove("required");
            if ("false".equals(f.get("required"))) f.put("required", false);
            out.add(f);
        }
        return out;
    }

    private static Object healthcheck(Map<String, Object> hc) {
        Map<String, Object> out = new LinkedHashMap<>(hc);
        Object test = out.get("test");
        if (test instanceof String s) {
            out.put("test", new ArrayList<Object>(List.of("CMD-SHELL", s)));
        } else if (test != null) {
            out.put("test", Values.stringList(test));
        }
        for (String d : List.of("timeout", "interval", "start_period", "start_interval")) {
            if (out.get(d) != null) out.put(d, GoDuration.normalize(out.get(d)));
        }
        if (out.get("retries") != null) out.put("retries", Values.integer(out.get("retries")));
        return out;
    }

    private static Object logging(Map<String, Object> logging) {
        Map<String, Object> out = new LinkedHashMap<>(logging);
        if (out.get("options") != null) out.put("options", KeyValues.mapping(out.get("options")));
        return out;
    }

    private static Object networks(Object value) {
        if (value instanceof List<?> l) return nullValued(l);
        Map<String, Object> out = new LinkedHashMap<>();
        ((Map<?, ?>) value).forEach((name, cfg) -> {
            if (cfg instanceof Map<?, ?> m) {
                @SuppressWarnings("unchecked")
                Map<String, Object> c = new LinkedHashMap<>((Map<String, Object>) m);
                if (c.get("driver_opts") != null) c.put("driver_opts", KeyValues.mapping(c.get("driver_opts")));
                if (c.get("aliases") != null) c.put("aliases", Values.stringList(c.get("aliases")));
                out.put(String.valueOf(name), c);
            } else {
                out.put(String.valueOf(name), cfg);
            }
        });
        return out;
    }

    private static Map<String, Object> nullValued(List<?> names) {
        Map<String, Object> out = new LinkedHashMap<>();
        names.forEach(n -> out.put(GoValues.sprint(n), null));
        return out;
    }

    /** compose-go keeps the whole list as written when one short entry does not parse. */
    private static Object portsOrAsWritten(Object value) {
        try {
            return ports(value);
        } catch (IllegalArgumentException e) {
            return value;
        }
    }

    private static Object ports(Object value) {
        List<Object> out = new ArrayList<>();
        for (Object e : (List<?>) value) {
            switch (e) {
                case Long target -> {
                    Map<String, Object> p = new LinkedHashMap<>();
                    p.put("target", target);
                    out.add(PortSpec.withDefaults(p));
                }
                case String s -> out.addAll(PortSpec.parse(s));
                case Map<?, ?> m -> {
                    @SuppressWarnings("unchecked")
                    Map<String, Object> p = (Map<String, Object>) m;
                    out.add(PortSpec.withDefaults(p));
                }
                default -> throw new IllegalArgumentException("invalid type for port: " + GoValues.sprint(e));
            }
        }
        return out;
    }

    static Map<String, Object> ulimits(Map<String, Object> ulimits) {
        Map<String, Object> out = new LinkedHashMap<>();
        ulimits.forEach((name, limit) -> {
            if (limit instanceof Map<?, ?> m) {
                Map<String, Object> soft = new LinkedHashMap<>();
                m.forEach((k, v) -> soft.put(String.valueOf(k), Values.integer(v)));
                out.put(name, soft);
            } else {
                out.put(name, Values.integer(limit));
            }
        });
        return out;
    }

    private Object volumes(Object value, KeyPath at) {
        List<Object> out = new ArrayList<>();
        List<?> list = (List<?>) value;
        for (int i = 0; i < list.size(); i++) {
            Object e = list.get(i);
            try {
                out.add(e instanceof String s ? VolumeSpec.parse(s) : VolumeSpec.withDefaults(Values.map(e, at.index(i), locator)));
            } catch (IllegalArgumentException ex) {
                throw Values.fail(at.index(i), locator, ex.getMessage());
            }
        }
        return out;
    }

    private static Object blkio(Map<String, Object> blkio) {
        Map<String, Object> out = new LinkedHashMap<>(blkio);
        for (String key : List.of("device_read_bps", "device_write_bps", "device_read_iops", "device_write_iops")) {
            if (out.get(key) instanceof List<?> devices) {
                List<Object> converted = new ArrayList<>();
                for (Object d : devices) {
                    @SuppressWarnings("unchecked")
                    Map<String, Object> m = new LinkedHashMap<>((Map<String, Object>) d);
                    if (m.get("rate") != null) m.put("rate", ByteSize.parse(m.get("rate")));
                    converted.add(m);
                }
                out.put(key, converted);
            }
        }
        return out;
    }
}
