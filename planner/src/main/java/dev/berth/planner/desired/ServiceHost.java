package dev.berth.planner.desired;

import dev.berth.compose.normalize.GoDuration;
import dev.berth.compose.tree.KeyPath;
import dev.berth.engine.container.Healthcheck;
import dev.berth.engine.container.HostConfig;
import dev.berth.engine.container.PortBinding;
import dev.berth.engine.container.RestartPolicy;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** The parts of a service's create request compose computes from single keys: limits, security, restart, health, ports. */
final class ServiceHost {

    private ServiceHost() {
    }

    /** Docker's HostConfig of a service's containers (the same for every replica). */
    static HostConfig hostConfig(String service, Map<String, Object> def, ServiceMounts mounts, ServiceNetworking net, Findings f) {
        Map<String, Object> limits = Tree.map(Tree.map(Tree.map(def, "deploy"), "resources"), "limits");
        // compose's getDeployResources: the service keys, then deploy.resources.limits over them
        long memory = Tree.number(def, "mem_limit");
        if (Tree.number(limits, "memory") != 0) memory = Tree.number(limits, "memory");
        double cpus = Tree.decimal(def, "cpus");
        if (Tree.decimal(limits, "cpus") != 0) cpus = Tree.decimal(limits, "cpus");
        long pids = Tree.number(def, "pids_limit");
        if (Tree.number(limits, "pids") > 0) pids = Tree.number(limits, "pids");

        List<HostConfig.Ulimit> ulimits = new ArrayList<>();
        Tree.map(def, "ulimits").forEach((name, value) -> {
            if (value instanceof Number single) {
                ulimits.add(new HostConfig.Ulimit(name, single.longValue(), single.longValue()));
            } else {
                Map<String, Object> u = Tree.map(value);
                long one = Tree.number(u, "single");
                ulimits.add(new HostConfig.Ulimit(name, u.containsKey("soft") ? Tree.number(u, "soft") : one,
                        u.containsKey("hard") ? Tree.number(u, "hard") : one));
            }
        });
        List<String> extraHosts = Tree.strings(def, "extra_hosts").stream().map(ServiceHost::extraHost).toList();

        List<PortBinding> ports = ports(service, def, f);
        if (!ports.isEmpty() && net.attachments().isEmpty()) {
            if (net.mode().equals("host")) {
                // Docker: "Published ports are discarded when using host network mode"
                f.warn(Findings.service(service, "ports"), "published ports are discarded with network_mode: host");
                ports = List.of();
            } else if (net.mode().equals("none")) {
                f.error(Findings.service(service, "ports"), "ports cannot be published with network_mode: none");
            }
        }

        return new HostConfig(memory, Tree.number(def, "memswap_limit"), Math.round(cpus * 1e9), Tree.number(def, "cpu_shares"),
                Tree.string(def, "cpuset"), Math.max(pids, 0), Tree.strings(def, "cap_add"), Tree.strings(def, "cap_drop"),
                Tree.flag(def, "privileged"), securityOpts(service, def, f), Tree.flag(def, "read_only"),
                restartPolicy(service, def, f), Tree.flag(def, "init"), false, mounts.binds(), mounts.tmpfs(), net.mode(),
                Tree.number(def, "shm_size"), ulimits, Tree.strings(def, "dns"), Tree.strings(def, "dns_search"),
                Tree.strings(def, "dns_opt"), extraHosts, ports, mounts.mounts(), Tree.stringMap(def, "sysctls"));
    }

    /** compose-go's canonical {@code name=ip} as compose sends it ({@code ExtraHosts.AsList(":")}). */
    private static String extraHost(String entry) {
        int eq = entry.indexOf('=');
        return eq < 0 ? entry : entry.substring(0, eq) + ":" + entry.substring(eq + 1);
    }

    private static List<PortBinding> ports(String service, Map<String, Object> def, Findings f) {
        List<PortBinding> out = new ArrayList<>();
        List<Object> ports = Tree.list(def, "ports");
        for (int i = 0; i < ports.size(); i++) {
            Map<String, Object> p = Tree.map(ports.get(i));
            String protocol = Tree.string(p, "protocol") == null ? "tcp" : Tree.string(p, "protocol");
            if (!protocol.equals("tcp") && !protocol.equals("udp")) {
                f.error(Findings.service(service, "ports").index(i).child("protocol"), "berth publishes tcp and udp ports, not " + protocol);
                continue;
            }
            String published = Tree.string(p, "published");
            if (published != null && published.contains("-")) {
                f.error(Findings.service(service, "ports").index(i).child("published"),
                        "berth publishes one host port per container port, not the range " + published);
                continue;
            }
            out.add(new PortBinding(Tree.number(p, "target") + "/" + protocol, Tree.string(p, "host_ip"), published));
        }
        return out;
    }

    /**
     * compose's {@code parseSecurityOpts} as berth's engine reads them: {@code no-new-privileges} and
     * {@code seccomp=unconfined} (either separator) are applied; a seccomp profile file, AppArmor and
     * SELinux labels cannot be.
     */
    private static List<String> securityOpts(String service, Map<String, Object> def, Findings f) {
        List<String> out = new ArrayList<>();
        List<String> opts = Tree.strings(def, "security_opt");
        for (int i = 0; i < opts.size(); i++) {
            String opt = opts.get(i);
            KeyPath at = Findings.service(service, "security_opt").index(i);
            int sep = opt.indexOf('=') >= 0 ? opt.indexOf('=') : opt.indexOf(':');
            String key = sep < 0 ? opt : opt.substring(0, sep);
            String value = sep < 0 ? "" : opt.substring(sep + 1);
            switch (key) {
                case "no-new-privileges" -> out.add(value.isEmpty() ? opt : "no-new-privileges=" + value);
                case "seccomp" -> {
                    if (value.equals("unconfined")) out.add("seccomp=unconfined");
                    else if (!value.equals("builtin")) {
                        f.error(at, "berth applies its default seccomp profile or none (seccomp=unconfined), not the profile " + value);
                    }
                }
                case "apparmor", "label" -> f.warn(at, "berth has no AppArmor or SELinux confinement; ignored");
                case "systempaths" -> f.error(at, "berth always masks /proc and /sys paths as Docker does; " + opt + " cannot be honoured");
                default -> f.error(at, "invalid security-opt: " + opt);
            }
        }
        return out;
    }

    /** compose's getRestartPolicy: {@code restart}, then {@code deploy.restart_policy} over it. */
    private static RestartPolicy restartPolicy(String service, Map<String, Object> def, Findings f) {
        RestartPolicy policy = RestartPolicy.NO;
        String restart = Tree.string(def, "restart");
        if (restart != null && !restart.isEmpty()) {
            String[] parts = restart.split(":", 2);
            policy = policy(parts[0], parts.length > 1 ? parts[1] : "0", Findings.service(service, "restart"), f);
        }
        Map<String, Object> deployed = Tree.map(Tree.map(def, "deploy"), "restart_policy");
        if (!deployed.isEmpty()) {
            String condition = Tree.string(deployed, "condition");
            policy = policy(condition == null ? "" : condition, String.valueOf(Tree.number(deployed, "max_attempts")),
                    Findings.service(service, "deploy", "restart_policy"), f);
        }
        return policy;
    }

    private static RestartPolicy policy(String condition, String attempts, KeyPath at, Findings f) {
        String name = switch (condition) {
            case "none", "no", "" -> "no";
            case "any", "always" -> "always";
            case "on-failure", "unless-stopped" -> condition;
            default -> {
                f.error(at, "unknown restart policy " + condition + " (no, always, on-failure[:N], unless-stopped)");
                yield "no";
            }
        };
        int n;
        try {
            n = Integer.parseInt(attempts);
        } catch (NumberFormatException e) {
            f.error(at, "the retry count must be a number, not " + attempts);
            n = 0;
        }
        return name.equals("no") ? RestartPolicy.NO : new RestartPolicy(name, name.equals("on-failure") ? n : 0);
    }

    /** compose's ToMobyHealthCheck: durations in ns; {@code disable: true} is {@code ["NONE"]}; null without a healthcheck. */
    static Healthcheck healthcheck(String service, Map<String, Object> def, Findings f) {
        if (!(def.get("healthcheck") instanceof Map<?, ?>)) return null;
        Map<String, Object> hc = Tree.map(def, "healthcheck");
        List<String> test = Tree.flag(hc, "disable") ? List.of("NONE") : Tree.strings(hc, "test");
        if (hc.get("start_interval") != null && hc.get("start_period") == null) {
            f.error(Findings.service(service, "healthcheck", "start_interval"),
                    "healthcheck.start_interval requires healthcheck.start_period to be set");
        }
        return new Healthcheck(test, nanos(hc, "interval"), nanos(hc, "timeout"), nanos(hc, "start_period"),
                nanos(hc, "start_interval"), (int) Tree.number(hc, "retries"));
    }

    static long nanos(Map<String, Object> node, String key) {
        Object v = node.get(key);
        return v == null ? 0 : GoDuration.parse(String.valueOf(v));
    }

    /** compose's ToSeconds(stop_grace_period): whole seconds; null (the engine's 10 s) when unset. */
    static Integer stopTimeout(Map<String, Object> def) {
        return def.get("stop_grace_period") == null ? null : (int) (nanos(def, "stop_grace_period") / 1_000_000_000L);
    }
}
