package dev.berth.engine.container;

import java.util.List;

/**
 * One entry of Docker's create body {@code NetworkingConfig.EndpointsConfig}: a network the container
 * joins when it starts, with the names it has there and, if asked for, its IPv4 address
 * ({@code IPAMConfig.IPv4Address}).
 */
public record NetworkEndpointConfig(List<String> aliases, String ipv4Address) {

    public NetworkEndpointConfig {
        aliases = aliases == null ? List.of() : List.copyOf(aliases);
        ipv4Address = ipv4Address == null ? "" : ipv4Address;
    }
}
