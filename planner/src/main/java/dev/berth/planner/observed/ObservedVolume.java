package dev.berth.planner.observed;

import java.util.Map;

/** A volume the engine has. */
public record ObservedVolume(String name, Map<String, String> labels) {

    public ObservedVolume {
        labels = labels == null ? Map.of() : Map.copyOf(labels);
    }
}
