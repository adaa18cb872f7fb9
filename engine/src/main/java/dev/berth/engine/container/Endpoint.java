package dev.berth.engine.container;

import java.util.List;

/**
 * A container's place on one network, as Docker's {@code NetworkSettings.Networks[name]} shows it:
 * its address with the prefix length, the network's gateway, its MAC address, and the names other
 * containers on that network find it by (aliases; with the container's name and short ID: DNSNames).
 */
public record Endpoint(String networkId, String ipAddress, int prefixLength, String gateway, String macAddress,
                       List<String> aliases, List<String> dnsNames) {

    public Endpoint {
        aliases = aliases == null ? List.of() : List.copyOf(aliases);
        dnsNames = dnsNames == null ? List.of() : List.copyOf(dnsNames);
        ipAddress = ipAddress == null ? "" : ipAddress;
        gateway = gateway == null ? "" : gateway;
        macAddress = macAddress == null ? "" : macAddress;
    }
}
