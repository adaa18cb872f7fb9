package dev.berth.engine.events;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * {@code docker events --filter}, as Docker's daemon applies it: values of one key any, different
 * keys all. {@code type} and {@code event} match exactly ({@code event=health_status} matches every
 * {@code health_status: …}); {@code container}, {@code network} and {@code volume} match the actor's
 * ID or name by prefix (and so leave out events of other objects); {@code image} matches the image
 * attribute (with or without its tag); {@code label=K} and {@code label=K=V} match the attributes.
 */
public record EventFilter(Map<String, List<String>> byKey) {

    private static final Set<String> KEYS = Set.of("type", "event", "container", "network", "volume", "image", "label", "scope");

    public EventFilter {
        byKey = byKey == null ? Map.of() : Map.copyOf(byKey);
        for (String k : byKey.keySet()) {
            if (!KEYS.contains(k)) throw new IllegalArgumentException("invalid filter '" + k + "' (berth's event filters: "
                    + new java.util.TreeSet<>(KEYS) + ")");
        }
    }

    public static final EventFilter NONE = new EventFilter(Map.of());

    /** {@code key=value} strings, as {@code --filter} takes them. */
    public static EventFilter of(List<String> filters) {
        Map<String, List<String>> byKey = new LinkedHashMap<>();
        for (String f : filters) {
            int eq = f.indexOf('=');
            if (eq <= 0) throw new IllegalArgumentException("bad format of filter (expected name=value): " + f);
            byKey.computeIfAbsent(f.substring(0, eq), k -> new java.util.ArrayList<>()).add(f.substring(eq + 1));
        }
        return new EventFilter(byKey);
    }

    public boolean matches(EngineEvent e) {
        return event(e)
                && exact("type", e.type())
                && exact("scope", "local")
                && named("container", EngineEvent.CONTAINER, e)
                && named("network", EngineEvent.NETWORK, e)
                && named("volume", EngineEvent.VOLUME, e)
                && image(e)
                && labels(e.attributes());
    }

    private boolean event(EngineEvent e) {
        List<String> wanted = byKey.get("event");
        if (wanted == null) return true;
        for (String w : wanted) {
            if (w.equals(e.action())) return true;
            // Docker: health_status, exec_create, exec_start without their ": …" match them all
            if ((w.equals("health_status") || w.equals("exec_create") || w.equals("exec_start")) && e.action().startsWith(w)) return true;
        }
        return false;
    }

    private boolean exact(String key, String value) {
        List<String> wanted = byKey.get(key);
        return wanted == null || wanted.contains(value);
    }

    /** Docker's fuzzy match of a name filter: the actor's ID or name attribute, by prefix. */
    private boolean named(String key, String type, EngineEvent e) {
        List<String> wanted = byKey.get(key);
        if (wanted == null) return true;
        String name = e.attributes().getOrDefault("name", "");
        for (String w : wanted) {
            if (e.actorId().startsWith(w) || (!name.isEmpty() && name.startsWith(w))) return true;
        }
        return false;
    }

    private boolean image(EngineEvent e) {
        List<String> wanted = byKey.get("image");
        if (wanted == null) return true;
        String image = e.attributes().getOrDefault("image", "");
        String untagged = image.contains(":") && !image.substring(image.lastIndexOf(':')).contains("/")
                ? image.substring(0, image.lastIndexOf(':')) : image;
        for (String w : wanted) {
            if (w.equals(image) || w.equals(untagged) || w.equals(e.actorId())) return true;
        }
        return false;
    }

    private boolean labels(Map<String, String> attributes) {
        List<String> wanted = byKey.get("label");
        if (wanted == null) return true;
        for (String w : wanted) {
            int eq = w.indexOf('=');
            boolean hit = eq < 0 ? attributes.containsKey(w) : w.substring(eq + 1).equals(attributes.get(w.substring(0, eq)));
            if (!hit) return false; // Docker: every label filter must match
        }
        return true;
    }
}
