package dev.berth.engine.container;

import java.time.Instant;
import java.util.Map;

/** One container as the engine records it; the state file of {@code BERTH_ROOT/containers/<id>/}. */
public record Container(String id, String name, Instant created, String imageId, ContainerConfig config,
                        HostConfig hostConfig, ContainerState state, int restartCount, Map<String, Endpoint> networks,
                        java.util.List<PortBinding> ports, java.util.List<MountPoint> mounts) {

    /**
     * @param networks by network name, in name order (none until the container is connected)
     * @param mounts   its volumes, binds and tmpfs mounts, resolved at create (anonymous volumes named)
     * @param ports    what is published while it runs, with the host ports actually bound (Docker's NetworkSettings.Ports)
     */
    public Container {
        networks = networks == null ? Map.of() : java.util.Collections.unmodifiableMap(new java.util.TreeMap<>(networks));
        ports = ports == null ? java.util.List.of() : java.util.List.copyOf(ports);
        mounts = mounts == null ? java.util.List.of() : java.util.List.copyOf(mounts);
    }

    public Container withPorts(java.util.List<PortBinding> published) {
        return new Container(id, name, created, imageId, config, hostConfig, state, restartCount, networks, published, mounts);
    }

    public Container withState(ContainerState newState) {
        return new Container(id, name, created, imageId, config, hostConfig, newState, restartCount, networks, ports, mounts);
    }

    public Container withRestartCount(int count) {
        return new Container(id, name, created, imageId, config, hostConfig, state, count, networks, ports, mounts);
    }

    public Container withNetworks(Map<String, Endpoint> newNetworks) {
        return new Container(id, name, created, imageId, config, hostConfig, state, restartCount, newNetworks, ports, mounts);
    }

    public Container withMounts(java.util.List<MountPoint> m) {
        return new Container(id, name, created, imageId, config, hostConfig, state, restartCount, networks, ports, m);
    }

    public String shortId() {
        return id.substring(0, 12);
    }
}
