package dev.berth.engine.network.ports;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.StandardSocketOptions;
import java.nio.ByteBuffer;
import java.nio.channels.DatagramChannel;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.Random;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The proxy over loopback, with Java servers standing in for containers. */
class PortProxyTest {

    @TempDir
    Path tmp;

    /** Reads everything the client sends until it half-closes, then answers with the SHA of what it got and closes. */
    private static final class DigestServer implements AutoCloseable {
        final ServerSocketChannel server;
        final Thread thread;

        DigestServer() throws IOException {
            server = ServerSocketChannel.open().bind(new InetSocketAddress("127.0.0.1", 0));
            thread = Thread.ofVirtual().start(() -> {
                while (true) {
                    try {
                        SocketChannel c = server.accept();
                        Thread.ofVirtual().start(() -> answer(c));
                    } catch (IOException e) {
                        return;
                    }
                }
            });
        }

        private static void answer(SocketChannel c) {
            try (c) {
                var sha = java.security.MessageDigest.getInstance("SHA-256");
                ByteBuffer buf = ByteBuffer.allocate(65536);
                long n = 0;
                int r;
                while ((r = c.read(buf)) >= 0) {
                    buf.flip();
                    sha.update(buf);
                    n += r;
                    buf.clear();
                }
                String reply = n + " " + java.util.HexFormat.of().formatHex(sha.digest());
                c.write(ByteBuffer.wrap(reply.getBytes(StandardCharsets.US_ASCII)));
            } catch (Exception ignored) {
                // the test sees a short answer
            }
        }

        int port() throws IOException {
            return ((InetSocketAddress) server.getLocalAddress()).getPort();
        }

        @Override
        public void close() throws Exception {
            server.close();
            thread.join();
        }
    }

    @Test
    void tcpCarriesBothWaysWithHalfClose() throws Exception {
        try (DigestServer container = new DigestServer();
                PortProxy proxy = PortProxy.start(new PortMapping(Protocol.TCP, "127.0.0.1", 0, "127.0.0.1", container.port()))) {
            assertTrue(EphemeralPorts.ofHost().contains(proxy.hostPort()), "random port " + proxy.hostPort() + " outside the ephemeral range");
            byte[] payload = new byte[3 * 1024 * 1024 + 17];
            new Random(5).nextBytes(payload);
            String expected = payload.length + " " + java.util.HexFormat.of().formatHex(
                    java.security.MessageDigest.getInstance("SHA-256").digest(payload));
            for (int round = 0; round < 3; round++) {
                try (SocketChannel c = SocketChannel.open(new InetSocketAddress("127.0.0.1", proxy.hostPort()))) {
                    ByteBuffer out = ByteBuffer.wrap(payload);
                    while (out.hasRemaining()) c.write(out);
                    c.shutdownOutput(); // the server answers only after our EOF came through the proxy
                    assertEquals(expected, readAll(c));
                }
            }
            waitFor(() -> proxy.activeFlows() == 0, "connections end when both sides closed");
        }
    }

    @Test
    void aContainerNotListeningClosesTheClient() throws Exception {
        int dead;
        try (ServerSocketChannel s = ServerSocketChannel.open().bind(new InetSocketAddress("127.0.0.1", 0))) {
            dead = ((InetSocketAddress) s.getLocalAddress()).getPort();
        }
        try (PortProxy proxy = PortProxy.start(new PortMapping(Protocol.TCP, "127.0.0.1", 0, "127.0.0.1", dead));
                SocketChannel c = SocketChannel.open(new InetSocketAddress("127.0.0.1", proxy.hostPort()))) {
            c.socket().setSoTimeout(5000);
            assertEquals("", readAll(c));
        }
    }

    @Test
    void aTakenPortIsAllocatedInDockersWords() throws Exception {
        try (DigestServer container = new DigestServer();
                PortProxy first = PortProxy.start(new PortMapping(Protocol.TCP, "127.0.0.1", 0, "127.0.0.1", container.port()))) {
            int port = first.hostPort();
            var e = assertThrows(PortBindException.class,
                    () -> PortProxy.start(new PortMapping(Protocol.TCP, "127.0.0.1", port, "127.0.0.1", container.port())));
            assertEquals("Bind for 127.0.0.1:" + port + " failed: port is already allocated", e.getMessage());
            var wild = assertThrows(PortBindException.class,
                    () -> PortProxy.start(new PortMapping(Protocol.TCP, "0.0.0.0", port, "127.0.0.1", container.port())));
            assertEquals("Bind for 0.0.0.0:" + port + " failed: port is already allocated", wild.getMessage());
            // UDP on the same number is a different port
            PortProxy.start(new PortMapping(Protocol.UDP, "127.0.0.1", port, "127.0.0.1", 9)).close();
            first.close();
            // close() released it: the same port can be had again
            PortProxy.start(new PortMapping(Protocol.TCP, "127.0.0.1", port, "127.0.0.1", container.port())).close();
        }
    }

    @Test
    void closeEndsOpenConnectionsAndFreesThePort() throws Exception {
        try (DigestServer container = new DigestServer()) {
            PortProxy proxy = PortProxy.start(new PortMapping(Protocol.TCP, "127.0.0.1", 0, "127.0.0.1", container.port()));
            try (SocketChannel c = SocketChannel.open(new InetSocketAddress("127.0.0.1", proxy.hostPort()))) {
                c.write(ByteBuffer.wrap("unfinished".getBytes(StandardCharsets.US_ASCII)));
                waitFor(() -> proxy.activeFlows() == 1, "the connection is carried");
                proxy.close();
                c.socket().setSoTimeout(5000);
                ByteBuffer buf = ByteBuffer.allocate(16);
                int r;
                try {
                    r = c.read(buf);
                } catch (IOException reset) {
                    r = -1;
                }
                assertEquals(-1, r, "the client's connection ends with the proxy");
            }
            assertEquals(0, proxy.activeFlows());
            try (ServerSocketChannel again = ServerSocketChannel.open()) {
                again.setOption(StandardSocketOptions.SO_REUSEADDR, true);
                again.bind(new InetSocketAddress("127.0.0.1", proxy.hostPort()));
            }
        }
    }

    @Test
    void udpFlowsPerClientWithIdleTimeout() throws Exception {
        try (DatagramChannel container = DatagramChannel.open().bind(new InetSocketAddress("127.0.0.1", 0))) {
            Thread echo = Thread.ofVirtual().start(() -> {
                ByteBuffer buf = ByteBuffer.allocate(65536);
                try {
                    while (true) {
                        buf.clear();
                        var from = container.receive(buf);
                        buf.flip();
                        byte[] got = new byte[buf.remaining()];
                        buf.get(got);
                        container.send(ByteBuffer.wrap(("echo " + new String(got, StandardCharsets.US_ASCII) + " from " + ((InetSocketAddress) from).getPort())
                                .getBytes(StandardCharsets.US_ASCII)), from);
                    }
                } catch (IOException closed) {
                    // test over
                }
            });
            int containerPort = ((InetSocketAddress) container.getLocalAddress()).getPort();
            try (PortProxy proxy = PortProxy.start(new PortMapping(Protocol.UDP, "127.0.0.1", 0, "127.0.0.1", containerPort),
                            EphemeralPorts.ofHost(), Duration.ofMillis(300));
                    DatagramChannel a = DatagramChannel.open();
                    DatagramChannel b = DatagramChannel.open()) {
                InetSocketAddress published = new InetSocketAddress("127.0.0.1", proxy.hostPort());
                a.connect(published);
                b.connect(published);
                a.socket().setSoTimeout(5000);
                b.socket().setSoTimeout(5000);
                String ra = exchange(a, "one");
                String rb = exchange(b, "two");
                assertTrue(ra.startsWith("echo one from "), ra);
                assertTrue(rb.startsWith("echo two from "), rb);
                assertNotEquals(ra.substring(14), rb.substring(14), "each client has its own flow (own source port at the container)");
                assertEquals(ra.substring(14), exchange(a, "one").substring(14), "a client keeps its flow");
                assertEquals(2, proxy.activeFlows());
                waitFor(() -> proxy.activeFlows() == 0, "idle flows are closed");
                assertTrue(exchange(a, "again").startsWith("echo again from "), "a new flow after the idle one went");
                byte[] big = new byte[60000];
                Arrays.fill(big, (byte) 'x');
                a.write(ByteBuffer.wrap(big));
                ByteBuffer reply = ByteBuffer.allocate(65536);
                a.read(reply);
                assertEquals(60000 + "echo  from ".length() + 5, reply.position(), "a large datagram arrives whole");
            }
            container.close();
            echo.join();
        }
    }

    @Test
    void randomPortsSkipTakenOnesAndRunOut() throws Exception {
        int p = freePair();
        try (ServerSocketChannel taken = ServerSocketChannel.open().bind(new InetSocketAddress("127.0.0.1", p))) {
            EphemeralPorts two = new EphemeralPorts(p, p + 1);
            try (PortProxy proxy = PortProxy.start(new PortMapping(Protocol.TCP, "127.0.0.1", 0, "127.0.0.1", 9), two, Duration.ofSeconds(1))) {
                assertEquals(p + 1, proxy.hostPort());
                var e = assertThrows(PortBindException.class,
                        () -> PortProxy.start(new PortMapping(Protocol.TCP, "127.0.0.1", 0, "127.0.0.1", 9), two, Duration.ofSeconds(1)));
                assertEquals("all ports are allocated (" + p + "-" + (p + 1) + " for tcp on 127.0.0.1)", e.getMessage());
            }
        }
    }

    @Test
    void ephemeralRangeFromProc() throws Exception {
        Path f = tmp.resolve("range");
        Files.writeString(f, "32768\t60999\n");
        assertEquals(new EphemeralPorts(32768, 60999), EphemeralPorts.read(f));
        assertEquals(new EphemeralPorts(49153, 65535), EphemeralPorts.read(tmp.resolve("missing")));
        assertTrue(EphemeralPorts.ofHost().size() > 100);
    }

    private static int freePair() throws IOException {
        for (int p = 40000; p < 60000; p += 2) {
            try (ServerSocketChannel x = ServerSocketChannel.open().bind(new InetSocketAddress("127.0.0.1", p));
                    ServerSocketChannel y = ServerSocketChannel.open().bind(new InetSocketAddress("127.0.0.1", p + 1))) {
                return p;
            } catch (IOException inUse) {
                // try the next pair
            }
        }
        throw new IllegalStateException("no two free adjacent ports");
    }

    private static String exchange(DatagramChannel c, String text) throws IOException {
        c.write(ByteBuffer.wrap(text.getBytes(StandardCharsets.US_ASCII)));
        ByteBuffer reply = ByteBuffer.allocate(65536);
        // the socket timeout does not apply to channel reads: read through the socket adaptor
        java.net.DatagramPacket packet = new java.net.DatagramPacket(reply.array(), reply.capacity());
        c.socket().receive(packet);
        return new String(packet.getData(), 0, packet.getLength(), StandardCharsets.US_ASCII);
    }

    private static String readAll(SocketChannel c) throws IOException {
        var in = c.socket().getInputStream();
        return new String(in.readAllBytes(), StandardCharsets.US_ASCII);
    }

    private static void waitFor(BooleanSupplier condition, String what) throws InterruptedException {
        for (int i = 0; i < 500 && !condition.getAsBoolean(); i++) Thread.sleep(20);
        assertTrue(condition.getAsBoolean(), what + " (waited 10 s)");
    }
}
