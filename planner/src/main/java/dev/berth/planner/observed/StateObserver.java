package dev.berth.planner.observed;

import dev.berth.engine.container.Container;
import dev.berth.planner.engine.ComposeLabels;
import dev.berth.planner.engine.StackEngine;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/** Reads a project's observed state from the engine: one list of containers (stopped ones too), networks, volumes. */
public final class StateObserver {

    private StateObserver() {
    }

    /** {@code withVolumes}: read the engine's volumes too (a plan that creates or removes volumes needs them). */
    public static ObservedState observe(StackEngine engine, String project, boolean withVolumes) throws IOException {
        List<ObservedContainer> services = new ArrayList<>();
        List<ObservedContainer> oneOffs = new ArrayList<>();
        for (Container c : engine.containers().list(true, List.of(ComposeLabels.projectFilter(project)))) {
            ObservedContainer o = ObservedContainer.of(c);
            (o.oneOff() ? oneOffs : services).add(o);
        }
        List<ObservedNetwork> networks = engine.networks().stream()
                .map(n -> new ObservedNetwork(n.id(), n.name(), n.labels())).toList();
        List<ObservedVolume> volumes = withVolumes
                ? engine.containers().volumes(List.of()).stream().map(v -> new ObservedVolume(v.name(), v.labels())).toList()
                : List.of();
        return new ObservedState(project, services, oneOffs, networks, volumes);
    }
}
