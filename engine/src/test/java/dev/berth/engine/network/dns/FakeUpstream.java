package dev.berth.engine.network.dns;

import java.io.DataInputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import org.xbill.DNS.ARecord;
import org.xbill.DNS.DClass;
import org.xbill.DNS.Flags;
import org.xbill.DNS.Message;
import org.xbill.DNS.Rcode;
import org.xbill.DNS.Record;
import org.xbill.DNS.Section;

/**
 * The "host's resolver" of the tests, on 127.0.0.1 (no lookup leaves the machine): answers A for the
 * names it is given, NXDOMAIN for the rest; can stay silent or answer SERVFAIL; answers with more
 * than {@code udpLimit} bytes are sent truncated over UDP and in full over TCP.
 */
final class FakeUpstream implements AutoCloseable {

    enum Mode { ANSWER, SILENT, SERVFAIL }

    final Map<String, InetAddress[]> names = new ConcurrentHashMap<>();
    final AtomicInteger udpQueries = new AtomicInteger();
    final AtomicInteger tcpQueries = new AtomicInteger();
    volatile Mode mode = Mode.ANSWER;
    private final DatagramSocket udp;
    private final ServerSocket tcp;
    private final Thread udpThread;
    private final Thread tcpThread;

    FakeUpstream() throws IOException {
        udp = new DatagramSocket(new InetSocketAddress("127.0.0.1", 0));
        tcp = new ServerSocket();
        tcp.bind(new InetSocketAddress("127.0.0.1", udp.getLocalPort()));
        udpThread = Thread.ofPlatform().name("fake-upstream-udp").daemon(true).start(this::serveUdp);
        tcpThread = Thread.ofPlatform().name("fake-upstream-tcp").daemon(true).start(this::serveTcp);
    }

    InetSocketAddress address() {
        return new InetSocketAddress("127.0.0.1", udp.getLocalPort());
    }

    FakeUpstream with(String name, String... ips) throws IOException {
        InetAddress[] a = new InetAddress[ips.length];
        for (int i = 0; i < ips.length; i++) a[i] = InetAddress.getByName(ips[i]);
        names.put(DnsNames.key(name), a);
        return this;
    }

    private Message answer(Message q) {
        Message r = new Message(q.getHeader().getID());
        r.getHeader().setFlag(Flags.QR);
        r.getHeader().setFlag(Flags.RA);
        Record question = q.getQuestion();
        r.addRecord(question, Section.QUESTION);
        if (mode == Mode.SERVFAIL) {
            r.getHeader().setRcode(Rcode.SERVFAIL);
            return r;
        }
        InetAddress[] ips = names.get(DnsNames.key(question.getName().toString()));
        if (ips == null) {
            r.getHeader().setRcode(Rcode.NXDOMAIN);
            return r;
        }
        for (InetAddress ip : ips) r.addRecord(new ARecord(question.getName(), DClass.IN, 30, ip), Section.ANSWER);
        return r;
    }

    private void serveUdp() {
        byte[] buf = new byte[65535];
        while (!udp.isClosed()) {
            try {
                DatagramPacket p = new DatagramPacket(buf, buf.length);
                udp.receive(p);
                udpQueries.incrementAndGet();
                if (mode == Mode.SILENT) continue;
                Message q = new Message(java.util.Arrays.copyOf(buf, p.getLength()));
                byte[] wire = answer(q).toWire(512); // no EDNS here: big answers are truncated, TC set
                udp.send(new DatagramPacket(wire, wire.length, p.getSocketAddress()));
            } catch (IOException e) {
                // closed, or a bad packet
            }
        }
    }

    private void serveTcp() {
        while (!tcp.isClosed()) {
            try (Socket s = tcp.accept()) {
                tcpQueries.incrementAndGet();
                if (mode == Mode.SILENT) continue;
                DataInputStream in = new DataInputStream(s.getInputStream());
                byte[] q = new byte[in.readUnsignedShort()];
                in.readFully(q);
                byte[] wire = answer(new Message(q)).toWire();
                OutputStream out = s.getOutputStream();
                out.write(new byte[]{(byte) (wire.length >>> 8), (byte) wire.length});
                out.write(wire);
            } catch (IOException e) {
                // closed, or the client went away
            }
        }
    }

    @Override
    public void close() throws Exception {
        udp.close();
        tcp.close();
        udpThread.join();
        tcpThread.join();
    }
}
