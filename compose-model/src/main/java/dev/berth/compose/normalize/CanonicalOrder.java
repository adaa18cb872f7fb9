package dev.berth.compose.normalize;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Orders the keys of a canonical document as compose-go marshals its structs: struct fields in
 * declaration order, then {@code x-*} extensions; map keys (service names, environment, labels,
 * …) sorted as yaml.v3 sorts them. Used to print {@code berth config}.
 *
 * <p>{@link #marshalled} also leaves out what Go's {@code omitempty} leaves out: a field of a
 * value type (bool, number, string, list, map, struct) holding its zero value. Fields that are
 * pointers in compose-go (marked {@code *} in the tables below: {@code init}, {@code attach},
 * {@code scale}, {@code replicas}, the healthcheck durations, …) and fields without
 * {@code omitempty} keep their zero values.
 */
public final class CanonicalOrder {

    /** How to order one node. */
    private sealed interface Shape permits Struct, MapOf, ListOf, Leaf {
    }

    /** {@code keepZero}: fields that are pointers or not omitempty in compose-go. */
    private record Struct(List<String> fields, java.util.Set<String> keepZero, Map<String, Shape> children)
            implements Shape {
    }

    private record MapOf(Shape values) implements Shape {
    }

    private record ListOf(Shape items) implements Shape {
    }

    private enum Leaf implements Shape { INSTANCE }

    private static final Shape LEAF = Leaf.INSTANCE;
    private static final Shape SORTED = new MapOf(LEAF);
    private static final Shape PROJECT = project();

    private CanonicalOrder() {
    }

    /** Keys reordered; values untouched. */
    public static Map<String, Object> order(Map<String, Object> doc) {
        @SuppressWarnings("unchecked")
        Map<String, Object> out = (Map<String, Object>) apply(PROJECT, doc, false);
        return out;
    }

    /** Keys reordered and zero values of omitempty fields left out: what compose-go's marshaller writes. */
    public static Map<String, Object> marshalled(Map<String, Object> doc) {
        @SuppressWarnings("unchecked")
        Map<String, Object> out = (Map<String, Object>) apply(PROJECT, doc, true);
        return out;
    }

    private static Object apply(Shape shape, Object value, boolean omitEmpty) {
        return switch (shape) {
            case Struct s when value instanceof Map<?, ?> m -> struct(s, m, omitEmpty);
            case MapOf mo when value instanceof Map<?, ?> m -> sorted(mo.values(), m, omitEmpty);
            case ListOf lo when value instanceof List<?> l -> {
                List<Object> out = new ArrayList<>(l.size());
                l.forEach(e -> out.add(apply(lo.items(), e, omitEmpty)));
                yield out;
            }
            default -> value;
        };
    }

    private static Map<String, Object> struct(Struct s, Map<?, ?> m, boolean omitEmpty) {
        Map<String, Object> out = new LinkedHashMap<>();
        for (String field : s.fields()) {
            if (!m.containsKey(field)) continue;
            Object value = apply(s.children().getOrDefault(field, LEAF), m.get(field), omitEmpty);
            if (omitEmpty && !s.keepZero().contains(field) && isZero(value)) continue;
            out.put(field, value);
        }
        List<String> rest = new ArrayList<>();
        m.keySet().forEach(k -> {
            if (!s.fields().contains(String.valueOf(k))) rest.add(String.valueOf(k));
        });
        rest.sort(GoMapKeys.INSTANCE);
        rest.forEach(k -> out.put(k, m.get(k)));
        return out;
    }

    /** Go's zero value as it shows in the tree: null, false, 0, "", an empty list or map. */
    private static boolean isZero(Object v) {
        return switch (v) {
            case null -> true;
            case Boolean b -> !b;
            case Long l -> l == 0;
            case Double d -> d == 0;
            case String s -> s.isEmpty();
            case List<?> l -> l.isEmpty();
            case Map<?, ?> m -> m.isEmpty();
            default -> false;
        };
    }

    private static Map<String, Object> sorted(Shape values, Map<?, ?> m, boolean omitEmpty) {
        List<String> keys = new ArrayList<>();
        m.keySet().forEach(k -> keys.add(String.valueOf(k)));
        keys.sort(GoMapKeys.INSTANCE);
        Map<String, Object> out = new LinkedHashMap<>();
        keys.forEach(k -> out.put(k, apply(values, m.get(k), omitEmpty)));
        return out;
    }

    /** A struct from its field names in order; a trailing {@code *} marks a field that keeps its zero value. */
    private static Struct struct(String fields, Object... children) {
        Map<String, Shape> c = new HashMap<>();
        for (int i = 0; i < children.length; i += 2) c.put((String) children[i], (Shape) children[i + 1]);
        List<String> names = new ArrayList<>();
        java.util.Set<String> keep = new java.util.HashSet<>();
        for (String f : fields.trim().split("\\s+")) {
            String name = f.endsWith("*") ? f.substring(0, f.length() - 1) : f;
            names.add(name);
            if (f.endsWith("*")) keep.add(name);
        }
        return new Struct(List.copyOf(names), java.util.Set.copyOf(keep), c);
    }

    private static Shape project() {
        Struct fileObject = struct("name file environment content external labels driver driver_opts template_driver",
                "labels", SORTED, "driver_opts", SORTED);
        Struct network = struct("name driver driver_opts ipam external internal attachable labels enable_ipv4* enable_ipv6*",
                "driver_opts", SORTED, "labels", SORTED,
                "ipam", struct("driver config options", "config",
                        new ListOf(struct("subnet gateway ip_range aux_addresses", "aux_addresses", SORTED)),
                        "options", SORTED));
        Struct volume = struct("name driver driver_opts external labels", "driver_opts", SORTED, "labels", SORTED);
        Struct model = struct("name model context_size runtime_flags");
        return struct("name services* networks volumes secrets configs models",
                "services", new MapOf(service()),
                "networks", new MapOf(network),
                "volumes", new MapOf(volume),
                "secrets", new MapOf(fileObject),
                "configs", new MapOf(fileObject),
                "models", new MapOf(model));
    }

    private static Shape service() {
        Struct fileRef = struct("source target uid gid mode*");
        Struct hook = struct("command* image user privileged working_dir environment", "environment", SORTED);
        Struct ulimit = struct("single soft hard");
        Struct deviceRequest = struct("capabilities driver count device_ids options", "options", SORTED);
        Struct update = struct("parallelism* delay failure_action monitor max_failure_ratio order");
        Struct resource = struct("cpus memory pids devices generic_resources",
                "devices", new ListOf(deviceRequest),
                "generic_resources", new ListOf(struct("discrete_resource_spec",
                        "discrete_resource_spec", struct("kind* value*"))));
        Struct deploy = struct("mode replicas* labels update_config* rollback_config* resources restart_policy* placement endpoint_mode",
                "labels", SORTED, "update_config", update, "rollback_config", update,
                "resources", struct("limits* reservations*", "limits", resource, "reservations", resource),
                "restart_policy", struct("condition delay* max_attempts* window*"),
                "placement", struct("constraints preferences max_replicas_per_node",
                        "preferences", new ListOf(struct("spread"))));
        Struct build = struct("context dockerfile dockerfile_inline entitlements args provenance sbom ssh labels "
                        + "cache_from cache_to no_cache no_cache_filter additional_contexts pull extra_hosts isolation "
                        + "network target secrets shm_size tags ulimits platforms privileged",
                "args", SORTED, "labels", SORTED, "additional_contexts", SORTED, "secrets", new ListOf(fileRef),
                "ulimits", new MapOf(ulimit));
        Struct throttle = struct("path rate");
        Struct volumeMount = struct("type source target read_only consistency bind* volume* tmpfs* image*",
                "bind", struct("selinux propagation create_host_path* recursive"),
                "volume", struct("labels nocopy subpath", "labels", SORTED),
                "tmpfs", struct("size mode"),
                "image", struct("subpath"));
        Struct trigger = struct("path* action* target exec include ignore initial_sync", "exec", hook);
        return struct("name profiles annotations attach* build* develop* blkio_config* cap_add cap_drop cgroup_parent cgroup "
                        + "cpu_count cpu_percent cpu_period cpu_quota cpu_rt_period cpu_rt_runtime cpus cpuset cpu_shares "
                        + "command* configs container_name credential_spec* depends_on deploy* device_cgroup_rules devices "
                        + "dns dns_opt dns_search dockerfile domainname entrypoint* provider* environment env_file expose "
                        + "extends* external_links extra_hosts group_add gpus hostname healthcheck* image init* ipc isolation "
                        + "labels label_file links logging* log_driver log_opt mem_limit mem_reservation memswap_limit "
                        + "mem_swappiness mac_address models net network_mode networks oom_kill_disable oom_score_adj pid "
                        + "pids_limit platform ports privileged pull_policy read_only restart runtime scale* secrets "
                        + "security_opt shm_size stdin_open stop_grace_period* stop_signal storage_opt sysctls tmpfs tty "
                        + "ulimits use_api_socket user userns_mode uts volume_driver volumes volumes_from working_dir "
                        + "pre_start post_start pre_stop",
                "annotations", SORTED,
                "build", build,
                "develop", struct("watch", "watch", new ListOf(trigger)),
                "blkio_config", struct("weight weight_device device_read_bps device_read_iops device_write_bps device_write_iops",
                        "weight_device", new ListOf(struct("path weight")),
                        "device_read_bps", new ListOf(throttle), "device_read_iops", new ListOf(throttle),
                        "device_write_bps", new ListOf(throttle), "device_write_iops", new ListOf(throttle)),
                "configs", new ListOf(fileRef),
                "credential_spec", struct("config file registry"),
                "depends_on", new MapOf(struct("condition restart required*")),
                "deploy", deploy,
                "devices", new ListOf(struct("source target permissions")),
                "provider", struct("type options", "options", SORTED),
                "environment", SORTED,
                "env_file", new ListOf(struct("path required* format")),
                "extends", struct("file service"),
                "gpus", new ListOf(deviceRequest),
                "healthcheck", struct("test timeout* interval* retries* start_period* start_interval* disable"),
                "labels", SORTED,
                "logging", struct("driver options", "options", SORTED),
                "log_opt", SORTED,
                "models", new MapOf(struct("endpoint_var model_var")),
                "networks", new MapOf(struct("aliases driver_opts gw_priority interface_name ipv4_address ipv6_address "
                        + "link_local_ips mac_address priority", "driver_opts", SORTED)),
                "ports", new ListOf(struct("name mode host_ip target published protocol app_protocol")),
                "secrets", new ListOf(fileRef),
                "storage_opt", SORTED,
                "sysctls", SORTED,
                "ulimits", new MapOf(ulimit),
                "volumes", new ListOf(volumeMount),
                "pre_start", new ListOf(hook), "post_start", new ListOf(hook), "pre_stop", new ListOf(hook));
    }
}
