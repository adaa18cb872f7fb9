package dev.berth.engine.network.firewall;

import dev.berth.engine.network.ipam.Subnet;

/**
 * What the firewall needs to know of a bridge network: its name (in rule comments), its bridge interface, its IPv4
 * subnet, and whether it is {@code --internal} (no traffic in or out of the bridge, no masquerade).
 */
public record FirewallNetwork(String name, String bridge, String subnet, boolean internal) {

    public FirewallNetwork {
        Names.checkName("network name", name);
        Names.checkInterface(bridge);
        subnet = Subnet.parse(subnet).toString();
    }
}
