package dev.berth.engine.network.dns;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.BindException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.ClosedChannelException;
import java.nio.channels.DatagramChannel;
import java.util.Set;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.SynchronousQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import org.xbill.DNS.Rcode;

/**
 * One embedded DNS server: UDP and TCP on one address and port (a network's gateway in berthd),
 * answering each asker from its view of the {@link DnsRecords} and forwarding the rest upstream.
 *
 * <p>Threads, all named {@code berth-dns-ADDRESS:PORT-(listen|forward|tcp)-N}: {@code udpWorkers} threads take turns
 * receiving on the one UDP socket and answer local names in place (no thread per query, one
 * receive buffer per thread); forwards run on a bounded pool (they block on upstreams for up to the
 * forward budget); TCP has one accepting thread and a bounded pool of connection threads.
 * {@link #close()} closes every socket and ends every thread before it returns.
 *
 * <pre>{@code
 * try (DnsServer dns = DnsServer.start(records, DnsServerConfig.of(
 *         new InetSocketAddress(gateway, 53), Upstreams.resolve(System.getenv("BERTH_DNS"), Path.of("/etc/resolv.conf"))))) {
 *     ...
 * }
 * }</pre>
 */
public final class DnsServer implements AutoCloseable {

    /** Idle TCP connections are closed after this long (RFC 7766 suggests seconds). */
    private static final int TCP_IDLE_MS = 10_000;
    private static final int TCP_CONNECTIONS = 16;
    private static final int FORWARD_THREADS = 64;
    private static final int BIND_TRIES = 20;

    private final DnsServerConfig config;
    private final QueryHandler handler;
    private final Forwarder forwarder;
    private final DatagramChannel udp;
    private final ServerSocket tcp;
    private final InetSocketAddress address;
    private final String threadPrefix;
    private final NamedThreads listeners;
    private final NamedThreads forwardThreads;
    private final NamedThreads tcpThreads;
    private final ThreadPoolExecutor forwards;
    private final ThreadPoolExecutor connections;
    private final Set<Socket> openConnections = ConcurrentHashMap.newKeySet();
    private volatile boolean closed;

    private DnsServer(DnsRecords records, DnsServerConfig config, DatagramChannel udp, ServerSocket tcp) {
        this.config = config;
        this.udp = udp;
        this.tcp = tcp;
        this.address = new InetSocketAddress(config.listen().getAddress(), tcp.getLocalPort());
        this.handler = new QueryHandler(records, config.domain());
        // Never forward to ourselves (Docker skips its own address too): that would loop.
        this.forwarder = new Forwarder(config.upstreams().stream().filter(u -> !u.equals(address)).toList(), config.forward());
        this.threadPrefix = "berth-dns-" + address.getAddress().getHostAddress() + ":" + address.getPort();
        this.listeners = new NamedThreads(threadPrefix + "-listen");
        this.forwardThreads = new NamedThreads(threadPrefix + "-forward");
        this.tcpThreads = new NamedThreads(threadPrefix + "-tcp");
        // At most maxConcurrent forwards in flight: running on the threads plus waiting in the queue.
        int max = config.forward().maxConcurrent();
        int pool = Math.min(FORWARD_THREADS, max);
        BlockingQueue<Runnable> waiting = max > pool ? new LinkedBlockingQueue<>(max - pool) : new SynchronousQueue<>();
        this.forwards = new ThreadPoolExecutor(pool, pool, 5, TimeUnit.SECONDS, waiting, forwardThreads);
        this.forwards.allowCoreThreadTimeOut(true);
        this.connections = new ThreadPoolExecutor(0, TCP_CONNECTIONS, 5, TimeUnit.SECONDS,
                new SynchronousQueue<>(), tcpThreads);
    }

    /**
     * Opens the UDP and TCP sockets and starts answering. With port 0 both get the same free port.
     *
     * @throws DnsListenException when the address cannot be bound (in use, not on this host)
     */
    public static DnsServer start(DnsRecords records, DnsServerConfig config) throws DnsListenException {
        InetSocketAddress want = config.listen();
        for (int attempt = 1; ; attempt++) {
            DatagramChannel udp = null;
            boolean udpBound = false;
            try {
                udp = DatagramChannel.open();
                udp.bind(want);
                udpBound = true;
                int port = ((InetSocketAddress) udp.getLocalAddress()).getPort();
                ServerSocket tcp = new ServerSocket();
                try {
                    tcp.setReuseAddress(true);
                    tcp.bind(new InetSocketAddress(want.getAddress(), port), 128);
                } catch (IOException e) {
                    tcp.close();
                    throw e;
                }
                DnsServer server = new DnsServer(records, config, udp, tcp);
                server.startThreads();
                return server;
            } catch (IOException e) {
                closeQuietly(udp);
                // Port 0: the free UDP port may be taken for TCP; then pick another.
                boolean retry = udpBound && e instanceof BindException && want.getPort() == 0 && attempt < BIND_TRIES;
                if (!retry) {
                    throw new DnsListenException("DNS server: cannot listen on " + want.getAddress().getHostAddress() + ":"
                            + want.getPort() + " (" + (udpBound ? "TCP" : "UDP") + "): " + e.getMessage()
                            + "; is another DNS server (dnsmasq, systemd-resolved, a second berthd) using it,"
                            + " or is the address not on this host (the network's bridge not up yet)?", e);
                }
            }
        }
    }

    /** The address and port the server answers on (the real port when 0 was asked for). */
    public InetSocketAddress address() {
        return address;
    }

    public DnsServerConfig config() {
        return config;
    }

    /** The prefix of every thread this server runs (for finding leaks). */
    public String threadNamePrefix() {
        return threadPrefix;
    }

    private void startThreads() {
        for (int i = 1; i <= config.udpWorkers(); i++) listeners.start(this::serveUdp);
        listeners.start(this::acceptTcp);
    }

    private void serveUdp() {
        ByteBuffer in = ByteBuffer.allocate(QueryHandler.TCP_MAX);
        while (!closed) {
            SocketAddress from;
            try {
                in.clear();
                from = udp.receive(in);
            } catch (ClosedChannelException e) {
                return; // close(): done
            } catch (IOException e) {
                continue; // one bad datagram
            }
            in.flip();
            InetAddress asker = ((InetSocketAddress) from).getAddress();
            QueryHandler.Outcome outcome;
            try {
                outcome = handler.handle(in, asker, false);
            } catch (RuntimeException e) {
                continue; // a query dnsjava could not take apart in some odd way: the asker retries or gives up
            }
            switch (outcome) {
                case QueryHandler.Outcome.Reply r -> sendUdp(r.wire(), from);
                case QueryHandler.Outcome.Forward f -> forwardUdp(f, from);
                case QueryHandler.Outcome.Drop _ -> { }
            }
        }
    }

    private void forwardUdp(QueryHandler.Outcome.Forward f, SocketAddress from) {
        if (!forwarder.hasUpstreams()) {
            sendUdp(QueryHandler.failure(f.parsed(), Rcode.SERVFAIL, f.maxSize()), from);
            return;
        }
        try {
            forwards.execute(() -> {
                byte[] answer = forwarder.forward(f.parsed(), f.query(), f.maxSize(), false);
                if (closed) return;
                sendUdp(answer != null ? answer : QueryHandler.failure(f.parsed(), Rcode.SERVFAIL, f.maxSize()), from);
            });
        } catch (RejectedExecutionException e) {
            if (!closed) sendUdp(QueryHandler.failure(f.parsed(), Rcode.REFUSED, f.maxSize()), from); // too many in flight
        }
    }

    private void sendUdp(byte[] wire, SocketAddress to) {
        try {
            udp.send(ByteBuffer.wrap(wire), to);
        } catch (IOException e) {
            // closed, or the asker went away: a lost datagram, which UDP askers retry
        }
    }

    private void acceptTcp() {
        while (!closed) {
            Socket s;
            try {
                s = tcp.accept();
            } catch (IOException e) {
                if (closed || tcp.isClosed()) return;
                continue;
            }
            openConnections.add(s);
            try {
                connections.execute(() -> serveTcp(s));
            } catch (RejectedExecutionException e) {
                openConnections.remove(s); // all connection threads busy: the asker retries
                closeQuietly(s);
            }
            if (closed) closeQuietly(s);
        }
    }

    private void serveTcp(Socket s) {
        try (s) {
            s.setSoTimeout(TCP_IDLE_MS);
            s.setTcpNoDelay(true);
            InputStream in = s.getInputStream();
            OutputStream out = s.getOutputStream();
            InetAddress asker = s.getInetAddress();
            while (!closed) {
                byte[] query = TcpFrames.read(in);
                if (query == null) return;
                byte[] answer = switch (handler.handle(ByteBuffer.wrap(query), asker, true)) {
                    case QueryHandler.Outcome.Reply r -> r.wire();
                    case QueryHandler.Outcome.Forward f -> {
                        byte[] a = forwarder.forward(f.parsed(), f.query(), f.maxSize(), true);
                        yield a != null ? a : QueryHandler.failure(f.parsed(), Rcode.SERVFAIL, f.maxSize());
                    }
                    case QueryHandler.Outcome.Drop _ -> null;
                };
                if (answer == null) return;
                out.write(TcpFrames.frame(answer));
                out.flush();
            }
        } catch (IOException | RuntimeException e) {
            // idle timeout, the asker hung up, or a broken message: drop the connection
        } finally {
            openConnections.remove(s);
        }
    }

    /** Stops answering: closes both sockets and every connection, ends every thread, then returns. */
    @Override
    public void close() {
        if (closed) return;
        closed = true;
        closeQuietly(udp);
        closeQuietly(tcp);
        forwarder.close();
        for (Socket s : openConnections) closeQuietly(s);
        forwards.shutdownNow();
        connections.shutdownNow();
        // Every thread came from these factories: wait until each has ended, not just the pools' state.
        boolean interrupted = listeners.joinAll() | forwardThreads.joinAll() | tcpThreads.joinAll();
        if (interrupted) Thread.currentThread().interrupt();
    }

    private static void closeQuietly(AutoCloseable c) {
        if (c == null) return;
        try {
            c.close();
        } catch (Exception ignored) {
            // closing on the way out: nothing else to do
        }
    }
}
