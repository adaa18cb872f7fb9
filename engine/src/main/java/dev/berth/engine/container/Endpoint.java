package dev.berth.engine.container;

import java.util.List;

/**
 * A container's place on one network, as Docker's {@code NetworkSettings.Networks[name]} shows it:
 * its address with the prefix length, the network's gateway, its MAC address, and the names other
 * containers on that network find it by (aliases; with the container's name and short ID: DNSNames).
 * {@code ipamAddress} is the address asked for ({@code --ip}, Compose's {@code ipv4_address}; Docker's
 * IPAMConfig.IPv4Address), empty for the lowest free one.
 */
public record Endpoint(String networkId, String ipAddress, int prefixLength, String gateway, String macAddress,
                       List<String> aliases, List<String> dnsNames, String ipamAddress) {

    public Endpoint {
        aliases = aliases == null ? List.of() : List.copyOf(aliases);
        dnsNames = dnsNames == null ? List.of() : List.copyOf(dnsNames);
        ipAddress = ipAddress == null ? "" : ipAddress;
        gateway = gateway == null ? "" : gateway;
        macAddress = macAddress == null ? "" : macAddress;
        ipamAddress = ipamAddress == null ? "" : ipamAddress;
    }

    /** What was configured for the next start (aliases, the address asked for), without what a run got. */
    public Endpoint configuredPart() {
        return new Endpoint(networkId, "", 0, "", "", aliases, List.of(), ipamAddress);
    }
}
