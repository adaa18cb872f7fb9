package dev.berth.engine.container;

import java.time.Instant;

/** One container as the engine records it; the state file of {@code BERTH_ROOT/containers/<id>/}. */
public record Container(String id, String name, Instant created, String imageId, ContainerConfig config,
                        HostConfig hostConfig, ContainerState state, int restartCount) {

    public Container withState(ContainerState newState) {
        return new Container(id, name, created, imageId, config, hostConfig, newState, restartCount);
    }

    public Container withRestartCount(int count) {
        return new Container(id, name, created, imageId, config, hostConfig, state, count);
    }

    public String shortId() {
        return id.substring(0, 12);
    }
}
