package dev.berth.engine.network.dns;

import java.net.Inet4Address;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * One container's endpoint on one network, as the embedded DNS server sees it: the names it answers
 * to and its IPv4 address there. Compose service names, {@code --network-alias} and the hostname are
 * all just {@code aliases} given by the caller (Docker's {@code DNSNames}).
 *
 * @param containerId   the full container ID; its first 12 characters (the short ID) resolve too
 * @param containerName the container's name without a leading {@code /}; first name of PTR answers
 * @param aliases       more names (network aliases, the Compose service name, the hostname)
 * @param address       the container's address on the network
 */
public record DnsEntry(String containerId, String containerName, List<String> aliases, Inet4Address address) {

    /** Docker's short container ID length. */
    public static final int SHORT_ID_LENGTH = 12;

    public DnsEntry {
        requireName(containerId, "container id");
        requireName(containerName, "container name");
        if (address == null) throw new IllegalArgumentException("DNS entry for " + containerName + ": no IPv4 address");
        aliases = List.copyOf(aliases == null ? List.of() : aliases);
        for (String alias : aliases) requireName(alias, "alias of " + containerName);
    }

    public static DnsEntry of(String containerId, String containerName, Inet4Address address, String... aliases) {
        return new DnsEntry(containerId, containerName, List.of(aliases), address);
    }

    /** Every name this entry answers to, lower-cased (DNS names are case-insensitive), without duplicates. */
    public List<String> names() {
        List<String> names = new ArrayList<>();
        add(names, containerName);
        for (String alias : aliases) add(names, alias);
        if (containerId.length() >= SHORT_ID_LENGTH) add(names, containerId.substring(0, SHORT_ID_LENGTH));
        return names;
    }

    private static void add(List<String> names, String name) {
        String key = DnsNames.key(name);
        if (!names.contains(key)) names.add(key);
    }

    private static void requireName(String name, String what) {
        if (name == null || name.isBlank() || name.startsWith(".") || name.contains("..")) {
            throw new IllegalArgumentException("DNS entry: invalid " + what + " \"" + name + "\"");
        }
        if (name.toLowerCase(Locale.ROOT).endsWith(".in-addr.arpa")) {
            throw new IllegalArgumentException("DNS entry: " + what + " \"" + name + "\" is a reverse-lookup name");
        }
    }
}
