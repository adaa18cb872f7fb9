package dev.berth.engine.network.ports;

import java.io.IOException;
import java.net.BindException;
import java.nio.channels.Channel;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * docker-proxy's job inside berthd: holds a published host port and carries its traffic to the container. It runs
 * even where nftables DNATs the port, as Docker's proxy does: holding the socket reserves the port (a second
 * {@code -p 8080} fails with Docker's "port is already allocated"), and it carries what DNAT does not — a container
 * reaching a port published on its own bridge, and any host without nftables.
 *
 * <p>TCP: each accepted connection gets a connection to the container and two copy loops, one each way; an EOF from
 * one side becomes a half-close ({@code shutdownOutput}) toward the other, so request/response protocols that close
 * their sending side keep working. UDP: a flow per client address (its own socket to the container, so replies go back
 * to the right client), closed after {@code udpIdleTimeout} without traffic (Docker: 90 s). Both on virtual threads.
 *
 * <pre>
 * try (PortProxy p = PortProxy.start(new PortMapping(Protocol.TCP, "127.0.0.1", 0, "172.17.0.2", 80))) {
 *     int port = p.hostPort(); // from the ephemeral range
 * }
 * </pre>
 */
public abstract sealed class PortProxy implements AutoCloseable permits TcpProxy, UdpProxy {

    /** Docker's UDP flow timeout (docker-proxy's UDPConnTrackTimeout). */
    public static final Duration UDP_IDLE_TIMEOUT = Duration.ofSeconds(90);

    // Like Docker's port allocator: the search for a free port continues after the last one handed out.
    private static final AtomicInteger[] NEXT = {new AtomicInteger(), new AtomicInteger()};

    final PortMapping mapping;

    PortProxy(PortMapping mapping) {
        this.mapping = mapping;
    }

    /** Binds the host port (or a free ephemeral one) and starts carrying traffic. */
    public static PortProxy start(PortMapping mapping) {
        return start(mapping, EphemeralPorts.ofHost(), UDP_IDLE_TIMEOUT);
    }

    public static PortProxy start(PortMapping mapping, EphemeralPorts range, Duration udpIdleTimeout) {
        if (mapping.hostPort() != 0) return open(mapping, udpIdleTimeout);
        AtomicInteger next = NEXT[mapping.protocol().ordinal()];
        for (int tried = 0; tried < range.size(); tried++) {
            int port = range.first() + Math.floorMod(next.getAndIncrement(), range.size());
            try {
                return open(mapping.withHostPort(port), udpIdleTimeout);
            } catch (PortBindException taken) {
                // someone has it: try the next one
            }
        }
        throw new PortBindException("all ports are allocated (" + range.first() + "-" + range.last() + " for "
                + mapping.protocol().lowerName() + " on " + mapping.hostIp() + ")", null);
    }

    private static PortProxy open(PortMapping m, Duration udpIdleTimeout) {
        try {
            return switch (m.protocol()) {
                case TCP -> new TcpProxy(m);
                case UDP -> new UdpProxy(m, udpIdleTimeout);
            };
        } catch (BindException e) {
            throw PortBindException.allocated(m.hostIp(), m.hostPort(), e);
        } catch (IOException e) {
            throw new PortBindException("cannot listen on " + m.hostIp() + ":" + m.hostPort() + "/"
                    + m.protocol().lowerName() + ": " + e.getMessage(), e);
        }
    }

    /** The mapping with the host port actually bound. */
    public PortMapping mapping() {
        return mapping;
    }

    public int hostPort() {
        return mapping.hostPort();
    }

    /** Open TCP connections or UDP flows. */
    public abstract int activeFlows();

    /** Stops listening and closes every connection/flow; the port is free when this returns. */
    @Override
    public abstract void close();

    static void closeQuietly(Channel c) {
        try {
            if (c != null) c.close();
        } catch (IOException ignored) {
            // closing: nothing left to do with it
        }
    }
}
