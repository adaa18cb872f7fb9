package dev.berth.engine.daemon;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.berth.engine.EngineRoots;
import dev.berth.engine.api.CreateRequest;
import dev.berth.engine.api.EngineClient;
import dev.berth.engine.api.EventOptions;
import dev.berth.engine.api.UnixHttpClient;
import dev.berth.engine.api.WaitCondition;
import dev.berth.engine.container.Container;
import dev.berth.engine.container.Healthcheck;
import dev.berth.engine.container.HostConfig;
import dev.berth.engine.events.EngineEvent;
import java.io.IOException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * berthd's events on real busybox containers, read through its API as the CLI reads them: a
 * container's life in order, health status changes, networks and volumes, filters, {@code since}
 * replaying the kept events, {@code until} ending the stream, and Docker's JSON message on the wire.
 */
class EventsTest {

    private static final long MS = 1_000_000L;

    @TempDir
    Path dir;

    private Berthd daemon;
    private EngineClient engine;

    @BeforeEach
    void daemonWithBusybox() throws Exception {
        EngineRoots roots = EngineFixture.rootsWithBusybox(dir);
        daemon = Berthd.start(roots, "test");
        engine = new EngineClient(daemon.socket());
    }

    @AfterEach
    void removeEverything() throws Exception {
        if (daemon == null) return;
        for (Container c : engine.list(true, List.of())) engine.remove(c.id(), true);
        for (var n : engine.networks(List.of())) if (n.userDefined()) engine.removeNetwork(n.id());
        daemon.close();
        EngineFixture.assertNothingLeft(dir);
    }

    private static HostConfig network(String mode) {
        return new HostConfig(0, 0, 0, 0, null, 0, null, null, false, null, false, null, false, false, null, null, mode, 0);
    }

    /** The kept events from {@code since} up to now: a stream that ends by itself. */
    private List<EngineEvent> since(Instant since, String... filters) throws IOException {
        List<EngineEvent> out = new ArrayList<>();
        engine.events(new EventOptions(since, Instant.now(), List.of(filters)), out::add);
        return out;
    }

    private static List<String> actions(List<EngineEvent> events) {
        return events.stream().map(EngineEvent::action).toList();
    }

    @Test
    void aContainersLifeInOrderWithItsNameImageLabelsAndExitCode() throws Exception {
        Instant t0 = Instant.now();
        String id = engine.create(CreateRequest.of("busybox").withName("lifer").withCmd(List.of("sh", "-c", "exit 3"))
                .withLabels(Map.of("tier", "test")).withHostConfig(network("none")));
        engine.start(id);
        assertEquals(3, engine.wait(id, WaitCondition.NOT_RUNNING).statusCode());
        engine.remove(id, false);

        List<EngineEvent> events = since(t0, "container=lifer");
        assertEquals(List.of("create", "start", "die", "destroy"), actions(events));
        for (EngineEvent e : events) {
            assertEquals("container", e.type());
            assertEquals(id, e.actorId());
            assertEquals(Map.of("image", "busybox", "name", "lifer", "tier", "test"),
                    e.action().equals("die") ? without(e.attributes(), "exitCode") : e.attributes(), e.toString());
        }
        assertEquals("3", events.get(2).attributes().get("exitCode"));
        assertTrue(events.get(0).timeNano() >= t0.getEpochSecond() * 1_000_000_000L + t0.getNano(), "times in nanoseconds");
    }

    private static Map<String, String> without(Map<String, String> m, String key) {
        var copy = new java.util.TreeMap<>(m);
        copy.remove(key);
        return copy;
    }

    @Test
    void stopKillPauseRestartAndRenameAreEventsAsDockersAre() throws Exception {
        Instant t0 = Instant.now();
        String id = engine.create(CreateRequest.of("busybox").withName("worker")
                .withCmd(List.of("sh", "-c", "trap '' TERM; while true; do sleep 1; done"))
                .withHostConfig(network("none")));
        engine.start(id);
        engine.pause(id);
        engine.unpause(id);
        engine.stop(id, 0); // it ignores SIGTERM: SIGKILL after the timeout
        engine.restart(id, 0);
        engine.rename(id, "worker2");
        engine.kill(id, "SIGKILL");
        engine.wait(id, WaitCondition.NOT_RUNNING);

        List<EngineEvent> events = since(t0, "container=" + id);
        assertEquals(List.of("create", "start", "pause", "unpause",
                "kill", "kill", "die", "stop", // stop: its signal, then SIGKILL after the timeout
                "start", "restart", // a stopped container's restart: no stop
                "rename", "kill", "die"), actions(events));
        assertEquals("15", events.get(4).attributes().get("signal"));
        assertEquals("9", events.get(5).attributes().get("signal"));
        EngineEvent rename = events.get(10);
        assertEquals("/worker", rename.attributes().get("oldName"));
        assertEquals("worker2", rename.attributes().get("name"));
        assertEquals("137", events.get(12).attributes().get("exitCode"));
    }

    @Test
    void healthStatusChangesAreEvents() throws Exception {
        Instant t0 = Instant.now();
        String healthy = engine.create(CreateRequest.of("busybox").withName("fine").withCmd(List.of("sleep", "1000"))
                .withHostConfig(network("none")).withHealthcheck(new Healthcheck(List.of("CMD", "true"), 100 * MS, 0, 0, 100 * MS, 1)));
        String sick = engine.create(CreateRequest.of("busybox").withName("sick").withCmd(List.of("sleep", "1000"))
                .withHostConfig(network("none")).withHealthcheck(new Healthcheck(List.of("CMD", "false"), 100 * MS, 0, 0, 100 * MS, 1)));
        engine.start(healthy);
        engine.start(sick);
        // a live stream from t0 (so nothing published before the subscription is missed), ended by the sink
        BlockingQueue<EngineEvent> seen = new LinkedBlockingQueue<>();
        Thread reader = Thread.ofPlatform().daemon().start(() -> {
            try {
                int[] count = {0};
                engine.events(new EventOptions(t0, null, List.of("event=health_status")), e -> {
                    seen.add(e);
                    if (++count[0] == 2) throw new StopReading();
                });
            } catch (IOException | StopReading done) {
                // the test reads what was seen
            }
        });
        EngineEvent first = seen.poll(60, TimeUnit.SECONDS);
        EngineEvent second = seen.poll(60, TimeUnit.SECONDS);
        reader.join(TimeUnit.SECONDS.toMillis(30));
        assertFalse(reader.isAlive(), "the stream ends when its reader stops");
        assertTrue(first != null && second != null, "two health events: " + first + ", " + second);
        Map<String, String> byName = Map.of(first.attributes().get("name"), first.action(), second.attributes().get("name"), second.action());
        assertEquals(Map.of("fine", "health_status: healthy", "sick", "health_status: unhealthy"), byName);
    }

    private static final class StopReading extends RuntimeException {
    }

    @Test
    void networksAndVolumesHaveTheirEventsAndAContainerConnectsAndDisconnects() throws Exception {
        Instant t0 = Instant.now();
        String netId = engine.createNetwork("evnet", "bridge", null, null, null, false, Map.of());
        String id = engine.create(CreateRequest.of("busybox").withName("onnet").withCmd(List.of("true")).withHostConfig(network("evnet")));
        engine.start(id);
        engine.wait(id, WaitCondition.NOT_RUNNING);
        engine.remove(id, false);
        engine.removeNetwork("evnet");
        engine.createVolume("evvol", Map.of(), Map.of());
        engine.removeVolume("evvol", false);

        List<EngineEvent> network = since(t0, "type=network", "network=evnet");
        assertEquals(List.of("create", "connect", "disconnect", "destroy"), actions(network));
        for (EngineEvent e : network) {
            assertEquals(netId, e.actorId());
            assertEquals("evnet", e.attributes().get("name"));
            assertEquals("bridge", e.attributes().get("type"));
        }
        assertEquals(id, network.get(1).attributes().get("container"));
        List<EngineEvent> volume = since(t0, "type=volume");
        assertEquals(List.of("create", "destroy"), actions(volume));
        assertEquals("evvol", volume.getFirst().actorId());
        assertEquals("local", volume.getFirst().attributes().get("driver"));
    }

    @Test
    void aLabelFilterKeepsOnlyTheLabelledContainersEvents() throws Exception {
        Instant t0 = Instant.now();
        String mine = engine.create(CreateRequest.of("busybox").withCmd(List.of("true")).withLabels(Map.of("app", "mine"))
                .withHostConfig(network("none")));
        String other = engine.create(CreateRequest.of("busybox").withCmd(List.of("true")).withLabels(Map.of("app", "other"))
                .withHostConfig(network("none")));
        engine.remove(other, false);
        engine.remove(mine, false);
        List<EngineEvent> events = since(t0, "label=app=mine");
        assertEquals(List.of("create", "destroy"), actions(events));
        assertTrue(events.stream().allMatch(e -> e.actorId().equals(mine)), events.toString());
        assertEquals(List.of("destroy"), actions(since(t0, "label=app", "event=destroy", "container=" + other.substring(0, 12))));
    }

    @Test
    void untilEndsALiveStreamAndReplaysTheKeptEventsAsDockersDoes() throws Exception {
        String before = engine.create(CreateRequest.of("busybox").withCmd(List.of("true")).withHostConfig(network("none")));
        List<EngineEvent> seen = new java.util.concurrent.CopyOnWriteArrayList<>();
        Thread reader = Thread.ofPlatform().daemon().start(() -> {
            try {
                engine.events(new EventOptions(null, Instant.now().plusSeconds(2), List.of()), seen::add);
            } catch (IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
        });
        reader.join(TimeUnit.SECONDS.toMillis(60));
        assertFalse(reader.isAlive(), "the stream ended at --until");
        // Docker's daemon replays its buffer up to --until even without --since
        assertTrue(seen.stream().anyMatch(e -> e.actorId().equals(before) && e.action().equals("create")), "replayed: " + seen);
        engine.remove(before, false);
    }

    @Test
    void aClientThatGoesEndsItsStreamInBerthd() throws Exception {
        var stream = new UnixHttpClient(daemon.socket()).stream("GET", "/events");
        assertEquals(200, stream.status());
        assertEquals(1, daemon.engine().eventBus().subscribers(), "subscribed once the head is there");
        stream.close(); // no event comes: berthd must notice the client went all the same
        for (int i = 0; i < 1200 && daemon.engine().eventBus().subscribers() > 0; i++) Thread.sleep(50); // the idle timeout (30 s) looks
        assertEquals(0, daemon.engine().eventBus().subscribers(), "the stream of a client gone has ended");
    }

    @Test
    void theWireCarriesDockersJsonMessage() throws Exception {
        Instant t0 = Instant.now();
        String id = engine.create(CreateRequest.of("busybox").withName("wired").withCmd(List.of("true")).withHostConfig(network("none")));
        Instant t1 = Instant.now();
        String q = "/events?since=" + t0.getEpochSecond() + "." + String.format("%09d", t0.getNano())
                + "&until=" + t1.getEpochSecond() + "." + String.format("%09d", t1.getNano())
                + "&filters=" + URLEncoder.encode("{\"type\":{\"container\":true}}", StandardCharsets.UTF_8);
        UnixHttpClient.Response r = new UnixHttpClient(daemon.socket()).get(q);
        assertEquals(200, r.status());
        List<String> lines = r.text().lines().filter(l -> !l.isEmpty()).toList();
        assertEquals(1, lines.size(), r.text());
        JsonNode m = new ObjectMapper().readTree(lines.getFirst());
        assertEquals(List.of("status", "id", "from", "Type", "Action", "Actor", "scope", "time", "timeNano"),
                iterate(m.fieldNames()));
        assertEquals("create", m.get("status").asText());
        assertEquals(id, m.get("id").asText());
        assertEquals("busybox", m.get("from").asText());
        assertEquals("container", m.get("Type").asText());
        assertEquals(id, m.get("Actor").get("ID").asText());
        assertEquals("wired", m.get("Actor").get("Attributes").get("name").asText());
        assertEquals("local", m.get("scope").asText());
        assertEquals(m.get("timeNano").asLong() / 1_000_000_000L, m.get("time").asLong());
        engine.remove(id, false);

        UnixHttpClient.Response bad = new UnixHttpClient(daemon.socket()).get("/events?filters="
                + URLEncoder.encode("{\"colour\":[\"red\"]}", StandardCharsets.UTF_8));
        assertEquals(400, bad.status());
        assertTrue(bad.text().contains("invalid filter 'colour'"), bad.text());
    }

    private static List<String> iterate(java.util.Iterator<String> it) {
        List<String> out = new ArrayList<>();
        it.forEachRemaining(out::add);
        return out;
    }
}
