package dev.berth.planner.desired;

import java.util.Map;

/**
 * A project network: {@code key} as the Compose file names it, {@code name} as the engine knows it
 * ({@code <project>_<key>} unless {@code name:} says otherwise). An external network must exist; it is
 * never created or removed.
 */
public record DesiredNetwork(String key, String name, boolean external, String driver, boolean internal,
                             Map<String, String> labels, String subnet, String gateway, String ipRange) {

    public DesiredNetwork {
        labels = labels == null ? Map.of() : Map.copyOf(labels);
        driver = driver == null || driver.isEmpty() ? "bridge" : driver;
    }
}
