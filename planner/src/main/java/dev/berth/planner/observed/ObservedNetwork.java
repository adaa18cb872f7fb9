package dev.berth.planner.observed;

import java.util.Map;

/** A network the engine has. */
public record ObservedNetwork(String id, String name, Map<String, String> labels) {

    public ObservedNetwork {
        labels = labels == null ? Map.of() : Map.copyOf(labels);
    }
}
