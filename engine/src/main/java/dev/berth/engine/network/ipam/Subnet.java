package dev.berth.engine.network.ipam;

/**
 * An IPv4 prefix ("172.18.0.0/16"). Always canonical: the host bits of {@code network} are zero
 * ({@link #parse} masks them, as Docker does with {@code --subnet 172.18.0.5/16}).
 */
public record Subnet(int network, int prefixLength) implements Comparable<Subnet> {

    public Subnet {
        if (prefixLength < 0 || prefixLength > 32) throw new IpamException("invalid prefix length /" + prefixLength);
        network &= mask(prefixLength);
    }

    /** "A.B.C.D/N"; a bare address is not a subnet. */
    public static Subnet parse(String cidr) {
        int slash = cidr.indexOf('/');
        if (slash < 0) throw new IpamException("invalid CIDR address: " + cidr);
        String bits = cidr.substring(slash + 1);
        if (bits.isEmpty() || bits.length() > 2 || !bits.chars().allMatch(Character::isDigit)) {
            throw new IpamException("invalid CIDR address: " + cidr);
        }
        int length = Integer.parseInt(bits);
        if (length > 32) throw new IpamException("invalid CIDR address: " + cidr);
        int address;
        try {
            address = Ipv4.parse(cidr.substring(0, slash));
        } catch (IpamException e) {
            throw new IpamException("invalid CIDR address: " + cidr);
        }
        return new Subnet(address, length);
    }

    static int mask(int prefixLength) {
        return prefixLength == 0 ? 0 : -1 << (32 - prefixLength);
    }

    public int mask() {
        return mask(prefixLength);
    }

    /** Number of addresses, network and broadcast included (2^(32-N)). */
    public long size() {
        return 1L << (32 - prefixLength);
    }

    public int first() {
        return network;
    }

    public int last() {
        return network | ~mask();
    }

    public boolean contains(int address) {
        return (address & mask()) == network;
    }

    /** True when this prefix lies wholly inside {@code outer}. */
    public boolean within(Subnet outer) {
        return prefixLength >= outer.prefixLength && outer.contains(network);
    }

    public boolean overlaps(Subnet other) {
        return within(other) || other.within(this);
    }

    /** Whether the range has a network and a broadcast address to keep free (anything bigger than a /31). */
    public boolean hasBroadcast() {
        return prefixLength < 31;
    }

    @Override
    public int compareTo(Subnet o) {
        int c = Integer.compareUnsigned(network, o.network);
        return c != 0 ? c : Integer.compare(prefixLength, o.prefixLength);
    }

    @Override
    public String toString() {
        return Ipv4.format(network) + "/" + prefixLength;
    }
}
