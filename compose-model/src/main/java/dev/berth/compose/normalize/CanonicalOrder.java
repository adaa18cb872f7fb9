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
 */
public final class CanonicalOrder {

    /** How to order one node. */
    private sealed interface Shape permits Struct, MapOf, ListOf, Leaf {
    }

    private record Struct(List<String> fields, Map<String, Shape> children) implements Shape {
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

    public static Map<String, Object> order(Map<String, Object> doc) {
        @SuppressWarnings("unchecked")
        Map<String, Object> out = (Map<String, Object>) apply(PROJECT, doc);
        return out;
    }

    private static Object apply(Shape shape, Object value) {
        return switch (shape) {
            case Struct s when value instanceof Map<?, ?> m -> struct(s, m);
            case MapOf mo when value instanceof Map<?, ?> m -> sorted(mo.values(), m);
            case ListOf lo when value instanceof List<?> l -> {
                List<Object> out = new ArrayList<>(l.size());
                l.forEach(e -> out.add(apply(lo.items(), e)));
                yield out;
            }
            default -> value;
        };
    }

    private static Map<String, Object> struct(Struct s, Map<?, ?> m) {
        Map<String, Object> out = new LinkedHashMap<>();
        for (String field : s.fields()) {
            if (m.containsKey(field)) out.put(field, apply(s.children().getOrDefault(field, LEAF), m.get(field)));
        }
        List<String> rest = new ArrayList<>();
        m.keySet().forEach(k -> {
            if (!out.containsKey(String.valueOf(k))) rest.add(String.valueOf(k));
        });
        rest.sort(GoMapKeys.INSTANCE);
        rest.forEach(k -> out.put(k, m.get(k)));
        return out;
    }

    private static Map<String, Object> sorted(Shape values, Map<?, ?> m) {
        List<String> keys = new ArrayList<>();
        m.keySet().forEach(k -> keys.add(String.valueOf(k)));
        keys.sort(GoMapKeys.INSTANCE);
        Map<String, Object> out = new LinkedHashMap<>();
        keys.forEach(k -> out.put(k, apply(values, m.get(k))));
        return out;
    }

    private static Struct struct(String fields, Object... children) {
        Map<String, Shape> c = new HashMap<>();
        for (int i = 0; i < children.length; i += 2) c.put((String) children[i], (Shape) children[i + 1]);
        return new Struct(List.of(fields.trim().split("\\s+")), c);
    }

    private static Shape project() {
        Struct fileObject = struct("name file environment content external labels driver driver_opts template_driver",
                "labels", SORTED, "driver_opts", SORTED);
        Struct network = struct("name driver driver_opts ipam external internal attachable labels enable_ipv4 enable_ipv6",
                "driver_opts", SORTED, "labels", SORTED,
                "ipam", struct("driver config options", "config",
                        new ListOf(struct("subnet gateway ip_range aux_addresses", "aux_addresses", SORTED)),
                        "options", SORTED));
        Struct volume = struct("name driver driver_opts external labels", "driver_opts", SORTED, "labels", SORTED);
        Struct model = struct("name model context_size runtime_flags");
        return struct("name services networks volumes secrets configs models",
                "services", new MapOf(service()),
                "networks", new MapOf(network),
                "volumes", new MapOf(volume),
                "secrets", new MapOf(fileObject),
                "configs", new MapOf(fileObject),
                "models", new MapOf(model));
    }

    private static Shape service() {
        Struct fileRef = struct("source target uid gid mode");
        Struct hook = struct("command image user privileged working_dir environment", "environment", SORTED);
        Struct ulimit = struct("single soft hard");
        Struct deviceRequest = struct("capabilities driver count device_ids options", "options", SORTED);
        Struct update = struct("parallelism delay failure_action monitor max_failure_ratio order");
        Struct resource = struct("cpus memory pids devices generic_resources",
                "devices", new ListOf(deviceRequest),
                "generic_resources", new ListOf(struct("discrete_resource_spec",
                        "discrete_resource_spec", struct("kind value"))));
        Struct deploy = struct("mode replicas labels update_config rollback_config resources restart_policy placement endpoint_mode",
                "labels", SORTED, "update_config", update, "rollback_config", update,
                "resources", struct("limits reservations", "limits", resource, "reservations", resource),
                "restart_policy", struct("condition delay max_attempts window"),
                "placement", struct("constraints preferences max_replicas_per_node",
                        "preferences", new ListOf(struct("spread"))));
        Struct build = struct("context dockerfile dockerfile_inline entitlements args provenance sbom ssh labels "
                        + "cache_from cache_to no_cache no_cache_filter additional_contexts pull extra_hosts isolation "
                        + "network target secrets shm_size tags ulimits platforms privileged",
                "args", SORTED, "labels", SORTED, "additional_contexts", SORTED, "secrets", new ListOf(fileRef),
                "ulimits", new MapOf(ulimit));
        Struct throttle = struct("path rate");
        Struct volumeMount = struct("type source target read_only consistency bind volume tmpfs image",
                "bind", struct("selinux propagation create_host_path recursive"),
                "volume", struct("labels nocopy subpath", "labels", SORTED),
                "tmpfs", struct("size mode"),
                "image", struct("subpath"));
        Struct trigger = struct("path action target exec include ignore initial_sync", "exec", hook);
        return struct("name profiles annotations attach build develop blkio_config cap_add cap_drop cgroup_parent cgroup "
                        + "cpu_count cpu_percent cpu_period cpu_quota cpu_rt_period cpu_rt_runtime cpus cpuset cpu_shares "
                        + "command configs container_name credential_spec depends_on deploy device_cgroup_rules devices "
                        + "dns dns_opt dns_search dockerfile domainname entrypoint provider environment env_file expose "
                        + "extends external_links extra_hosts group_add gpus hostname healthcheck image init ipc isolation "
                        + "labels label_file links logging log_driver log_opt mem_limit mem_reservation memswap_limit "
                        + "mem_swappiness mac_address models net network_mode networks oom_kill_disable oom_score_adj pid "
                        + "pids_limit platform ports privileged pull_policy read_only restart runtime scale secrets "
                        + "security_opt shm_size stdin_open stop_grace_period stop_signal storage_opt sysctls tmpfs tty "
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
                "depends_on", new MapOf(struct("condition restart required")),
                "deploy", deploy,
                "devices", new ListOf(struct("source target permissions")),
                "provider", struct("type options", "options", SORTED),
                "environment", SORTED,
                "env_file", new ListOf(struct("path required format")),
                "extends", struct("file service"),
                "gpus", new ListOf(deviceRequest),
                "healthcheck", struct("test timeout interval retries start_period start_interval disable"),
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
