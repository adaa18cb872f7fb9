package dev.berth.compose.validate;

import dev.berth.compose.ComposeError;
import dev.berth.compose.tree.KeyPath;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/** compose-go's per-service consistency checks, each error at the key it is about. */
final class ServiceChecks {

    private static final String SERVICE_PREFIX = "service:";
    private static final Set<String> TEST_KINDS = Set.of("CMD", "CMD-SHELL", "NONE");
    /** Watch actions that do not copy files into the container, so need no target. */
    private static final Set<String> NO_TARGET_ACTIONS = Set.of("rebuild", "restart");

    private final Map<String, Object> services;
    private final Set<String> disabled;
    private final Map<String, Object> networks;
    private final Map<String, Object> volumes;
    private final Map<String, Object> secrets;
    private final Map<String, Object> configs;

    ServiceChecks(Map<String, Object> model, Set<String> disabled) {
        this.services = Values.map(model.get("services"));
        this.disabled = disabled;
        this.networks = Values.map(model.get("networks"));
        this.volumes = Values.map(model.get("volumes"));
        this.secrets = Values.map(model.get("secrets"));
        this.configs = Values.map(model.get("configs"));
    }

    void check(String name, Map<String, Object> s, List<ComposeError> errors) {
        KeyPath path = KeyPath.of("services", name);
        checkImageOrBuild(name, path, s, errors);
        checkBuild(name, path, s, errors);
        checkNetworks(name, path, s, errors);
        checkHealthcheckTest(path, s, errors);
        checkDependsOn(name, path, s, errors);
        checkReferences(name, path, s, errors);
        checkScale(path, s, errors);
        checkResourceDuplicates(path, s, errors);
        checkWatch(path, s, errors);
        checkMountTargets(path, s, errors);
        checkPorts(path, s, errors);
        checkDeviceRequests(path, s, errors);
    }

    /** Behaviour 70. Services run by a provider have no image of their own. */
    private static void checkImageOrBuild(String name, KeyPath path, Map<String, Object> s, List<ComposeError> errors) {
        if (s.get("build") == null && Values.isBlank(s.get("image")) && s.get("provider") == null) {
            errors.add(new ComposeError(null, path,
                    "service \"" + name + "\" has neither an image nor a build context specified"));
        }
    }

    private static void checkBuild(String name, KeyPath path, Map<String, Object> s, List<ComposeError> errors) {
        if (!(s.get("build") instanceof Map<?, ?>)) return;
        Map<String, Object> build = Values.map(s.get("build"));
        if (!Values.isBlank(build.get("dockerfile")) && !Values.isBlank(build.get("dockerfile_inline"))) {
            errors.add(new ComposeError(null, path.child("build"),
                    "service \"" + name + "\" declares mutually exclusive dockerfile and dockerfile_inline"));
        }
        List<?> platforms = Values.list(build.get("platforms"));
        String platform = Values.string(s.get("platform"));
        if (!platforms.isEmpty() && platform != null && !platform.isEmpty()
                && platforms.stream().noneMatch(p -> platform.equals(Values.string(p)))) {
            errors.add(new ComposeError(null, path.child("build").child("platforms"),
                    "service.build.platforms MUST include service.platform \"" + platform + "\""));
        }
    }

    /** Behaviour 71, and undefined networks. */
    private void checkNetworks(String name, KeyPath path, Map<String, Object> s, List<ComposeError> errors) {
        Map<String, Object> serviceNetworks = Values.map(s.get("networks"));
        String networkMode = Values.string(s.get("network_mode"));
        if (networkMode != null && !networkMode.isEmpty() && !serviceNetworks.isEmpty()) {
            errors.add(new ComposeError(null, path,
                    "service " + name + " declares mutually exclusive `network_mode` and `networks`"));
        }
        for (String network : serviceNetworks.keySet()) {
            if (!networks.containsKey(network)) {
                errors.add(new ComposeError(null, path.child("networks").child(network),
                        "service \"" + name + "\" refers to undefined network " + network));
            }
        }
        if (networkMode != null && networkMode.startsWith(SERVICE_PREFIX)) {
            String target = networkMode.substring(SERVICE_PREFIX.length());
            if (!services.containsKey(target)) {
                errors.add(new ComposeError(null, path.child("network_mode"),
                        "service \"" + target + "\" not found for network_mode 'service:" + target + "'"));
            }
        }
    }

    private static void checkHealthcheckTest(KeyPath path, Map<String, Object> s, List<ComposeError> errors) {
        List<?> test = Values.list(Values.map(s.get("healthcheck")).get("test"));
        if (!test.isEmpty() && !TEST_KINDS.contains(Values.string(test.getFirst()))) {
            errors.add(new ComposeError(null, path.child("healthcheck").child("test"),
                    "healthcheck.test must start either by \"CMD\", \"CMD-SHELL\" or \"NONE\""));
        }
    }

    /** Behaviours 70 and 115: only an optional dependency on a profiled-out service may be missing. */
    private void checkDependsOn(String name, KeyPath path, Map<String, Object> s, List<ComposeError> errors) {
        Values.map(s.get("depends_on")).forEach((dep, cfg) -> {
            if (services.containsKey(dep)) return;
            Object required = Values.map(cfg).get("required");
            boolean optional = required != null && !Values.isTrue(required);
            if (disabled.contains(dep) && optional) return;
            errors.add(new ComposeError(null, path.child("depends_on").child(dep),
                    "service \"" + name + "\" depends on undefined service \"" + dep + "\""));
        });
    }

    /** Behaviour 70: named volumes, secrets, configs and build secrets must be declared at the top level. */
    private void checkReferences(String name, KeyPath path, Map<String, Object> s, List<ComposeError> errors) {
        List<?> mounts = Values.list(s.get("volumes"));
        for (int i = 0; i < mounts.size(); i++) {
            Map<String, Object> mount = Values.map(mounts.get(i));
            String source = Values.string(mount.get("source"));
            if ("volume".equals(mount.get("type")) && source != null && !source.isEmpty() && !volumes.containsKey(source)) {
                errors.add(new ComposeError(null, path.child("volumes").index(i).child("source"),
                        "service \"" + name + "\" refers to undefined volume " + source));
            }
        }
        undefined(name, path.child("build").child("secrets"),
                Values.map(s.get("build")).get("secrets"), secrets, "build secret", errors);
        undefined(name, path.child("configs"), s.get("configs"), configs, "config", errors);
        undefined(name, path.child("secrets"), s.get("secrets"), secrets, "secret", errors);
    }

    private static void undefined(String name, KeyPath path, Object refs, Map<String, Object> declared,
                                  String kind, List<ComposeError> errors) {
        List<?> list = Values.list(refs);
        for (int i = 0; i < list.size(); i++) {
            Object ref = list.get(i);
            String source = ref instanceof Map<?, ?> m ? Values.string(m.get("source")) : Values.string(ref);
            if (source != null && !declared.containsKey(source)) {
                errors.add(new ComposeError(null, path.index(i),
                        "service \"" + name + "\" refers to undefined " + kind + " " + source));
            }
        }
    }

    /** Behaviour 70: scale and replicas are counts; when both are set they must agree. */
    private static void checkScale(KeyPath path, Map<String, Object> s, List<ComposeError> errors) {
        Long scale = Values.number(s.get("scale"));
        Long replicas = Values.number(Values.map(s.get("deploy")).get("replicas"));
        if (scale != null && scale < 0) {
            errors.add(new ComposeError(null, path.child("scale"), "must be greater than or equal to 0"));
        }
        if (replicas != null && replicas < 0) {
            errors.add(new ComposeError(null, path.child("deploy").child("replicas"), "must be greater than or equal to 0"));
        }
        if (scale != null && replicas != null && !scale.equals(replicas)) {
            errors.add(new ComposeError(null, path, "can't set distinct values on 'scale' and 'deploy.replicas'"));
        }
        long effective = scale != null ? scale : replicas != null ? replicas : 1;
        if (effective > 1 && !Values.isBlank(s.get("container_name"))) {
            String attr = scale != null ? "scale" : "deploy.replicas";
            errors.add(new ComposeError(null, path,
                    "can't set container_name and " + attr + " as container name must be unique"));
        }
    }

    /** A setting that exists both on the service and under {@code deploy.resources}. */
    private record Duplicate(String serviceKey, String block, String deployKey) {
        String deployPath() {
            return "deploy.resources." + block + "." + deployKey;
        }
    }

    private static final List<Duplicate> DUPLICATES = List.of(
            new Duplicate("cpus", "limits", "cpus"),
            new Duplicate("mem_limit", "limits", "memory"),
            new Duplicate("mem_reservation", "reservations", "memory"),
            new Duplicate("pids_limit", "limits", "pids"));

    /**
     * A limit set both on the service and under {@code deploy.resources} must be the same. As in
     * compose-go, a {@code limits}/{@code reservations} block without the key counts as zero.
     */
    private static void checkResourceDuplicates(KeyPath path, Map<String, Object> s, List<ComposeError> errors) {
        Map<String, Object> resources = Values.map(Values.map(s.get("deploy")).get("resources"));
        for (Duplicate d : DUPLICATES) {
            Double own = Values.decimal(s.get(d.serviceKey()));
            if (own == null || own == 0 || !(resources.get(d.block()) instanceof Map<?, ?> block)) continue;
            Double deployed = Values.decimal(block.get(d.deployKey()));
            if (!Objects.equals(own, deployed == null ? 0.0 : deployed)) {
                errors.add(new ComposeError(null, path,
                        "can't set distinct values on '" + d.serviceKey() + "' and '" + d.deployPath() + "'"));
            }
        }
    }

    /** Behaviour 96: actions that sync files need a target in the container; a path must not be blank. */
    private static void checkWatch(KeyPath path, Map<String, Object> s, List<ComposeError> errors) {
        List<?> watch = Values.list(Values.map(s.get("develop")).get("watch"));
        KeyPath watchPath = path.child("develop").child("watch");
        for (int i = 0; i < watch.size(); i++) {
            Map<String, Object> trigger = Values.map(watch.get(i));
            if (trigger.containsKey("path") && Values.isBlank(trigger.get("path"))) {
                errors.add(new ComposeError(null, watchPath.index(i).child("path"), "value can't be blank"));
            }
            String action = Values.string(trigger.get("action"));
            if (action != null && !NO_TARGET_ACTIONS.contains(action) && Values.isBlank(trigger.get("target"))) {
                errors.add(new ComposeError(null, watchPath, "target is required for non-rebuild actions"));
            }
        }
    }

    /** Behaviour 72: one container path, one mount. */
    private static void checkMountTargets(KeyPath path, Map<String, Object> s, List<ComposeError> errors) {
        Map<String, KeyPath> mounted = new LinkedHashMap<>();
        List<?> tmpfs = s.get("tmpfs") instanceof String one ? List.of(one) : Values.list(s.get("tmpfs"));
        for (int i = 0; i < tmpfs.size(); i++) {
            String spec = Values.string(tmpfs.get(i));
            if (spec == null) continue;
            int colon = spec.indexOf(':');
            mount(colon < 0 ? spec : spec.substring(0, colon), path.child("tmpfs").index(i), mounted, errors);
        }
        List<?> mounts = Values.list(s.get("volumes"));
        for (int i = 0; i < mounts.size(); i++) {
            String target = Values.string(Values.map(mounts.get(i)).get("target"));
            if (target != null) mount(target, path.child("volumes").index(i), mounted, errors);
        }
    }

    private static void mount(String target, KeyPath at, Map<String, KeyPath> mounted, List<ComposeError> errors) {
        KeyPath first = mounted.putIfAbsent(target, at);
        if (first != null) {
            errors.add(new ComposeError(null, at, "target " + target + " already mounted as " + first));
        }
    }

    private static void checkPorts(KeyPath path, Map<String, Object> s, List<ComposeError> errors) {
        List<?> ports = Values.list(s.get("ports"));
        for (int i = 0; i < ports.size(); i++) {
            if (ports.get(i) instanceof Map<?, ?>) {
                PortRules.check(path.child("ports").index(i), Values.map(ports.get(i)), errors);
            }
        }
    }

    /** A device request asks either for a number of devices or for given device ids. */
    private static void checkDeviceRequests(KeyPath path, Map<String, Object> s, List<ComposeError> errors) {
        Map<String, Object> reservations = Values.map(Values.map(Values.map(s.get("deploy")).get("resources")).get("reservations"));
        deviceRequests(path.child("deploy").child("resources").child("reservations").child("devices"),
                reservations.get("devices"), errors);
        deviceRequests(path.child("gpus"), s.get("gpus"), errors);
    }

    private static void deviceRequests(KeyPath path, Object requests, List<ComposeError> errors) {
        List<?> list = Values.list(requests);
        for (int i = 0; i < list.size(); i++) {
            Map<String, Object> request = Values.map(list.get(i));
            if (request.get("count") != null && request.get("device_ids") != null) {
                errors.add(new ComposeError(null, path.index(i), "\"count\" and \"device_ids\" attributes are exclusive"));
            }
        }
    }
}
