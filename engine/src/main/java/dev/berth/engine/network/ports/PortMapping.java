package dev.berth.engine.network.ports;

import java.net.InetSocketAddress;

/**
 * One published port as the proxy serves it: connections to {@code hostIp:hostPort} go to
 * {@code containerIp:containerPort}. {@code hostPort} 0 asks for a free port from the host's ephemeral range (Docker's
 * {@code -p 80}); {@code hostIp} "0.0.0.0" is every address.
 */
public record PortMapping(Protocol protocol, String hostIp, int hostPort, String containerIp, int containerPort) {

    public PortMapping {
        if (hostIp == null || hostIp.isEmpty()) hostIp = "0.0.0.0";
        if (hostPort < 0 || hostPort > 65535) throw new IllegalArgumentException("invalid host port " + hostPort);
        if (containerPort < 1 || containerPort > 65535) throw new IllegalArgumentException("invalid container port " + containerPort);
    }

    public InetSocketAddress hostAddress() {
        return new InetSocketAddress(hostIp, hostPort);
    }

    public InetSocketAddress containerAddress() {
        return new InetSocketAddress(containerIp, containerPort);
    }

    public PortMapping withHostPort(int port) {
        return new PortMapping(protocol, hostIp, port, containerIp, containerPort);
    }

    /** "tcp 0.0.0.0:8080 -> 172.17.0.2:80", for messages and thread names. */
    @Override
    public String toString() {
        return protocol.lowerName() + " " + hostIp + ":" + hostPort + " -> " + containerIp + ":" + containerPort;
    }
}
