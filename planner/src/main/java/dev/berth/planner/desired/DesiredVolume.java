package dev.berth.planner.desired;

import java.util.Map;

/**
 * A project volume: {@code key} as the Compose file names it, {@code name} as the engine knows it
 * ({@code <project>_<key>} unless {@code name:} says otherwise). An external volume must exist; it is
 * never created or removed.
 */
public record DesiredVolume(String key, String name, boolean external, Map<String, String> driverOpts,
                            Map<String, String> labels) {

    public DesiredVolume {
        driverOpts = driverOpts == null ? Map.of() : Map.copyOf(driverOpts);
        labels = labels == null ? Map.of() : Map.copyOf(labels);
    }
}
