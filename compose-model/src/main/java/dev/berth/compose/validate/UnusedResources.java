package dev.berth.compose.validate;

import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;

/**
 * Drops top-level networks, volumes, secrets, configs and models no enabled service uses
 * (compose-go {@code WithoutUnnecessaryResources}, behaviour 119). {@code docker compose} does this
 * for every command that loads the project, {@code config} included, unless
 * {@code --all-resources} is given; a section left empty disappears.
 */
public final class UnusedResources {

    private UnusedResources() {
    }

    /** A copy of {@code canonical} keeping only the resources its services refer to. */
    public static Map<String, Object> prune(Map<String, Object> canonical) {
        Set<String> networks = new LinkedHashSet<>();
        Set<String> volumes = new LinkedHashSet<>();
        Set<String> secrets = new LinkedHashSet<>();
        Set<String> configs = new LinkedHashSet<>();
        Set<String> models = new LinkedHashSet<>();
        for (Object def : Values.map(canonical.get("services")).values()) {
            Map<String, Object> s = Values.map(def);
            networks.addAll(Values.map(s.get("networks")).keySet());
            for (Object v : Values.list(s.get("volumes"))) {
                Map<String, Object> mount = Values.map(v);
                if ("volume".equals(mount.get("type")) && !Values.isBlank(mount.get("source"))) {
                    volumes.add(Values.string(mount.get("source")));
                }
            }
            addSources(secrets, s.get("secrets"));
            addSources(secrets, Values.map(s.get("build")).get("secrets"));
            addSources(configs, s.get("configs"));
            if (s.get("models") instanceof Map<?, ?> m) m.keySet().forEach(k -> models.add(k.toString()));
            else addSources(models, s.get("models"));
        }
        Map<String, Object> out = new LinkedHashMap<>(canonical);
        keep(out, "networks", networks);
        keep(out, "volumes", volumes);
        keep(out, "secrets", secrets);
        keep(out, "configs", configs);
        keep(out, "models", models);
        return out;
    }

    private static void addSources(Set<String> into, Object refs) {
        for (Object ref : Values.list(refs)) {
            String source = ref instanceof Map<?, ?> m ? Values.string(m.get("source")) : Values.string(ref);
            if (source != null) into.add(source);
        }
    }

    private static void keep(Map<String, Object> model, String section, Set<String> used) {
        if (!model.containsKey(section)) return;
        Map<String, Object> kept = new LinkedHashMap<>();
        Values.map(model.get(section)).forEach((k, v) -> {
            if (used.contains(k)) kept.put(k, v);
        });
        if (kept.isEmpty()) model.remove(section);
        else model.put(section, kept);
    }
}
