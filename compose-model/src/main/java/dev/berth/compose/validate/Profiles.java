package dev.berth.compose.validate;

import dev.berth.compose.ComposeException;
import dev.berth.compose.model.Trees;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Which services are on, as {@code docker compose} decides it (compose-go {@code WithProfiles},
 * {@code WithServicesEnabled}, {@code WithSelectedServices}; behaviours 151-153, 159):
 * <ol>
 *   <li>a service without {@code profiles} is always on; one with profiles is on when one of them is
 *       active; the profile {@code *} turns every service on;</li>
 *   <li>naming a service that is off (e.g. {@code up debug-tool}) activates its profiles, so every
 *       service of those profiles comes on too;</li>
 *   <li>when services are named, only they and what they depend on ({@code depends_on}, transitively;
 *       not {@code links} unless normalization turned them into {@code depends_on}) stay on, and their
 *       {@code depends_on} keeps only entries to services that stay on. Names may be globs
 *       ({@code web*}). A name that matches no service, or a required dependency that is off, is
 *       {@code no such service: x}.</li>
 * </ol>
 * Top-level networks/volumes/secrets/configs are not touched here: see {@link UnusedResources}.
 */
public final class Profiles {

    /** Whether naming a service also brings what it depends on (compose's {@code --no-deps} ignores them). */
    public enum Dependencies { INCLUDE, IGNORE }

    /**
     * The outcome: services on and off, each by name in file order, in canonical form.
     *
     * @param enabled  services that run
     * @param disabled services that are off (by profile or not selected)
     * @param profiles the profiles finally active (the given ones plus those of named services)
     */
    public record Selection(Map<String, Object> enabled, Map<String, Object> disabled, List<String> profiles) {

        public Selection {
            enabled = Collections.unmodifiableMap(new LinkedHashMap<>(enabled));
            disabled = Collections.unmodifiableMap(new LinkedHashMap<>(disabled));
            profiles = List.copyOf(profiles);
        }

        /** A copy of {@code canonical} whose {@code services} are the enabled ones. */
        public Map<String, Object> applyTo(Map<String, Object> canonical) {
            Map<String, Object> out = new LinkedHashMap<>(canonical);
            out.put("services", Trees.copy(enabled));
            return out;
        }
    }

    private Profiles() {
    }

    public static Selection select(Map<String, Object> canonical, List<String> activeProfiles,
                                   List<String> requestedServices) {
        return select(canonical, activeProfiles, requestedServices, Dependencies.INCLUDE);
    }

    public static Selection select(Map<String, Object> canonical, List<String> activeProfiles,
                                   List<String> requestedServices, Dependencies dependencies) {
        Map<String, Object> all = Values.map(canonical.get("services"));
        List<String> profiles = new ArrayList<>(activeProfiles);
        Map<String, Object> enabled = byProfiles(all, profiles);
        // naming a service that is off turns its profiles on
        boolean grew = false;
        for (String name : requestedServices) {
            if (enabled.containsKey(name) || !all.containsKey(name)) continue;
            for (Object p : Values.list(Values.map(all.get(name)).get("profiles"))) {
                profiles.add(String.valueOf(p));
                grew = true;
            }
        }
        if (grew) enabled = byProfiles(all, profiles);
        if (!requestedServices.isEmpty()) enabled = selected(enabled, requestedServices, dependencies);

        Map<String, Object> disabled = new LinkedHashMap<>();
        for (Map.Entry<String, Object> e : all.entrySet()) {
            if (!enabled.containsKey(e.getKey())) disabled.put(e.getKey(), e.getValue());
        }
        return new Selection(enabled, disabled, new ArrayList<>(new LinkedHashSet<>(profiles)));
    }

    private static Map<String, Object> byProfiles(Map<String, Object> all, List<String> active) {
        Map<String, Object> out = new LinkedHashMap<>();
        all.forEach((name, def) -> {
            List<?> own = Values.list(Values.map(def).get("profiles"));
            if (own.isEmpty() || active.contains("*") || own.stream().anyMatch(p -> active.contains(String.valueOf(p)))) {
                out.put(name, def);
            }
        });
        return out;
    }

    /** The named services and (unless ignored) their dependencies, with depends_on trimmed to them. */
    private static Map<String, Object> selected(Map<String, Object> enabled, List<String> names,
                                                Dependencies dependencies) {
        Set<String> keep = new LinkedHashSet<>();
        List<String> todo = new ArrayList<>();
        for (String name : names) {
            List<String> matches = matching(enabled, name);
            if (matches.isEmpty()) throw new ComposeException("no such service: " + name);
            todo.addAll(matches);
        }
        while (!todo.isEmpty()) {
            String name = todo.removeFirst();
            if (!keep.add(name) || dependencies == Dependencies.IGNORE) continue;
            Values.map(Values.map(enabled.get(name)).get("depends_on")).forEach((dep, cfg) -> {
                if (enabled.containsKey(dep)) {
                    todo.add(dep);
                    return;
                }
                Object required = Values.map(cfg).get("required");
                if (required == null || Values.isTrue(required)) throw new ComposeException("no such service: " + dep);
            });
        }
        Map<String, Object> out = new LinkedHashMap<>();
        enabled.forEach((name, def) -> {
            if (keep.contains(name)) out.put(name, withDependsOnWithin(def, keep));
        });
        return out;
    }

    private static Object withDependsOnWithin(Object def, Set<String> keep) {
        if (!(Values.map(def).get("depends_on") instanceof Map<?, ?> dependsOn)) return def;
        if (keep.containsAll(Values.map(dependsOn).keySet())) return def;
        Map<String, Object> service = new LinkedHashMap<>(Values.map(def));
        Map<String, Object> trimmed = new LinkedHashMap<>();
        Values.map(dependsOn).forEach((dep, cfg) -> {
            if (keep.contains(dep)) trimmed.put(dep, cfg);
        });
        if (trimmed.isEmpty()) service.remove("depends_on");
        else service.put("depends_on", trimmed);
        return service;
    }

    /** Services whose name matches {@code pattern}: a name, or a glob with {@code * ? [...]}. */
    private static List<String> matching(Map<String, Object> services, String pattern) {
        if (services.containsKey(pattern)) return List.of(pattern);
        Pattern glob = glob(pattern);
        if (glob == null) return List.of();
        return services.keySet().stream().filter(n -> glob.matcher(n).matches()).toList();
    }

    private static Pattern glob(String pattern) {
        StringBuilder re = new StringBuilder();
        boolean inClass = false;
        for (char c : pattern.toCharArray()) {
            if (inClass) {
                if (c == ']') inClass = false;
                re.append(c == '!' && re.charAt(re.length() - 1) == '[' ? '^' : c);
                continue;
            }
            switch (c) {
                case '*' -> re.append("[^/]*");
                case '?' -> re.append("[^/]");
                case '[' -> {
                    inClass = true;
                    re.append('[');
                }
                default -> re.append(Pattern.quote(String.valueOf(c)));
            }
        }
        if (inClass) return null;
        try {
            return Pattern.compile(re.toString());
        } catch (java.util.regex.PatternSyntaxException e) {
            return null;
        }
    }
}
