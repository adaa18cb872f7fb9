package dev.berth.compose.normalize;

import dev.berth.compose.graph.ImplicitDependencies;
import dev.berth.compose.model.Trees;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * Adds what compose-go's {@code loader/normalize.go} adds to a canonical (long-form) model: the
 * implicit {@code default} network, project-prefixed resource names, build defaults, build args
 * and environment resolved from the project environment, implicit {@code depends_on} entries,
 * clean volume targets, and the service image for {@code pre_start} hooks that name none.
 * The input is not changed; a normalized copy is returned.
 *
 * <p>Not done here, as in compose-go: {@code scale} vs {@code deploy.replicas} is checked (not
 * rewritten) by the consistency checks; paths are resolved by the path stage.
 */
public final class Normalizer {

    private static final List<String> RESOURCE_SECTIONS = List.of("networks", "volumes", "configs", "secrets");

    private Normalizer() {
    }

    /**
     * @param canonical   the merged model in canonical long form (not modified)
     * @param projectName the project name, prefix of implicit resource names
     * @param env         the project environment: value of a variable, or null when unset
     */
    public static Map<String, Object> normalize(Map<String, Object> canonical, String projectName,
                                                Function<String, String> env) {
        Map<String, Object> model = Trees.copy(canonical);
        addDefaultNetwork(model);
        if (model.get("services") instanceof Map<?, ?> services) {
            services.values().forEach(s -> {
                if (s instanceof Map<?, ?> service) normalizeService(asMap(service), env);
            });
        }
        nameResources(model, projectName);
        return model;
    }

    /**
     * A service without {@code network_mode} (and not run by a provider) that lists no network is on
     * {@code default}; the top-level {@code default} network exists only when some service uses it
     * (behaviour 116).
     */
    private static void addDefaultNetwork(Map<String, Object> model) {
        boolean usesDefault = false;
        if (model.get("services") instanceof Map<?, ?> services) {
            for (Object s : services.values()) {
                if (!(s instanceof Map<?, ?> raw)) continue;
                Map<String, Object> service = asMap(raw);
                if (service.containsKey("provider") || service.containsKey("network_mode")) continue;
                Object nets = service.get("networks");
                if (nets instanceof List<?> list && !list.isEmpty()) {
                    // short form left by a caller that skipped canonicalization: still explicit
                    usesDefault |= list.contains("default");
                } else if (!(nets instanceof Map<?, ?> map) || map.isEmpty()) {
                    Map<String, Object> onDefault = new LinkedHashMap<>();
                    onDefault.put("default", null);
                    service.put("networks", onDefault);
                    usesDefault = true;
                } else if (map.containsKey("default")) {
                    usesDefault = true;
                }
            }
        }
        Map<String, Object> networks = model.get("networks") instanceof Map<?, ?> n ? asMap(n) : new LinkedHashMap<>();
        if (usesDefault && !networks.containsKey("default")) networks.put("default", null);
        if (!networks.isEmpty()) model.put("networks", networks);
    }

    private static void normalizeService(Map<String, Object> service, Function<String, String> env) {
        if ("if_not_present".equals(service.get("pull_policy"))) service.put("pull_policy", "missing");

        if (service.get("build") instanceof Map<?, ?> b) {
            Map<String, Object> build = asMap(b);
            if (build.get("context") == null) build.put("context", ".");
            if (build.get("dockerfile") == null && build.get("dockerfile_inline") == null) {
                build.put("dockerfile", "Dockerfile");
            }
            // behaviour 118: a bare build arg without a value in the environment is dropped
            if (build.containsKey("args")) build.put("args", resolve(build.get("args"), env, false));
        }
        // behaviour 118/78: a bare environment entry takes the project value, or stays unset (null)
        if (service.containsKey("environment")) {
            service.put("environment", resolve(service.get("environment"), env, true));
        }

        addImplicitDependencies(service);
        cleanVolumeTargets(service);
        inheritHookImage(service);
    }

    /** Behaviour 114: implicit dependencies become depends_on entries; explicit ones are kept as written. */
    private static void addImplicitDependencies(Map<String, Object> service) {
        List<ImplicitDependencies.Implicit> implicit = ImplicitDependencies.of(service);
        if (implicit.isEmpty()) return;
        Map<String, Object> dependsOn = service.get("depends_on") instanceof Map<?, ?> d ? asMap(d) : new LinkedHashMap<>();
        for (ImplicitDependencies.Implicit dep : implicit) {
            if (dependsOn.containsKey(dep.service())) continue;
            Map<String, Object> entry = new LinkedHashMap<>();
            entry.put("condition", "service_started");
            // compose-go marshals restart with omitempty: false is simply absent
            if (dep.restart()) entry.put("restart", true);
            entry.put("required", true);
            dependsOn.put(dep.service(), entry);
        }
        service.put("depends_on", dependsOn);
    }

    /** compose-go cleans volume targets ({@code /data/} → {@code /data}) so they compare equal. */
    private static void cleanVolumeTargets(Map<String, Object> service) {
        if (!(service.get("volumes") instanceof List<?> volumes)) return;
        for (Object v : volumes) {
            if (v instanceof Map<?, ?> volume && volume.get("target") instanceof String target) {
                asMap(volume).put("target", cleanPath(target));
            }
        }
    }

    /** Behaviour 97: a pre_start hook without an image runs the service's image (none for build-only services). */
    private static void inheritHookImage(Map<String, Object> service) {
        if (!(service.get("pre_start") instanceof List<?> hooks)) return;
        Object image = service.get("image");
        if (image == null) return;
        for (Object h : hooks) {
            if (h instanceof Map<?, ?> hook && hook.get("image") == null) asMap(hook).put("image", image);
        }
    }

    /**
     * Behaviour 117: a resource without {@code name} is named {@code <project>_<key>}, an external
     * one its key.
     */
    private static void nameResources(Map<String, Object> model, String projectName) {
        for (String section : RESOURCE_SECTIONS) {
            if (!(model.get(section) instanceof Map<?, ?> raw)) continue;
            Map<String, Object> resources = asMap(raw);
            for (Map.Entry<String, Object> e : resources.entrySet()) {
                Map<String, Object> resource = e.getValue() instanceof Map<?, ?> r ? asMap(r) : new LinkedHashMap<>();
                if (resource.get("name") == null) {
                    resource.put("name", isTrue(resource.get("external")) ? e.getKey() : projectName + "_" + e.getKey());
                }
                e.setValue(resource);
            }
        }
    }

    private static boolean isTrue(Object value) {
        return value instanceof Boolean b ? b : value != null && "true".equalsIgnoreCase(value.toString().trim());
    }

    /**
     * Bare keys take their value from the environment. Mapping form: a null value is a bare key.
     * List form: an entry without {@code =} is a bare key, rewritten to {@code KEY=value}.
     * Unresolved bare keys stay (as null / bare) when {@code keepUnset}, else are dropped.
     */
    private static Object resolve(Object value, Function<String, String> env, boolean keepUnset) {
        if (value instanceof Map<?, ?> map) {
            Map<String, Object> out = new LinkedHashMap<>();
            map.forEach((k, v) -> {
                String key = k.toString();
                if (v != null) {
                    out.put(key, v);
                    return;
                }
                String resolved = env.apply(key);
                if (resolved != null) out.put(key, resolved);
                else if (keepUnset) out.put(key, null);
            });
            return out;
        }
        if (value instanceof List<?> list) {
            List<Object> out = new ArrayList<>();
            for (Object item : list) {
                if (!(item instanceof String s) || s.contains("=")) {
                    out.add(item);
                    continue;
                }
                String resolved = env.apply(s);
                if (resolved != null) out.add(s + "=" + resolved);
                else if (keepUnset) out.add(s);
            }
            return out;
        }
        return value;
    }

    /** Lexical POSIX path cleaning, as Go's {@code path.Clean}. */
    static String cleanPath(String path) {
        if (path.isEmpty()) return ".";
        boolean rooted = path.startsWith("/");
        Deque<String> parts = new ArrayDeque<>();
        for (String part : path.split("/")) {
            if (part.isEmpty() || part.equals(".")) continue;
            if (part.equals("..")) {
                if (!parts.isEmpty() && !parts.peekLast().equals("..")) parts.removeLast();
                else if (!rooted) parts.addLast("..");
                continue;
            }
            parts.addLast(part);
        }
        String joined = String.join("/", parts);
        if (rooted) return "/" + joined;
        return joined.isEmpty() ? "." : joined;
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> asMap(Map<?, ?> map) {
        return (Map<String, Object>) map;
    }
}
