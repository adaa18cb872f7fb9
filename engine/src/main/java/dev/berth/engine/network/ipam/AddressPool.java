package dev.berth.engine.network.ipam;

import java.util.Collection;
import java.util.Set;
import java.util.TreeSet;

/**
 * The container addresses of one network. Built from the network's {@link IpamConfig} and the addresses its recorded
 * endpoints hold, so after a berthd restart it is rebuilt, not restored. Dynamic addresses are the lowest free one in
 * the ip-range (Docker's non-serial allocation: a released address is reused first); the network address, the
 * broadcast address and the gateway are never handed out. Thread-safe.
 */
public final class AddressPool {

    private final String networkName;
    private final IpamConfig config;
    private final Set<Integer> inUse = new TreeSet<>(Integer::compareUnsigned);

    /**
     * @param networkName for messages (Docker names the network in "no available … addresses" errors)
     * @param taken addresses the network's endpoints already hold (dotted text)
     */
    public AddressPool(String networkName, IpamConfig config, Collection<String> taken) {
        this.networkName = networkName;
        this.config = config;
        for (String a : taken) inUse.add(Ipv4.parse(a));
    }

    public IpamConfig config() {
        return config;
    }

    /** The lowest free address of the range, or {@link IpamException} when the range is full. */
    public synchronized String allocate() {
        int a = nextFree(config, inUse).orElseThrow(() -> new IpamException(
                "no available IPv4 addresses on this network's address pools: " + networkName));
        inUse.add(a);
        return Ipv4.format(a);
    }

    /** A static address ({@code --ip}): inside the subnet (not necessarily the ip-range, as in Docker) and free. */
    public synchronized String allocate(String requested) {
        if (!config.userConfigured()) {
            throw new IpamException("user specified IP address is supported only when connecting to networks with user configured subnets");
        }
        int a = Ipv4.parse(requested);
        Subnet s = config.subnetPrefix();
        if (!s.contains(a)) {
            throw new IpamException("invalid address " + requested + ": It does not belong to any of this network's subnets");
        }
        if (reserved(config, a) || inUse.contains(a)) throw new IpamException("Address already in use");
        inUse.add(a);
        return Ipv4.format(a);
    }

    /** Gives an address back; releasing one that is not held is a no-op (a retried rm must not fail). */
    public synchronized void release(String address) {
        inUse.remove(Ipv4.parse(address));
    }

    public synchronized Set<String> inUse() {
        Set<String> out = new java.util.LinkedHashSet<>();
        for (int a : inUse) out.add(Ipv4.format(a));
        return out;
    }

    /** The pure rule: the lowest address of the range that is neither reserved nor in {@code taken}. */
    public static java.util.OptionalInt nextFree(IpamConfig config, Set<Integer> taken) {
        Subnet range = config.rangePrefix();
        long first = Integer.toUnsignedLong(range.first());
        long last = Integer.toUnsignedLong(range.last());
        for (long a = first; a <= last; a++) {
            int candidate = (int) a;
            if (!reserved(config, candidate) && !taken.contains(candidate)) return java.util.OptionalInt.of(candidate);
        }
        return java.util.OptionalInt.empty();
    }

    private static boolean reserved(IpamConfig config, int address) {
        Subnet s = config.subnetPrefix();
        if (address == config.gatewayAddress()) return true;
        return s.hasBroadcast() && (address == s.first() || address == s.last());
    }
}
