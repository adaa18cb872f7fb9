package dev.berth.engine.network.dns;

import java.io.Closeable;
import java.io.IOException;
import java.io.OutputStream;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.random.RandomGenerator;
import org.xbill.DNS.Flags;
import org.xbill.DNS.Message;
import org.xbill.DNS.Rcode;
import org.xbill.DNS.Record;

/**
 * Sends a query to the upstream resolvers and returns the first usable answer, as Docker's
 * resolver does: upstreams in order; SERVFAIL, REFUSED, a timeout or a broken answer move on to
 * the next attempt; NXDOMAIN and everything else is the answer. Each attempt uses a fresh socket
 * (a new random source port) and a random query ID, checked on the answer with the question, so a
 * forged answer is hard to slip in. Blocking: called on the server's forwarding threads.
 */
final class Forwarder implements Closeable {

    private final List<InetSocketAddress> upstreams;
    private final ForwardPolicy policy;
    private final RandomGenerator random = RandomGenerator.of("L64X128MixRandom");
    /** Sockets in use, closed by {@link #close()} so no forward outlives the server. */
    private final Set<Closeable> open = ConcurrentHashMap.newKeySet();
    private volatile boolean closed;

    Forwarder(List<InetSocketAddress> upstreams, ForwardPolicy policy) {
        this.upstreams = upstreams;
        this.policy = policy;
    }

    boolean hasUpstreams() {
        return !upstreams.isEmpty();
    }

    /**
     * The upstream's answer to {@code query} with the asker's ID, at most {@code maxSize} bytes
     * (truncated, TC set, if larger), or null when no upstream gave one.
     *
     * @param tcp the asker used TCP: so do we
     */
    byte[] forward(Message parsed, byte[] query, int maxSize, boolean tcp) {
        long deadline = System.nanoTime() + policy.budget().toNanos();
        Record question = parsed.getQuestion();
        for (InetSocketAddress upstream : upstreams) {
            for (int attempt = 0; attempt < policy.attemptsPerServer(); attempt++) {
                if (closed) return null;
                long left = deadline - System.nanoTime();
                if (left <= 0) return null;
                int timeoutMs = (int) Math.max(1, Math.min(policy.attemptTimeout().toMillis(), left / 1_000_000));
                int id;
                synchronized (random) {
                    id = random.nextInt(0x10000);
                }
                byte[] out = withId(query, id);
                byte[] answer = tcp ? exchangeTcp(upstream, out, timeoutMs) : exchangeUdp(upstream, out, id, question, timeoutMs);
                Message m = answer == null ? null : parse(answer, id, question);
                if (m != null && !tcp && m.getHeader().getFlag(Flags.TC)) {
                    // Too big for UDP: ask the same server over TCP; keep the truncated answer if that fails.
                    byte[] full = exchangeTcp(upstream, out, timeoutMs);
                    Message fm = full == null ? null : parse(full, id, question);
                    if (fm != null) {
                        answer = full;
                        m = fm;
                    }
                }
                if (m == null) continue; // timeout or garbage: try again
                int rcode = m.getRcode();
                if (rcode == Rcode.SERVFAIL || rcode == Rcode.REFUSED) break; // this server cannot: next one
                int clientId = parsed.getHeader().getID();
                if (answer.length <= maxSize) return withId(answer, clientId);
                m.getHeader().setID(clientId);
                return m.toWire(maxSize); // sets TC: the asker retries over TCP
            }
        }
        return null;
    }

    private byte[] exchangeUdp(InetSocketAddress upstream, byte[] query, int id, Record question, int timeoutMs) {
        try (DatagramSocket socket = new DatagramSocket(new InetSocketAddress(0))) {
            if (!track(socket)) return null;
            try {
                socket.connect(upstream);
                socket.setSoTimeout(timeoutMs);
                socket.send(new DatagramPacket(query, query.length));
                byte[] buf = new byte[QueryHandler.TCP_MAX];
                long end = System.nanoTime() + timeoutMs * 1_000_000L;
                while (true) {
                    DatagramPacket p = new DatagramPacket(buf, buf.length);
                    socket.receive(p);
                    byte[] got = Arrays.copyOf(buf, p.getLength());
                    if (parse(got, id, question) != null) return got;
                    int remaining = (int) ((end - System.nanoTime()) / 1_000_000); // not our answer: keep waiting
                    if (remaining <= 0) return null;
                    socket.setSoTimeout(remaining);
                }
            } finally {
                open.remove(socket);
            }
        } catch (SocketTimeoutException e) {
            return null;
        } catch (IOException e) {
            return null; // ICMP unreachable, closed by close(): this attempt failed
        }
    }

    private byte[] exchangeTcp(InetSocketAddress upstream, byte[] query, int timeoutMs) {
        try (Socket socket = new Socket()) {
            if (!track(socket)) return null;
            try {
                socket.connect(upstream, timeoutMs);
                socket.setSoTimeout(timeoutMs);
                OutputStream out = socket.getOutputStream();
                out.write(TcpFrames.frame(query));
                out.flush();
                return TcpFrames.read(socket.getInputStream());
            } finally {
                open.remove(socket);
            }
        } catch (IOException e) {
            return null;
        }
    }

    private boolean track(Closeable socket) {
        open.add(socket);
        if (closed) { // close() ran in between: do not start
            open.remove(socket);
            return false;
        }
        return true;
    }

    /** The answer if it is one, to our ID and question; else null. */
    private static Message parse(byte[] answer, int id, Record question) {
        try {
            Message m = new Message(answer);
            if (m.getHeader().getID() != id || !m.getHeader().getFlag(Flags.QR)) return null;
            Record q = m.getQuestion();
            if (q == null || !q.getName().equals(question.getName()) || q.getType() != question.getType()
                    || q.getDClass() != question.getDClass()) return null;
            return m;
        } catch (IOException e) {
            return null;
        }
    }

    private static byte[] withId(byte[] message, int id) {
        byte[] copy = message.clone();
        copy[0] = (byte) (id >>> 8);
        copy[1] = (byte) id;
        return copy;
    }

    @Override
    public void close() {
        closed = true;
        for (Closeable c : open) {
            try {
                c.close();
            } catch (IOException ignored) {
                // closing to unblock a thread: nothing more to do
            }
        }
    }
}
