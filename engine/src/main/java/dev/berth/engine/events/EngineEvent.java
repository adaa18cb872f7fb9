package dev.berth.engine.events;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeMap;

/**
 * One event of berthd, as Docker's {@code events.Message}: what happened ({@code Type}, {@code Action})
 * to which object ({@code Actor.ID} and its {@code Attributes}: a container's name, image and labels, a
 * network's name and type, a volume's driver), and when (nanoseconds since the epoch).
 *
 * @param type       {@code container}, {@code network} or {@code volume}
 * @param action     Docker's action: {@code create}, {@code start}, {@code die}, {@code health_status: healthy}, …
 * @param actorId    the container's or network's ID, the volume's name
 * @param attributes sorted by key, as Docker's CLI prints them
 */
public record EngineEvent(String type, String action, String actorId, Map<String, String> attributes, long timeNano) {

    public static final String CONTAINER = "container";
    public static final String NETWORK = "network";
    public static final String VOLUME = "volume";

    public EngineEvent {
        attributes = attributes == null ? Map.of() : java.util.Collections.unmodifiableMap(new TreeMap<>(attributes));
    }

    public static EngineEvent now(String type, String action, String actorId, Map<String, String> attributes) {
        Instant t = Instant.now();
        return new EngineEvent(type, action, actorId, attributes, t.getEpochSecond() * 1_000_000_000L + t.getNano());
    }

    public Instant instant() {
        return Instant.ofEpochSecond(Math.floorDiv(timeNano, 1_000_000_000L), Math.floorMod(timeNano, 1_000_000_000L));
    }

    /**
     * Docker's JSON message, its fields in Docker's order; containers carry the legacy {@code status},
     * {@code id} and {@code from} too, as Docker's daemon still writes them.
     */
    public Map<String, Object> toDockerMap() {
        Map<String, Object> m = new LinkedHashMap<>();
        if (type.equals(CONTAINER)) {
            m.put("status", action);
            m.put("id", actorId);
            if (attributes.containsKey("image")) m.put("from", attributes.get("image"));
        }
        m.put("Type", type);
        m.put("Action", action);
        Map<String, Object> actor = new LinkedHashMap<>();
        actor.put("ID", actorId);
        actor.put("Attributes", new LinkedHashMap<>(attributes));
        m.put("Actor", actor);
        m.put("scope", "local");
        m.put("time", Math.floorDiv(timeNano, 1_000_000_000L));
        m.put("timeNano", timeNano);
        return m;
    }

    /** Reads Docker's JSON message (as parsed by MiniJson or any parser into maps and numbers). */
    public static EngineEvent fromDockerMap(Map<String, Object> m) {
        Object actorValue = m.get("Actor");
        Map<?, ?> actor = actorValue instanceof Map<?, ?> a ? a : Map.of();
        Map<String, String> attributes = new LinkedHashMap<>();
        if (actor.get("Attributes") instanceof Map<?, ?> attrs) attrs.forEach((k, v) -> attributes.put(k.toString(), String.valueOf(v)));
        long nanos = m.get("timeNano") instanceof Number n ? n.longValue()
                : m.get("time") instanceof Number s ? s.longValue() * 1_000_000_000L : 0;
        String type = m.get("Type") == null ? CONTAINER : m.get("Type").toString();
        String action = m.get("Action") != null ? m.get("Action").toString() : String.valueOf(m.get("status"));
        String id = actor.get("ID") != null ? actor.get("ID").toString() : String.valueOf(m.get("id"));
        return new EngineEvent(type, action, id, attributes, nanos);
    }
}
