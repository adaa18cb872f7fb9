package dev.berth.engine.container;

import java.time.Instant;
import java.util.Map;

/** One container as the engine records it; the state file of {@code BERTH_ROOT/containers/<id>/}. */
public record Container(String id, String name, Instant created, String imageId, ContainerConfig config,
                        HostConfig hostConfig, ContainerState state, int restartCount, Map<String, Endpoint> networks,
                        java.util.List<PortBinding> ports) {

    /**
     * @param networks by network name, in name order (none until the container is connected)
     * @param ports    what is published while it runs, with the host ports actually bound (Docker's NetworkSettings.Ports)
     */
    public Container {
        networks = networks == null ? Map.of() : java.util.Collections.unmodifiableMap(new java.util.TreeMap<>(networks));
        ports = ports == null ? java.util.List.of() : java.util.List.copyOf(ports);
    }

    public Container withPorts(java.util.List<PortBinding> published) {
        return new Container(id, name, created, imageId, config, hostConfig, state, restartCount, networks, published);
    }

    public Container withState(ContainerState newState) {
        return new Container(id, name, created, imageId, config, hostConfig, newState, restartCount, networks, ports);
    }

    public Container withRestartCount(int count) {
        return new Container(id, name, created, imageId, config, hostConfig, state, count, networks, ports);
    }

    public Container withNetworks(Map<String, Endpoint> newNetworks) {
        return new Container(id, name, created, imageId, config, hostConfig, state, restartCount, newNetworks, ports);
    }

    public String shortId() {
        return id.substring(0, 12);
    }
}
