package dev.berth.planner.desired;

import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Which service keys berth honours, and what it says about the others: an error where the container
 * would not be what the file asks for (nothing is run), a warning where the difference is harmless or
 * only about tuning. Keys with parts of each ({@code network_mode}, {@code volumes}, {@code secrets}…)
 * are checked entry by entry where the request is built. The table is documented in docs/planner.md.
 */
final class ServiceKeys {

    /** Keys the request carries (or the planner/CLI use), each checked where it is read. */
    static final Set<String> HONOURED = Set.of(
            "image", "build", "command", "entrypoint", "environment", "env_file", "working_dir", "user", "hostname",
            "domainname", "container_name", "labels", "label_file", "networks", "network_mode", "ports", "expose",
            "volumes", "tmpfs", "read_only", "depends_on", "healthcheck", "restart", "deploy", "scale", "mem_limit",
            "memswap_limit", "cpus", "cpu_shares", "cpuset", "pids_limit", "ulimits", "cap_add", "cap_drop",
            "privileged", "security_opt", "sysctls", "extra_hosts", "dns", "dns_search", "dns_opt", "init",
            "stop_signal", "stop_grace_period", "tty", "stdin_open", "shm_size", "secrets", "configs", "profiles",
            "links", "pull_policy", "attach", "extends", "ipc", "pid", "uts", "cgroup", "userns_mode", "logging");

    /** Keys berth cannot honour where the container would be wrong without them. */
    static final Map<String, String> ERRORS = Map.ofEntries(
            Map.entry("devices", "berth cannot give a container host devices"),
            Map.entry("device_cgroup_rules", "berth cannot give a container host devices"),
            Map.entry("gpus", "berth has no GPU support"),
            Map.entry("group_add", "berth cannot add supplementary groups to a container yet"),
            Map.entry("volumes_from", "berth cannot share another container's volumes yet; use a named volume in both services"),
            Map.entry("external_links", "berth cannot link containers outside the project; join their network (external: true) instead"),
            Map.entry("mac_address", "berth derives a container's MAC address from its IP address; it cannot be chosen"),
            Map.entry("post_start", "berth does not run lifecycle hooks yet"),
            Map.entry("pre_stop", "berth does not run lifecycle hooks yet"),
            Map.entry("pre_start", "berth does not run lifecycle hooks yet"),
            Map.entry("use_api_socket", "berth has no Docker API socket to give a container"),
            Map.entry("models", "berth has no model runner"),
            Map.entry("provider", "berth does not run provider services"));

    /** Keys berth leaves out with a warning: tuning, Windows- or swarm-only settings. */
    static final Map<String, String> WARNINGS = Map.ofEntries(
            Map.entry("annotations", "OCI annotations are not recorded by berth; ignored"),
            Map.entry("blkio_config", "block I/O weights and limits are not applied by berth; ignored"),
            Map.entry("cpu_count", "a Windows setting; ignored"),
            Map.entry("cpu_percent", "a Windows setting; ignored"),
            Map.entry("cpu_period", "not applied by berth (cpus: is); ignored"),
            Map.entry("cpu_quota", "not applied by berth (cpus: is); ignored"),
            Map.entry("cpu_rt_period", "real-time CPU scheduling is not applied by berth; ignored"),
            Map.entry("cpu_rt_runtime", "real-time CPU scheduling is not applied by berth; ignored"),
            Map.entry("mem_reservation", "a soft memory limit berth does not apply (mem_limit is); ignored"),
            Map.entry("mem_swappiness", "not applied by berth; ignored"),
            Map.entry("oom_kill_disable", "not applied by berth; ignored"),
            Map.entry("oom_score_adj", "not applied by berth; ignored"),
            Map.entry("cgroup_parent", "berth places containers in its own cgroup; ignored"),
            Map.entry("credential_spec", "a Windows setting; ignored"),
            Map.entry("isolation", "a Windows setting; ignored"),
            Map.entry("storage_opt", "berth's overlay storage takes no options; ignored"),
            Map.entry("develop", "berth has no watch mode; ignored"),
            Map.entry("platform", "berth runs images of the host's platform; ignored"),
            Map.entry("runtime", "berth runs every container with berth-shim; ignored"));

    private static final Set<String> DEPLOY_HONOURED = Set.of("replicas", "resources", "restart_policy");

    private ServiceKeys() {
    }

    /** The findings about {@code service}'s keys that are not read elsewhere. */
    static void check(String name, Map<String, Object> service, Findings f) {
        for (String key : service.keySet()) {
            if (key.startsWith("x-") || HONOURED.contains(key)) continue;
            String error = ERRORS.get(key);
            if (error != null) {
                f.error(Findings.service(name, key), error + " (remove the key to run the service)");
                continue;
            }
            f.warn(Findings.service(name, key), WARNINGS.getOrDefault(key, "not supported by berth; ignored"));
        }
        if (service.containsKey("build")) {
            f.warn(Findings.service(name, "build"), "berth does not build images yet: the image "
                    + (service.get("image") == null ? "(named <project>-" + name + ")" : service.get("image"))
                    + " must exist or be pulled");
        }
        namespaces(name, service, f);
        logging(name, service, f);
        deploy(name, service, f);
    }

    /** ipc/pid/uts/cgroup/userns_mode: berth gives each container its own namespaces, as Docker does by default. */
    private static void namespaces(String name, Map<String, Object> service, Findings f) {
        Map<String, List<String>> defaults = Map.of(
                "ipc", List.of("", "private", "shareable"),
                "pid", List.of(""),
                "uts", List.of(""),
                "cgroup", List.of("", "private"),
                // without user-namespace remapping (berth has none), "host" is what every container gets
                "userns_mode", List.of("", "host"));
        defaults.forEach((key, allowed) -> {
            String value = Tree.string(service, key);
            if (value != null && !allowed.contains(value)) {
                f.error(Findings.service(name, key), "berth gives each container its own " + key.replace("_mode", "")
                        + " namespace; " + value + " cannot be honoured (remove the key to run the service)");
            }
        });
    }

    private static void logging(String name, Map<String, Object> service, Findings f) {
        Map<String, Object> logging = Tree.map(service, "logging");
        String driver = Tree.string(logging, "driver");
        if (driver != null && !driver.isEmpty() && !driver.equals("json-file") && !driver.equals("local")) {
            f.warn(Findings.service(name, "logging", "driver"), "berth logs to json-file only; " + driver + " ignored");
        }
        if (!Tree.map(logging, "options").isEmpty()) {
            f.warn(Findings.service(name, "logging", "options"), "log options (rotation…) are not applied by berth; ignored");
        }
    }

    private static void deploy(String name, Map<String, Object> service, Findings f) {
        Map<String, Object> deploy = Tree.map(service, "deploy");
        for (String key : deploy.keySet()) {
            if (!DEPLOY_HONOURED.contains(key)) {
                f.warn(Findings.service(name, "deploy", key), "a swarm setting docker compose ignores too; ignored");
            }
        }
        Map<String, Object> resources = Tree.map(deploy, "resources");
        Map<String, Object> limits = Tree.map(resources, "limits");
        for (String key : limits.keySet()) {
            if (!Set.of("cpus", "memory", "pids").contains(key)) {
                f.warn(Findings.service(name, "deploy", "resources", "limits", key), "not applied by berth; ignored");
            }
        }
        Map<String, Object> reservations = Tree.map(resources, "reservations");
        for (String key : reservations.keySet()) {
            if (key.equals("devices")) {
                f.error(Findings.service(name, "deploy", "resources", "reservations", "devices"),
                        "berth cannot give a container devices or GPUs (remove the key to run the service)");
            } else {
                f.warn(Findings.service(name, "deploy", "resources", "reservations", key),
                        "reservations are not applied by berth; ignored");
            }
        }
        Map<String, Object> restart = Tree.map(deploy, "restart_policy");
        for (String key : restart.keySet()) {
            if (!Set.of("condition", "max_attempts").contains(key)) {
                f.warn(Findings.service(name, "deploy", "restart_policy", key),
                        "berth restarts with Docker's back-off (100 ms doubling to 1 min); ignored");
            }
        }
    }
}
