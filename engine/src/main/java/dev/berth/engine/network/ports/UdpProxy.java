package dev.berth.engine.network.ports;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.DatagramChannel;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The UDP side of {@link PortProxy}: one flow per client address, each with its own socket connected to the container,
 * so the container's replies can be told apart and sent back to the right client from the published port.
 */
final class UdpProxy extends PortProxy {

    private static final int MAX_DATAGRAM = 65507;

    private final DatagramChannel host;
    private final Duration idleTimeout;
    private final Map<SocketAddress, Flow> flows = new ConcurrentHashMap<>();
    private final Thread receiver;
    private final Thread reaper;
    private volatile boolean closed;

    private final class Flow {
        final SocketAddress client;
        final DatagramChannel backend;
        volatile long lastUsed = System.nanoTime();

        Flow(SocketAddress client) throws IOException {
            this.client = client;
            this.backend = DatagramChannel.open();
            backend.connect(mapping.containerAddress());
            Thread.ofVirtual().name("berth-proxy-flow " + mapping).start(this::replies);
        }

        /** Container → client, from the published port. */
        private void replies() {
            ByteBuffer buf = ByteBuffer.allocateDirect(MAX_DATAGRAM);
            try {
                while (true) {
                    buf.clear();
                    backend.receive(buf);
                    buf.flip();
                    lastUsed = System.nanoTime();
                    host.send(buf, client);
                }
            } catch (IOException e) {
                // flow closed (idle, proxy closed) or the container's port unreachable (ICMP): the flow ends
            } finally {
                end();
            }
        }

        void end() {
            flows.remove(client, this);
            closeQuietly(backend);
        }
    }

    UdpProxy(PortMapping m, Duration idleTimeout) throws IOException {
        super(m);
        this.idleTimeout = idleTimeout;
        host = DatagramChannel.open();
        try {
            host.bind(m.hostAddress());
        } catch (IOException e) {
            host.close();
            throw e;
        }
        receiver = Thread.ofVirtual().name("berth-proxy " + m).start(this::receiveLoop);
        reaper = Thread.ofVirtual().name("berth-proxy-reaper " + m).start(this::reapLoop);
    }

    /** Client → container. */
    private void receiveLoop() {
        ByteBuffer buf = ByteBuffer.allocateDirect(MAX_DATAGRAM);
        while (!closed) {
            try {
                buf.clear();
                SocketAddress client = host.receive(buf);
                buf.flip();
                Flow flow = flows.get(client);
                if (flow == null) {
                    flow = new Flow(client);
                    Flow raced = flows.putIfAbsent(client, flow);
                    if (raced != null) {
                        flow.end();
                        flow = raced;
                    }
                }
                flow.lastUsed = System.nanoTime();
                try {
                    flow.backend.write(buf);
                } catch (IOException e) {
                    flow.end(); // e.g. the container answered an earlier datagram with port unreachable
                }
            } catch (IOException e) {
                if (closed) return;
            }
        }
    }

    private void reapLoop() {
        long idle = idleTimeout.toNanos();
        long tick = Math.max(10, Math.min(1000, idleTimeout.toMillis() / 4));
        while (!closed) {
            try {
                Thread.sleep(tick);
            } catch (InterruptedException e) {
                return;
            }
            long now = System.nanoTime();
            for (Flow f : flows.values()) if (now - f.lastUsed > idle) f.end();
        }
    }

    @Override
    public int activeFlows() {
        return flows.size();
    }

    @Override
    public void close() {
        closed = true;
        closeQuietly(host);
        reaper.interrupt();
        for (Flow f : flows.values()) f.end();
        try {
            receiver.join();
            reaper.join();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    InetSocketAddress local() throws IOException {
        return (InetSocketAddress) host.getLocalAddress();
    }
}
