package dev.berth.engine.daemon;

import dev.berth.engine.container.Container;
import dev.berth.engine.events.EngineEvent;
import dev.berth.engine.events.EventBus;
import java.util.HashMap;
import java.util.Map;

/**
 * What {@link EngineService} tells its {@link EventBus}, in Docker's words: a container's events carry
 * its labels, {@code image} (as the create named it) and {@code name}; a network's its {@code name} and
 * {@code type}; a volume's its {@code driver}. Each hook in the engine is one call here.
 */
final class EventLog {

    private final EventBus bus = new EventBus();

    EventBus bus() {
        return bus;
    }

    void container(Container c, String action) {
        container(c, action, Map.of());
    }

    void container(Container c, String action, Map<String, String> extra) {
        Map<String, String> attributes = new HashMap<>(c.config().labels());
        attributes.put("image", c.config().image() == null || c.config().image().isEmpty() ? c.imageId() : c.config().image());
        attributes.put("name", c.name());
        attributes.putAll(extra);
        bus.publish(EngineEvent.now(EngineEvent.CONTAINER, action, c.id(), attributes));
    }

    /** {@code die}: with Docker's {@code exitCode}. */
    void died(Container c) {
        container(c, "die", Map.of("exitCode", Integer.toString(c.state().exitCode())));
    }

    /** {@code kill}: with the signal's number, as Docker's {@code signal} attribute. */
    void killed(Container c, int signal) {
        container(c, "kill", Map.of("signal", Integer.toString(signal)));
    }

    /** A health status change: Docker's {@code health_status: healthy|unhealthy} (starting is no event). */
    void health(Container before, Container after) {
        var was = before.state().health();
        var now = after.state().health();
        if (now == null || now.status().equals(dev.berth.engine.container.Health.STARTING)) return;
        if (was != null && was.status().equals(now.status())) return;
        container(after, "health_status: " + now.status());
    }

    void network(String id, String name, String action) {
        bus.publish(EngineEvent.now(EngineEvent.NETWORK, action, id, Map.of("name", name, "type", "bridge")));
    }

    /** {@code connect}/{@code disconnect}: the network is the actor, the container an attribute. */
    void network(String id, String name, String action, String containerId) {
        bus.publish(EngineEvent.now(EngineEvent.NETWORK, action, id, Map.of("name", name, "type", "bridge", "container", containerId)));
    }

    void volume(String name, String action) {
        bus.publish(EngineEvent.now(EngineEvent.VOLUME, action, name, Map.of("driver", "local")));
    }

    /** {@code mount}: when a container starting mounts it (Docker's attributes). */
    void mounted(String volume, Container c, dev.berth.engine.container.MountPoint m) {
        bus.publish(EngineEvent.now(EngineEvent.VOLUME, "mount", volume, Map.of("driver", "local", "container", c.id(),
                "destination", m.destination(), "read/write", Boolean.toString(!m.readOnly()), "propagation", m.propagation())));
    }
}
