package dev.berth.planner.observed;

import dev.berth.planner.engine.ComposeLabels;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/**
 * What the engine has of a project: its service containers (by their compose labels), its one-off
 * ({@code run}) containers apart, and the engine's networks and volumes (all of them: an external
 * one belongs to no project but must exist). Data only, so the planner is a pure function of it.
 *
 * @param volumes empty when not read (the observer reads them only when the plan needs them)
 */
public record ObservedState(String project, List<ObservedContainer> containers, List<ObservedContainer> oneOffs,
                            List<ObservedNetwork> networks, List<ObservedVolume> volumes) {

    public ObservedState {
        containers = containers.stream().sorted(Comparator.comparing(ObservedContainer::service)
                .thenComparingInt(ObservedContainer::number)).toList();
        oneOffs = List.copyOf(oneOffs);
        networks = List.copyOf(networks);
        volumes = List.copyOf(volumes);
    }

    public static ObservedState empty(String project) {
        return new ObservedState(project, List.of(), List.of(), List.of(), List.of());
    }

    /** The service's containers, by number. */
    public List<ObservedContainer> containersOf(String service) {
        return containers.stream().filter(c -> c.service().equals(service)).toList();
    }

    public Optional<ObservedNetwork> network(String name) {
        return networks.stream().filter(n -> n.name().equals(name)).findFirst();
    }

    public Optional<ObservedVolume> volume(String name) {
        return volumes.stream().filter(v -> v.name().equals(name)).findFirst();
    }

    /** The networks labelled as this project's. */
    public List<ObservedNetwork> projectNetworks() {
        return networks.stream().filter(n -> project.equals(n.labels().get(ComposeLabels.PROJECT))).toList();
    }

    /** The volumes labelled as this project's. */
    public List<ObservedVolume> projectVolumes() {
        return volumes.stream().filter(v -> project.equals(v.labels().get(ComposeLabels.PROJECT))).toList();
    }
}
