package dev.berth.engine.network.dns;

import java.io.DataInputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import org.xbill.DNS.DClass;
import org.xbill.DNS.Message;
import org.xbill.DNS.Name;
import org.xbill.DNS.OPTRecord;
import org.xbill.DNS.Record;
import org.xbill.DNS.Section;

/** A stub resolver for tests: asks from a chosen source address (the "container"), over UDP or TCP. */
final class DnsTestClient {

    private final InetAddress from;
    private final InetSocketAddress server;
    private int nextId = 1;

    DnsTestClient(String from, InetSocketAddress server) throws IOException {
        this.from = InetAddress.getByName(from);
        this.server = server;
    }

    static Message query(String name, int type, int ednsPayload, int id) throws IOException {
        Message q = Message.newQuery(Record.newRecord(Name.fromString(name, Name.root), type, DClass.IN));
        q.getHeader().setID(id);
        if (ednsPayload > 0) q.addRecord(new OPTRecord(ednsPayload, 0, 0), Section.ADDITIONAL);
        return q;
    }

    Message udp(String name, int type) throws IOException {
        return udp(name, type, 0);
    }

    /** Asks once over UDP; null when no answer came within 3 s. */
    Message udp(String name, int type, int ednsPayload) throws IOException {
        return udpRaw(query(name, type, ednsPayload, nextId++).toWire());
    }

    Message udpRaw(byte[] query) throws IOException {
        try (DatagramSocket s = new DatagramSocket(new InetSocketAddress(from, 0))) {
            s.setSoTimeout(3000);
            s.send(new DatagramPacket(query, query.length, server));
            byte[] buf = new byte[65535];
            DatagramPacket p = new DatagramPacket(buf, buf.length);
            s.receive(p);
            byte[] got = java.util.Arrays.copyOf(buf, p.getLength());
            return new Message(got);
        } catch (SocketTimeoutException e) {
            return null;
        }
    }

    Message tcp(String name, int type) throws IOException {
        try (Socket s = new Socket()) {
            s.bind(new InetSocketAddress(from, 0));
            s.connect(server, 3000);
            s.setSoTimeout(3000);
            byte[] q = query(name, type, 0, nextId++).toWire();
            OutputStream out = s.getOutputStream();
            out.write(new byte[]{(byte) (q.length >>> 8), (byte) q.length});
            out.write(q);
            DataInputStream in = new DataInputStream(s.getInputStream());
            int len = in.readUnsignedShort();
            byte[] msg = new byte[len];
            in.readFully(msg);
            return new Message(msg);
        }
    }
}
