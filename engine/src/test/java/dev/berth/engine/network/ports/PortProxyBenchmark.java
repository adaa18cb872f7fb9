package dev.berth.engine.network.ports;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;

/**
 * Throughput through the TCP proxy on loopback, next to the same transfer without it. Opt-in:
 * {@code mvn -pl engine test -Dtest=PortProxyBenchmark -Dberth.bench=true}. Prints MB/s (1 MB = 10^6 bytes) for one
 * connection and for four in parallel.
 */
@EnabledIfSystemProperty(named = "berth.bench", matches = "true", disabledReason = "a benchmark: run with -Dberth.bench=true")
class PortProxyBenchmark {

    private static final long BYTES = 2L * 1024 * 1024 * 1024;

    @Test
    void throughputOnLoopback() throws Exception {
        try (Sink sink = new Sink();
                PortProxy proxy = PortProxy.start(new PortMapping(Protocol.TCP, "127.0.0.1", 0, "127.0.0.1", sink.port()))) {
            run(sink.port(), 1, BYTES / 4); // warm-up
            run(proxy.hostPort(), 1, BYTES / 4);
            double direct1 = run(sink.port(), 1, BYTES);
            double proxied1 = run(proxy.hostPort(), 1, BYTES);
            double direct4 = run(sink.port(), 4, BYTES);
            double proxied4 = run(proxy.hostPort(), 4, BYTES);
            System.out.printf("port proxy throughput on loopback (%d MiB per run):%n", BYTES >> 20);
            System.out.printf("  1 connection : direct %.0f MB/s, through the proxy %.0f MB/s (%.0f %%)%n", direct1, proxied1, 100 * proxied1 / direct1);
            System.out.printf("  4 connections: direct %.0f MB/s, through the proxy %.0f MB/s (%.0f %%)%n", direct4, proxied4, 100 * proxied4 / direct4);
        }
    }

    /** Sends {@code total} bytes over {@code connections} connections; MB/s from first byte to the sink's last. */
    private static double run(int port, int connections, long total) throws Exception {
        long each = total / connections;
        List<Thread> senders = new ArrayList<>();
        long[] received = new long[connections];
        long start = System.nanoTime();
        for (int i = 0; i < connections; i++) {
            int n = i;
            senders.add(Thread.ofPlatform().start(() -> {
                try (SocketChannel c = SocketChannel.open(new InetSocketAddress("127.0.0.1", port))) {
                    ByteBuffer buf = ByteBuffer.allocateDirect(256 * 1024);
                    for (long sent = 0; sent < each; ) {
                        buf.clear();
                        if (each - sent < buf.capacity()) buf.limit((int) (each - sent));
                        sent += c.write(buf);
                    }
                    c.shutdownOutput();
                    ByteBuffer answer = ByteBuffer.allocate(8);
                    while (answer.hasRemaining() && c.read(answer) >= 0) { }
                    received[n] = answer.flip().getLong();
                } catch (IOException e) {
                    throw new RuntimeException(e);
                }
            }));
        }
        for (Thread t : senders) t.join();
        double seconds = (System.nanoTime() - start) / 1e9;
        for (long r : received) assertEquals(each, r);
        return each * connections / 1e6 / seconds;
    }

    /** Counts what arrives until EOF and answers with the count (8 bytes). */
    private static final class Sink implements AutoCloseable {
        final ServerSocketChannel server = ServerSocketChannel.open().bind(new InetSocketAddress("127.0.0.1", 0));
        final Thread acceptor = Thread.ofPlatform().start(() -> {
            while (true) {
                try {
                    SocketChannel c = server.accept();
                    Thread.ofPlatform().start(() -> drain(c));
                } catch (IOException e) {
                    return;
                }
            }
        });

        Sink() throws IOException {}

        private static void drain(SocketChannel c) {
            try (c) {
                ByteBuffer buf = ByteBuffer.allocateDirect(256 * 1024);
                long n = 0;
                int r;
                while ((r = c.read(buf)) >= 0) {
                    n += r;
                    buf.clear();
                }
                c.write(ByteBuffer.allocate(8).putLong(n).flip());
            } catch (IOException ignored) {
                // the sender sees a short count
            }
        }

        int port() throws IOException {
            return ((InetSocketAddress) server.getLocalAddress()).getPort();
        }

        @Override
        public void close() throws Exception {
            server.close();
            acceptor.join();
        }
    }
}
