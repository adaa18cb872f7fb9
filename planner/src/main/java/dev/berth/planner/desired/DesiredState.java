package dev.berth.planner.desired;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What a Compose project asks the engine for, in engine terms: its services (each a container
 * request per replica), networks and volumes. Made from a {@code Project} by {@code DesiredStates};
 * compared with what runs by the planner.
 *
 * @param project  the project name (the value of the {@code com.docker.compose.project} label)
 * @param services by service name, in dependency order (a service after the ones it depends on)
 */
public record DesiredState(String project, Map<String, DesiredService> services, List<DesiredNetwork> networks,
                           List<DesiredVolume> volumes) {

    public DesiredState {
        services = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(services));
        networks = List.copyOf(networks);
        volumes = List.copyOf(volumes);
    }
}
