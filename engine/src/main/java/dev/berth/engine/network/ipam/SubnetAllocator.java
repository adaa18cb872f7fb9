package dev.berth.engine.network.ipam;

import java.util.Collection;
import java.util.List;

/**
 * Chooses a network's subnet and gateway. Pure: the answer depends only on the request and the subnets already taken
 * (every recorded network's subnet, plus the host's own routes if the caller wants them avoided), so berthd recomputes
 * nothing after a restart — it reads the recorded {@link IpamConfig}s back.
 */
public final class SubnetAllocator {

    private final List<DefaultPools.Pool> pools;

    public SubnetAllocator(List<DefaultPools.Pool> pools) {
        this.pools = List.copyOf(pools);
    }

    /** Docker's defaults ({@link DefaultPools#LOCAL}). */
    public static SubnetAllocator docker() {
        return new SubnetAllocator(DefaultPools.LOCAL);
    }

    /**
     * The addressing for a new network, like {@code docker network create [--subnet S] [--ip-range R] [--gateway G]}.
     * Without a subnet: the lowest default subnet overlapping nothing in {@code taken}, gateway its first host address.
     * With one: it must overlap nothing taken; the gateway defaults to the subnet's first host address.
     *
     * @param subnet null for a default one
     * @param ipRange null for the whole subnet
     * @param gateway null for the first host address
     */
    public IpamConfig allocate(String subnet, String ipRange, String gateway, Collection<Subnet> taken) {
        if (subnet == null) {
            if (ipRange != null || gateway != null) {
                throw new IpamException("every ip-range or gateway must have a corresponding subnet");
            }
            Subnet chosen = nextFree(taken);
            return new IpamConfig(chosen.toString(), null, Ipv4.format(firstHost(chosen)), false);
        }
        Subnet s = Subnet.parse(subnet);
        for (Subnet t : taken) {
            if (t.overlaps(s)) throw new IpamException("invalid pool request: Pool overlaps with other one on this address space");
        }
        String gw = gateway != null ? gateway : Ipv4.format(firstHost(s));
        return new IpamConfig(s.toString(), ipRange, gw, true);
    }

    /** The lowest default subnet that overlaps nothing in {@code taken}. */
    public Subnet nextFree(Collection<Subnet> taken) {
        for (DefaultPools.Pool pool : pools) {
            for (long i = 0; i < pool.count(); i++) {
                Subnet candidate = pool.subnet(i);
                if (taken.stream().noneMatch(candidate::overlaps)) return candidate;
            }
        }
        throw new IpamException("all predefined address pools have been fully subnetted");
    }

    /** .1 of a subnet (the only address of a /32, the first of a /31). */
    static int firstHost(Subnet s) {
        return s.hasBroadcast() ? s.first() + 1 : s.first();
    }
}
