package dev.berth.engine.network.ipam;

import java.util.ArrayList;
import java.util.List;

/**
 * Docker's default local address pools, in the order it hands them out (libnetwork {@code ipamutils}): 172.17.0.0/16 …
 * 172.31.0.0/16 as /16s, then 192.168.0.0/16 as /20s — 31 networks. The default {@code bridge} network takes the first,
 * 172.17.0.0/16; user-defined networks take the lowest that overlaps nothing taken.
 */
public final class DefaultPools {

    /** A base prefix split into subnets of {@code size} bits. */
    public record Pool(Subnet base, int size) {
        public Pool {
            if (size < base.prefixLength() || size > 32) throw new IpamException("invalid pool size /" + size + " for " + base);
        }

        /** The i-th subnet of this pool (0-based); {@link #count()} of them. */
        public Subnet subnet(long i) {
            return new Subnet((int) (base.network() + (i << (32 - size))), size);
        }

        public long count() {
            return 1L << (size - base.prefixLength());
        }
    }

    /** The address of the default network {@code bridge} (docker0). */
    public static final Subnet BRIDGE = Subnet.parse("172.17.0.0/16");

    public static final List<Pool> LOCAL = List.of(
            new Pool(Subnet.parse("172.17.0.0/16"), 16),
            new Pool(Subnet.parse("172.18.0.0/16"), 16),
            new Pool(Subnet.parse("172.19.0.0/16"), 16),
            new Pool(Subnet.parse("172.20.0.0/14"), 16),
            new Pool(Subnet.parse("172.24.0.0/14"), 16),
            new Pool(Subnet.parse("172.28.0.0/14"), 16),
            new Pool(Subnet.parse("192.168.0.0/16"), 20));

    private DefaultPools() {}

    /** Every subnet of the pools, in allocation order. */
    public static List<Subnet> subnets(List<Pool> pools) {
        List<Subnet> all = new ArrayList<>();
        for (Pool p : pools) for (long i = 0; i < p.count(); i++) all.add(p.subnet(i));
        return all;
    }
}
