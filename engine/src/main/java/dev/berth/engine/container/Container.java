package dev.berth.engine.container;

import java.time.Instant;
import java.util.Map;

/** One container as the engine records it; the state file of {@code BERTH_ROOT/containers/<id>/}. */
public record Container(String id, String name, Instant created, String imageId, ContainerConfig config,
                        HostConfig hostConfig, ContainerState state, int restartCount, Map<String, Endpoint> networks) {

    /** @param networks by network name, in name order (none until the container is connected) */
    public Container {
        networks = networks == null ? Map.of() : java.util.Collections.unmodifiableMap(new java.util.TreeMap<>(networks));
    }

    public Container withState(ContainerState newState) {
        return new Container(id, name, created, imageId, config, hostConfig, newState, restartCount, networks);
    }

    public Container withRestartCount(int count) {
        return new Container(id, name, created, imageId, config, hostConfig, state, count, networks);
    }

    public Container withNetworks(Map<String, Endpoint> newNetworks) {
        return new Container(id, name, created, imageId, config, hostConfig, state, restartCount, newNetworks);
    }

    public String shortId() {
        return id.substring(0, 12);
    }
}
