package dev.berth.engine.network.ports;

import java.io.IOException;
import java.net.StandardSocketOptions;
import java.nio.ByteBuffer;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/** The TCP side of {@link PortProxy}: accept, connect to the container, copy both ways with half-close. */
final class TcpProxy extends PortProxy {

    private static final int BUFFER = 64 * 1024;

    private final ServerSocketChannel server;
    private final Set<SocketChannel> open = ConcurrentHashMap.newKeySet();
    private final AtomicInteger connections = new AtomicInteger();
    private final Thread acceptor;
    private volatile boolean closed;

    TcpProxy(PortMapping m) throws IOException {
        super(m);
        server = ServerSocketChannel.open();
        try {
            server.setOption(StandardSocketOptions.SO_REUSEADDR, true); // TIME_WAIT from an earlier run must not block
            server.bind(m.hostAddress(), 512);
        } catch (IOException e) {
            server.close();
            throw e;
        }
        acceptor = Thread.ofVirtual().name("berth-proxy " + m).start(this::acceptLoop);
    }

    private void acceptLoop() {
        while (!closed) {
            SocketChannel client;
            try {
                client = server.accept();
            } catch (IOException e) {
                return; // closed
            }
            open.add(client);
            connections.incrementAndGet();
            Thread.ofVirtual().name("berth-proxy-conn " + mapping).start(() -> serve(client));
        }
    }

    private void serve(SocketChannel client) {
        SocketChannel backend = null;
        try {
            backend = SocketChannel.open();
            open.add(backend);
            if (closed) return;
            backend.connect(mapping.containerAddress());
            client.setOption(StandardSocketOptions.TCP_NODELAY, true);
            backend.setOption(StandardSocketOptions.TCP_NODELAY, true);
            SocketChannel b = backend;
            AtomicInteger directionsLeft = new AtomicInteger(2);
            Thread up = Thread.ofVirtual().start(() -> copy(client, b, directionsLeft));
            copy(b, client, directionsLeft);
            up.join();
        } catch (IOException e) {
            // the container refused or went away: the client sees its connection closed, as with docker-proxy
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            closeQuietly(client);
            closeQuietly(backend);
            open.remove(client);
            if (backend != null) open.remove(backend);
            connections.decrementAndGet();
        }
    }

    /** Copies until EOF, then half-closes the other side; on an error closes both so the other loop ends too. */
    private static void copy(SocketChannel from, SocketChannel to, AtomicInteger directionsLeft) {
        ByteBuffer buf = ByteBuffer.allocateDirect(BUFFER);
        try {
            while (from.read(buf) >= 0) {
                buf.flip();
                while (buf.hasRemaining()) to.write(buf);
                buf.clear();
            }
            to.shutdownOutput();
        } catch (IOException e) {
            closeQuietly(from);
            closeQuietly(to);
        } finally {
            directionsLeft.decrementAndGet();
        }
    }

    @Override
    public int activeFlows() {
        return connections.get();
    }

    @Override
    public void close() {
        closed = true;
        closeQuietly(server);
        for (SocketChannel c : open) closeQuietly(c);
        try {
            acceptor.join();
            // the connections' loops end at once on their closed sockets: close() returns when they have
            long deadline = System.nanoTime() + 5_000_000_000L;
            while (connections.get() > 0 && System.nanoTime() < deadline) Thread.sleep(1);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
