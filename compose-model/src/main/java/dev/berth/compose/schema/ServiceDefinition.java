package dev.berth.compose.schema;

import static dev.berth.compose.schema.CommonDefinitions.BLKIO_LIMIT;
import static dev.berth.compose.schema.CommonDefinitions.BLKIO_WEIGHT;
import static dev.berth.compose.schema.CommonDefinitions.COMMAND;
import static dev.berth.compose.schema.CommonDefinitions.DEVICES;
import static dev.berth.compose.schema.CommonDefinitions.ENV_FILE;
import static dev.berth.compose.schema.CommonDefinitions.EXTRA_HOSTS;
import static dev.berth.compose.schema.CommonDefinitions.GENERIC_RESOURCES;
import static dev.berth.compose.schema.CommonDefinitions.GPUS;
import static dev.berth.compose.schema.CommonDefinitions.LABEL_FILE;
import static dev.berth.compose.schema.CommonDefinitions.LIST_OF_STRINGS;
import static dev.berth.compose.schema.CommonDefinitions.LIST_OR_DICT;
import static dev.berth.compose.schema.CommonDefinitions.PRE_START_HOOK;
import static dev.berth.compose.schema.CommonDefinitions.SERVICE_CONFIG_OR_SECRET;
import static dev.berth.compose.schema.CommonDefinitions.SERVICE_HOOK;
import static dev.berth.compose.schema.CommonDefinitions.STRING_OR_LIST;
import static dev.berth.compose.schema.CommonDefinitions.ULIMITS;
import static dev.berth.compose.schema.Rules.BOOLEAN;
import static dev.berth.compose.schema.Rules.BOOLEAN_OR_STRING;
import static dev.berth.compose.schema.Rules.INTEGER_OR_STRING;
import static dev.berth.compose.schema.Rules.NUMBER;
import static dev.berth.compose.schema.Rules.NUMBER_OR_STRING;
import static dev.berth.compose.schema.Rules.STRING;
import static dev.berth.compose.schema.Rules.closedMapping;
import static dev.berth.compose.schema.Rules.enumOf;
import static dev.berth.compose.schema.Rules.integer;
import static dev.berth.compose.schema.Rules.integerAtLeast;
import static dev.berth.compose.schema.Rules.listOf;
import static dev.berth.compose.schema.Rules.mapping;
import static dev.berth.compose.schema.Rules.oneOf;
import static dev.berth.compose.schema.Rules.pattern;
import static dev.berth.compose.schema.Rules.types;

/** The schema of one service ({@code definitions.service}) and of its larger parts. */
final class ServiceDefinition {

    private ServiceDefinition() {
    }

    static final Rule BUILD = oneOf(STRING, closedMapping()
            .prop("context", STRING)
            .prop("dockerfile", STRING)
            .prop("dockerfile_inline", STRING)
            .prop("entitlements", listOf(STRING))
            .prop("args", LIST_OR_DICT)
            .prop("ssh", LIST_OR_DICT)
            .prop("labels", LIST_OR_DICT)
            .prop("cache_from", listOf(STRING))
            .prop("cache_to", listOf(STRING))
            .prop("no_cache", BOOLEAN_OR_STRING)
            .prop("no_cache_filter", STRING_OR_LIST) // compose-go's schema only
            .prop("additional_contexts", LIST_OR_DICT)
            .prop("network", STRING)
            .prop("provenance", BOOLEAN_OR_STRING)
            .prop("sbom", BOOLEAN_OR_STRING)
            .prop("pull", BOOLEAN_OR_STRING)
            .prop("target", STRING)
            .prop("shm_size", INTEGER_OR_STRING)
            .prop("extra_hosts", EXTRA_HOSTS)
            .prop("isolation", STRING)
            .prop("privileged", BOOLEAN_OR_STRING)
            .prop("secrets", SERVICE_CONFIG_OR_SECRET)
            .prop("tags", listOf(STRING))
            .prop("ulimits", ULIMITS)
            .prop("platforms", listOf(STRING)));

    static final Rule BLKIO_CONFIG = mapping().closed()
            .prop("device_read_bps", listOf(BLKIO_LIMIT))
            .prop("device_read_iops", listOf(BLKIO_LIMIT))
            .prop("device_write_bps", listOf(BLKIO_LIMIT))
            .prop("device_write_iops", listOf(BLKIO_LIMIT))
            .prop("weight", INTEGER_OR_STRING)
            .prop("weight_device", listOf(BLKIO_WEIGHT));

    static final Rule DEPENDS_ON = oneOf(LIST_OF_STRINGS, mapping().closed()
            .keys(KeyPattern.NAME, closedMapping()
                    .prop("restart", BOOLEAN_OR_STRING)
                    .prop("required", BOOLEAN)
                    .prop("condition", enumOf("service_started", "service_healthy", "service_completed_successfully"))
                    .required("condition")));

    static final Rule HEALTHCHECK = closedMapping()
            .prop("disable", BOOLEAN_OR_STRING)
            .prop("interval", STRING)
            .prop("retries", NUMBER_OR_STRING)
            .prop("test", oneOf(STRING, listOf(STRING)))
            .prop("timeout", STRING)
            .prop("start_period", STRING)
            .prop("start_interval", STRING);

    static final Rule DEVELOP = closedMapping().orAlso(Kind.NULL)
            .prop("watch", listOf(closedMapping()
                    .prop("ignore", STRING_OR_LIST)
                    .prop("include", STRING_OR_LIST)
                    .prop("path", STRING)
                    .prop("action", enumOf("rebuild", "sync", "restart", "sync+restart", "sync+exec"))
                    .prop("target", STRING)
                    .prop("exec", SERVICE_HOOK)
                    .prop("initial_sync", BOOLEAN)
                    .required("path", "action")));

    private static MappingRule updateConfig() {
        return closedMapping()
                .prop("parallelism", INTEGER_OR_STRING)
                .prop("delay", STRING)
                .prop("failure_action", STRING)
                .prop("monitor", STRING)
                .prop("max_failure_ratio", NUMBER_OR_STRING)
                .prop("order", enumOf("start-first", "stop-first"));
    }

    static final Rule DEPLOY = closedMapping().orAlso(Kind.NULL)
            .prop("mode", STRING)
            .prop("endpoint_mode", STRING)
            .prop("replicas", INTEGER_OR_STRING)
            .prop("labels", LIST_OR_DICT)
            .prop("rollback_config", updateConfig())
            .prop("update_config", updateConfig())
            .prop("resources", closedMapping()
                    .prop("limits", closedMapping()
                            .prop("cpus", NUMBER_OR_STRING)
                            .prop("memory", STRING)
                            .prop("pids", INTEGER_OR_STRING))
                    .prop("reservations", closedMapping()
                            .prop("cpus", NUMBER_OR_STRING)
                            .prop("memory", STRING)
                            .prop("generic_resources", GENERIC_RESOURCES)
                            .prop("devices", DEVICES)))
            .prop("restart_policy", closedMapping()
                    .prop("condition", STRING)
                    .prop("delay", STRING)
                    .prop("max_attempts", INTEGER_OR_STRING)
                    .prop("window", STRING))
            .prop("placement", closedMapping()
                    .prop("constraints", listOf(STRING))
                    .prop("preferences", listOf(closedMapping().prop("spread", STRING)))
                    .prop("max_replicas_per_node", INTEGER_OR_STRING));

    static final Rule DEVICE_MAPPINGS = listOf(oneOf(STRING, closedMapping()
            .prop("source", STRING)
            .prop("target", STRING)
            .prop("permissions", STRING)
            .required("source")));

    static final Rule PROVIDER = closedMapping()
            .prop("type", STRING)
            .prop("options", mapping().keys(KeyPattern.ANY_LINE, oneOf(
                    types(Kind.STRING, Kind.NUMBER, Kind.BOOLEAN),
                    listOf(types(Kind.STRING, Kind.NUMBER, Kind.BOOLEAN)))))
            .required("type");

    static final Rule LOGGING = closedMapping()
            .prop("driver", STRING)
            .prop("options", mapping().keys(KeyPattern.ANY_LINE, types(Kind.STRING, Kind.NUMBER, Kind.NULL)));

    /** A service's {@code models}: names, or per model the variables that receive its endpoint and name. */
    static final Rule MODELS = oneOf(LIST_OF_STRINGS, mapping()
            .keys(KeyPattern.NAME, closedMapping().orAlso(Kind.NULL) // null: compose-go's schema only
                    .prop("endpoint_var", STRING)
                    .prop("model_var", STRING)));

    static final Rule NETWORKS = oneOf(LIST_OF_STRINGS, mapping().closed()
            .keys(KeyPattern.NAME, closedMapping().orAlso(Kind.NULL)
                    .prop("aliases", LIST_OF_STRINGS)
                    .prop("interface_name", STRING)
                    .prop("ipv4_address", STRING)
                    .prop("ipv6_address", STRING)
                    .prop("link_local_ips", LIST_OF_STRINGS)
                    .prop("mac_address", STRING)
                    .prop("driver_opts", mapping().keys(KeyPattern.ANY_LINE, types(Kind.STRING, Kind.NUMBER)))
                    .prop("priority", NUMBER)
                    .prop("gw_priority", NUMBER)));

    static final Rule PORTS = listOf(oneOf(NUMBER, STRING, closedMapping()
            .prop("name", STRING)
            .prop("mode", STRING)
            .prop("host_ip", STRING)
            .prop("target", INTEGER_OR_STRING)
            .prop("published", INTEGER_OR_STRING)
            .prop("protocol", STRING)
            .prop("app_protocol", STRING))).unique();

    static final Rule VOLUMES = listOf(oneOf(STRING, closedMapping()
            .prop("type", enumOf("bind", "volume", "tmpfs", "cluster", "npipe", "image"))
            .prop("source", STRING)
            .prop("target", STRING)
            .prop("read_only", BOOLEAN_OR_STRING)
            .prop("consistency", STRING)
            .prop("bind", closedMapping()
                    .prop("propagation", STRING)
                    .prop("create_host_path", BOOLEAN_OR_STRING)
                    .prop("recursive", enumOf("enabled", "disabled", "writable", "readonly"))
                    .prop("selinux", enumOf("z", "Z")))
            .prop("volume", closedMapping()
                    .prop("labels", LIST_OR_DICT)
                    .prop("nocopy", BOOLEAN_OR_STRING)
                    .prop("subpath", STRING))
            .prop("tmpfs", closedMapping()
                    .prop("size", oneOf(integerAtLeast(0), STRING))
                    .prop("mode", NUMBER_OR_STRING))
            .prop("image", closedMapping()
                    .prop("subpath", STRING))
            .required("type"))).unique();

    /** {@code definitions.service}: every key a service may have (92 with compose-go's pre_start). */
    static final MappingRule SERVICE = closedMapping()
            .prop("develop", DEVELOP)
            .prop("deploy", DEPLOY)
            .prop("annotations", LIST_OR_DICT)
            .prop("attach", BOOLEAN_OR_STRING)
            .prop("build", BUILD)
            .prop("blkio_config", BLKIO_CONFIG)
            .prop("cap_add", listOf(STRING).unique())
            .prop("cap_drop", listOf(STRING).unique())
            .prop("cgroup", enumOf("host", "private"))
            .prop("cgroup_parent", STRING)
            .prop("command", COMMAND)
            .prop("configs", SERVICE_CONFIG_OR_SECRET)
            .prop("container_name", pattern("[a-zA-Z0-9][a-zA-Z0-9_.-]+"))
            .prop("cpu_count", oneOf(STRING, integerAtLeast(0)))
            .prop("cpu_percent", oneOf(STRING, integer(0, 100)))
            .prop("cpu_shares", NUMBER_OR_STRING)
            .prop("cpu_quota", NUMBER_OR_STRING)
            .prop("cpu_period", NUMBER_OR_STRING)
            .prop("cpu_rt_period", NUMBER_OR_STRING)
            .prop("cpu_rt_runtime", NUMBER_OR_STRING)
            .prop("cpus", NUMBER_OR_STRING)
            .prop("cpuset", STRING)
            .prop("credential_spec", closedMapping()
                    .prop("config", STRING)
                    .prop("file", STRING)
                    .prop("registry", STRING))
            .prop("depends_on", DEPENDS_ON)
            .prop("device_cgroup_rules", LIST_OF_STRINGS)
            .prop("devices", DEVICE_MAPPINGS)
            .prop("dns", STRING_OR_LIST)
            .prop("dns_opt", listOf(STRING).unique())
            .prop("dns_search", STRING_OR_LIST)
            .prop("domainname", STRING)
            .prop("entrypoint", COMMAND)
            .prop("env_file", ENV_FILE)
            .prop("label_file", LABEL_FILE)
            .prop("environment", LIST_OR_DICT)
            .prop("expose", listOf(types(Kind.STRING, Kind.NUMBER)).unique())
            .prop("extends", oneOf(STRING, mapping().closed()
                    .prop("service", STRING)
                    .prop("file", STRING)
                    .required("service")))
            .prop("provider", PROVIDER)
            .prop("external_links", listOf(STRING).unique())
            .prop("extra_hosts", EXTRA_HOSTS)
            .prop("gpus", GPUS)
            .prop("group_add", listOf(types(Kind.STRING, Kind.NUMBER)).unique())
            .prop("healthcheck", HEALTHCHECK)
            .prop("hostname", STRING)
            .prop("image", STRING)
            .prop("init", BOOLEAN_OR_STRING)
            .prop("ipc", STRING)
            .prop("isolation", STRING)
            .prop("labels", LIST_OR_DICT)
            .prop("links", listOf(STRING).unique())
            .prop("logging", LOGGING)
            .prop("mac_address", STRING)
            .prop("mem_limit", NUMBER_OR_STRING)
            .prop("mem_reservation", INTEGER_OR_STRING)
            .prop("mem_swappiness", INTEGER_OR_STRING)
            .prop("memswap_limit", NUMBER_OR_STRING)
            .prop("network_mode", STRING)
            .prop("models", MODELS)
            .prop("networks", NETWORKS)
            .prop("oom_kill_disable", BOOLEAN_OR_STRING)
            .prop("oom_score_adj", oneOf(STRING, integer(-1000, 1000)))
            .prop("pid", types(Kind.STRING, Kind.NULL))
            .prop("pids_limit", NUMBER_OR_STRING)
            .prop("platform", STRING)
            .prop("ports", PORTS)
            .prop("post_start", listOf(SERVICE_HOOK))
            .prop("pre_start", listOf(PRE_START_HOOK)) // compose-go's schema only
            .prop("pre_stop", listOf(SERVICE_HOOK))
            .prop("privileged", BOOLEAN_OR_STRING)
            .prop("profiles", LIST_OF_STRINGS)
            .prop("pull_policy", pattern("always|never|build|if_not_present|missing|refresh|daily|weekly|every_([0-9]+[wdhms])+"))
            .prop("pull_refresh_after", STRING)
            .prop("read_only", BOOLEAN_OR_STRING)
            .prop("restart", STRING)
            .prop("runtime", STRING)
            .prop("scale", INTEGER_OR_STRING)
            .prop("security_opt", listOf(STRING).unique())
            .prop("shm_size", NUMBER_OR_STRING)
            .prop("secrets", SERVICE_CONFIG_OR_SECRET)
            .prop("sysctls", LIST_OR_DICT)
            .prop("stdin_open", BOOLEAN_OR_STRING)
            .prop("stop_grace_period", STRING)
            .prop("stop_signal", STRING)
            .prop("storage_opt", mapping())
            .prop("tmpfs", STRING_OR_LIST)
            .prop("tty", BOOLEAN_OR_STRING)
            .prop("ulimits", ULIMITS)
            .prop("use_api_socket", BOOLEAN)
            .prop("user", STRING)
            .prop("uts", STRING)
            .prop("userns_mode", STRING)
            .prop("volumes", VOLUMES)
            .prop("volumes_from", listOf(STRING).unique())
            .prop("working_dir", STRING);
}
