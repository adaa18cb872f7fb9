package dev.berth.engine.network.ipam;

/**
 * A network's addressing as berthd records it, in Docker's words ({@code IPAM.Config[]}: Subnet, IPRange, Gateway):
 * dotted text so the record is readable JSON. {@code ipRange} is null when containers take addresses from the whole
 * subnet. {@code userConfigured} says the subnet came from {@code --subnet} (only then may containers ask for a static
 * {@code --ip}, as in Docker). The constructor checks the three agree, so a record read back from disk is valid too.
 */
public record IpamConfig(String subnet, String ipRange, String gateway, boolean userConfigured) {

    public IpamConfig {
        Subnet s = Subnet.parse(subnet);
        subnet = s.toString();
        if (ipRange != null) {
            Subnet r = Subnet.parse(ipRange);
            if (!r.within(s)) throw new IpamException("no matching subnet for ip-range " + ipRange);
            ipRange = r.toString();
        }
        int g = Ipv4.parse(gateway);
        if (!s.contains(g)) throw new IpamException("no matching subnet for gateway " + gateway);
        if (s.hasBroadcast() && (g == s.first() || g == s.last())) {
            throw new IpamException("failed to allocate gateway (" + gateway + "): Address already in use");
        }
        gateway = Ipv4.format(g);
    }

    public Subnet subnetPrefix() {
        return Subnet.parse(subnet);
    }

    /** Where dynamic addresses come from: the ip-range, or the whole subnet. */
    public Subnet rangePrefix() {
        return ipRange == null ? subnetPrefix() : Subnet.parse(ipRange);
    }

    public int gatewayAddress() {
        return Ipv4.parse(gateway);
    }

    /** The gateway with the subnet's prefix length, as it goes on the bridge ("172.18.0.1/16"). */
    public String gatewayCidr() {
        return gateway + "/" + subnetPrefix().prefixLength();
    }
}
