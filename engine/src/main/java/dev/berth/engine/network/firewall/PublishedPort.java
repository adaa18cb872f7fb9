package dev.berth.engine.network.firewall;

import dev.berth.engine.network.ipam.Ipv4;
import dev.berth.engine.network.ports.Protocol;

/**
 * One published port of one container on one network: host {@code hostIp:hostPort} goes to
 * {@code containerIp:containerPort}. {@code hostIp} "0.0.0.0" means every local address (Docker's default).
 */
public record PublishedPort(String containerId, FirewallNetwork network, Protocol protocol, String hostIp, int hostPort,
        String containerIp, int containerPort) {

    public PublishedPort {
        Names.checkName("container id", containerId);
        hostIp = Ipv4.format(Ipv4.parse(hostIp == null || hostIp.isEmpty() ? "0.0.0.0" : hostIp));
        containerIp = Ipv4.format(Ipv4.parse(containerIp));
        checkPort(hostPort);
        checkPort(containerPort);
    }

    public boolean allAddresses() {
        return hostIp.equals("0.0.0.0");
    }

    private static void checkPort(int p) {
        if (p < 1 || p > 65535) throw new IllegalArgumentException("invalid port " + p + ": a port is 1-65535");
    }
}
