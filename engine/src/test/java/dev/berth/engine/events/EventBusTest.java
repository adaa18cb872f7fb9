package dev.berth.engine.events;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The bus and the filters without a daemon: Docker's filter rules, the kept history, since/until. */
class EventBusTest {

    private static EngineEvent at(long nanos, String type, String action, String id, Map<String, String> attributes) {
        return new EngineEvent(type, action, id, attributes, nanos);
    }

    private static final EngineEvent WEB_START = at(10, "container", "start", "abc123", Map.of("name", "web", "image", "busybox:1.36", "app", "shop"));
    private static final EngineEvent HEALTHY = at(20, "container", "health_status: healthy", "abc123", Map.of("name", "web", "image", "busybox"));
    private static final EngineEvent NET = at(30, "network", "connect", "ffee", Map.of("name", "shop_default", "type", "bridge", "container", "abc123"));

    private static boolean matches(EngineEvent e, String... filters) {
        return EventFilter.of(List.of(filters)).matches(e);
    }

    @Test
    void filtersFollowDockersRules() {
        assertTrue(matches(WEB_START));
        assertTrue(matches(WEB_START, "type=container", "type=network"), "values of one key: any");
        assertFalse(matches(WEB_START, "type=container", "event=die"), "different keys: all");
        assertTrue(matches(HEALTHY, "event=health_status"), "health_status without its status matches every one");
        assertFalse(matches(HEALTHY, "event=health_status: unhealthy"));
        assertTrue(matches(WEB_START, "container=web") && matches(WEB_START, "container=abc"), "name or ID prefix");
        assertFalse(matches(NET, "container=web"), "a container filter leaves other objects' events out");
        assertTrue(matches(NET, "network=shop_default"));
        assertTrue(matches(WEB_START, "label=app") && matches(WEB_START, "label=app=shop"));
        assertFalse(matches(WEB_START, "label=app=shop", "label=tier"), "every label filter must match");
        assertTrue(matches(WEB_START, "image=busybox") && matches(WEB_START, "image=busybox:1.36"));
        var e = assertThrows(IllegalArgumentException.class, () -> EventFilter.of(List.of("colour=red")));
        assertTrue(e.getMessage().contains("invalid filter 'colour'"), e.getMessage());
    }

    @Test
    void dockersMessageRoundTrips() {
        Map<String, Object> m = WEB_START.toDockerMap();
        assertEquals(List.of("status", "id", "from", "Type", "Action", "Actor", "scope", "time", "timeNano"), new ArrayList<>(m.keySet()));
        assertEquals(WEB_START, EngineEvent.fromDockerMap(m));
        assertFalse(NET.toDockerMap().containsKey("status"), "the legacy fields are for containers only");
        assertEquals(List.of("app", "image", "name"), new ArrayList<>(WEB_START.attributes().keySet()), "attributes sorted");
    }

    @Test
    void sinceReplaysTheKeptEventsAndTheHistoryIsBounded() throws Exception {
        EventBus bus = new EventBus();
        for (int i = 0; i < EventBus.HISTORY + 5; i++) bus.publish(at(1000 + i, "volume", "create", "v" + i, Map.of()));
        assertEquals(EventBus.HISTORY, bus.history().size());
        assertEquals("v5", bus.history().getFirst().actorId(), "the oldest go first");

        try (var s = bus.subscribe(Instant.ofEpochSecond(0, 1000 + EventBus.HISTORY + 3), null, EventFilter.NONE)) {
            assertEquals("v" + (EventBus.HISTORY + 3), s.next(0).actorId());
            assertEquals("v" + (EventBus.HISTORY + 4), s.next(0).actorId());
            assertNull(s.next(0), "then only new ones");
            bus.publish(at(5000, "volume", "destroy", "v0", Map.of()));
            assertEquals("destroy", s.next(1000).action());
        }
        try (var s = bus.subscribe(null, null, EventFilter.NONE)) {
            assertNull(s.next(0), "without since nor until: nothing replayed");
        }
        List<EngineEvent> past = new ArrayList<>();
        bus.stream(Instant.ofEpochSecond(0, 1000), Instant.ofEpochSecond(0, 1010), EventFilter.NONE, past::add);
        assertEquals(List.of("v6", "v7", "v8", "v9", "v10"), past.stream().map(EngineEvent::actorId).toList(),
                "until in the past: the kept ones only (v5 went when the destroy came)");
        bus.close();
        List<EngineEvent> none = new ArrayList<>();
        bus.stream(null, null, EventFilter.NONE, none::add); // a closed bus ends every stream at once
        assertEquals(List.of(), none);
    }
}
