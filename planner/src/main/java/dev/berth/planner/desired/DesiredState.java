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
 * @param warnings keys berth leaves out or changes harmlessly, each naming its key path
 *                 ({@code services.web.blkio_config: ...}), for the CLI to print before acting
 */
public record DesiredState(String project, Map<String, DesiredService> services, List<DesiredNetwork> networks,
                           List<DesiredVolume> volumes, List<String> warnings) {

    public DesiredState {
        services = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(services));
        networks = List.copyOf(networks);
        volumes = List.copyOf(volumes);
        warnings = warnings == null ? List.of() : List.copyOf(warnings);
    }

    /** Without warnings. */
    public DesiredState(String project, Map<String, DesiredService> services, List<DesiredNetwork> networks,
                        List<DesiredVolume> volumes) {
        this(project, services, networks, volumes, List.of());
    }
}
