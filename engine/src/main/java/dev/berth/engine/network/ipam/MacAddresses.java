package dev.berth.engine.network.ipam;

/**
 * Docker's MAC addresses for bridge endpoints: {@code 02:42} (locally administered, unicast) followed by the four bytes
 * of the endpoint's IPv4 address, so 172.17.0.2 gets 02:42:ac:11:00:02 — unique on the bridge because the address is.
 */
public final class MacAddresses {

    private MacAddresses() {}

    public static String fromIpv4(int address) {
        return String.format("02:42:%02x:%02x:%02x:%02x",
                address >>> 24, (address >>> 16) & 0xff, (address >>> 8) & 0xff, address & 0xff);
    }

    public static String fromIpv4(String address) {
        return fromIpv4(Ipv4.parse(address));
    }
}
