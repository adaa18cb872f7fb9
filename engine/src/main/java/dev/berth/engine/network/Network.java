package dev.berth.engine.network;

import java.time.Instant;
import java.util.Map;

/**
 * One network as the engine records it (Docker's network resource): a bridge with its subnet,
 * gateway and optional IP range. {@code bridge} is the Linux bridge's name; {@code internal}
 * networks have no route out.
 */
public record Network(String id, String name, Instant created, String driver, boolean internal, boolean attachable,
                      Map<String, String> labels, Map<String, String> options, String subnet, String gateway,
                      String ipRange, String bridge) {

    /** Docker's default network: no name resolution between its containers. */
    public static final String DEFAULT_NAME = "bridge";

    public Network {
        labels = labels == null ? Map.of() : Map.copyOf(labels);
        options = options == null ? Map.of() : Map.copyOf(options);
        driver = driver == null || driver.isEmpty() ? "bridge" : driver;
        ipRange = ipRange == null ? "" : ipRange;
    }

    /** User-defined networks have the embedded DNS server; the default {@code bridge} has not, as in Docker. */
    public boolean userDefined() {
        return !name.equals(DEFAULT_NAME);
    }

    public String shortId() {
        return id.substring(0, 12);
    }
}
