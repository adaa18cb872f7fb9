package dev.berth.compose.model;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

/**
 * A resolved Compose project. {@link #model()} is the canonical tree — the shape and field names of
 * {@code docker compose config} (compose-go's marshalled project) — deeply unmodifiable; the
 * accessors are views over it.
 *
 * @param name             the project name
 * @param workingDir       the project directory
 * @param composeFiles     the files loaded, absolute, in order
 * @param environment      the project environment (process env over .env / --env-file)
 * @param model            the canonical tree: name, services, networks, volumes, secrets, configs, x-*
 * @param disabledServices services switched off by profiles, in their canonical form
 */
public record Project(
        String name,
        Path workingDir,
        List<Path> composeFiles,
        Map<String, String> environment,
        Map<String, Object> model,
        Map<String, Object> disabledServices) {

    public Project {
        composeFiles = List.copyOf(composeFiles);
        environment = Collections.unmodifiableMap(new LinkedHashMap<>(environment));
        model = Trees.freeze(model);
        disabledServices = Trees.freeze(disabledServices);
    }

    /** Enabled services by name, in file order. */
    @SuppressWarnings("unchecked")
    public Map<String, Map<String, Object>> services() {
        Object s = model.get("services");
        return s == null ? Map.of() : (Map<String, Map<String, Object>>) s;
    }

    public List<String> serviceNames() {
        return List.copyOf(services().keySet());
    }

    public List<String> networkNames() {
        return keys("networks");
    }

    public List<String> volumeNames() {
        return keys("volumes");
    }

    /** Every profile named by a service, enabled or not, sorted. */
    @SuppressWarnings("unchecked")
    public List<String> profiles() {
        TreeSet<String> out = new TreeSet<>();
        List<Map<String, Object>> all = new ArrayList<>(services().values());
        disabledServices.values().forEach(v -> all.add((Map<String, Object>) v));
        for (Map<String, Object> svc : all) {
            Object p = svc.get("profiles");
            if (p instanceof List<?> l) l.forEach(x -> out.add(String.valueOf(x)));
        }
        return List.copyOf(out);
    }

    /** The image each service runs: its {@code image}, else {@code <project>-<service>} for a build. */
    public Map<String, String> images() {
        Map<String, String> out = new LinkedHashMap<>();
        services().forEach((svc, def) -> {
            Object image = def.get("image");
            out.put(svc, image != null ? image.toString() : name + "-" + svc);
        });
        return out;
    }

    private List<String> keys(String section) {
        Object m = model.get(section);
        return m instanceof Map<?, ?> map ? map.keySet().stream().map(Object::toString).toList() : List.of();
    }
}
