package dev.berth.engine.network.dns;

import java.io.IOException;
import java.net.Inet4Address;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.ByteBuffer;
import java.util.List;
import java.util.Optional;
import org.xbill.DNS.ARecord;
import org.xbill.DNS.DClass;
import org.xbill.DNS.Flags;
import org.xbill.DNS.Header;
import org.xbill.DNS.Message;
import org.xbill.DNS.Name;
import org.xbill.DNS.OPTRecord;
import org.xbill.DNS.Opcode;
import org.xbill.DNS.PTRRecord;
import org.xbill.DNS.Rcode;
import org.xbill.DNS.Record;
import org.xbill.DNS.Section;
import org.xbill.DNS.TextParseException;
import org.xbill.DNS.Type;

/**
 * Answers one query from the records, as Docker's resolver does: A for names in the asker's view
 * (every address, rotated), empty NOERROR for other types of a known name (no AAAA: containers have
 * IPv4 here), PTR for container addresses; everything else is forwarded. Names under the search
 * domain that nobody has get NXDOMAIN here. No I/O: the listeners send what this returns.
 */
final class QueryHandler {

    /** Plain DNS over UDP without EDNS (RFC 1035). */
    static final int UDP_MIN = 512;
    /** What we advertise in our OPT record (the 2020 DNS flag day size, no fragmentation). */
    static final int EDNS_PAYLOAD = 1232;
    static final int TCP_MAX = 65535;

    private static final String REVERSE_V4 = ".in-addr.arpa";

    private final DnsRecords records;
    private final Optional<String> domain;

    QueryHandler(DnsRecords records, Optional<String> domain) {
        this.records = records;
        this.domain = domain;
    }

    /** What to do with one query. */
    sealed interface Outcome {
        /** Send these bytes back. */
        record Reply(byte[] wire) implements Outcome {}

        /** Not ours to answer: forward {@code query} (the bytes as received); answers go back within {@code maxSize}. */
        record Forward(Message parsed, byte[] query, int maxSize) implements Outcome {}

        /** Not a query (a response, garbage): say nothing, as a server must. */
        record Drop() implements Outcome {}
    }

    static final Outcome DROP = new Outcome.Drop();

    /**
     * @param packet the query, position to limit
     * @param tcp    whether it came over TCP (no size limit) or UDP (512 bytes or the asker's EDNS size)
     */
    Outcome handle(ByteBuffer packet, InetAddress asker, boolean tcp) {
        int length = packet.remaining();
        if (length < Header.LENGTH) return DROP;
        int flags = packet.getShort(packet.position() + 2) & 0xffff;
        if ((flags & 0x8000) != 0) return DROP; // QR: a response sent to us
        Message query;
        try {
            query = new Message(packet.duplicate());
        } catch (IOException e) {
            return new Outcome.Reply(headerOnly(packet, Rcode.FORMERR));
        }
        Header qh = query.getHeader();
        if (qh.getOpcode() != Opcode.QUERY) return new Outcome.Reply(headerOnly(packet, Rcode.NOTIMP));
        if (qh.getCount(Section.QUESTION) != 1) return new Outcome.Reply(headerOnly(packet, Rcode.FORMERR));

        OPTRecord opt = query.getOPT();
        int maxSize = tcp ? TCP_MAX : Math.max(UDP_MIN, opt == null ? 0 : opt.getPayloadSize());
        Record question = query.getQuestion();
        Optional<Message> local = question.getDClass() == DClass.IN ? answerLocally(query, question, asker) : Optional.empty();
        if (local.isPresent()) return new Outcome.Reply(local.get().toWire(maxSize));
        byte[] raw = new byte[length];
        packet.duplicate().get(raw);
        return new Outcome.Forward(query, raw, maxSize);
    }

    private Optional<Message> answerLocally(Message query, Record question, InetAddress asker) {
        Name qname = question.getName();
        int type = question.getType();
        String name = DnsNames.key(qname.toString());
        if (type == Type.PTR && name.endsWith(REVERSE_V4)) return answerReverse(query, question, asker, name);

        boolean underDomain = false;
        if (domain.isPresent()) {
            String d = domain.get();
            if (name.equals(d)) return Optional.empty(); // the domain itself: the upstream's business
            if (name.endsWith("." + d)) {
                name = name.substring(0, name.length() - d.length() - 1);
                underDomain = true;
            }
        }
        List<Inet4Address> addresses = records.lookup(asker, name);
        if (addresses.isEmpty()) {
            return underDomain ? Optional.of(reply(query, Rcode.NXDOMAIN)) : Optional.empty();
        }
        Message reply = reply(query, Rcode.NOERROR);
        if (type == Type.A || type == Type.ANY) {
            for (Inet4Address ip : addresses) {
                reply.addRecord(new ARecord(qname, DClass.IN, DnsServerConfig.TTL_SECONDS, ip), Section.ANSWER);
            }
        }
        return Optional.of(reply); // AAAA, MX, TXT … of a known name: NOERROR, no answer (NODATA)
    }

    private Optional<Message> answerReverse(Message query, Record question, InetAddress asker, String name) {
        String[] octets = name.substring(0, name.length() - REVERSE_V4.length()).split("\\.");
        if (octets.length != 4) return Optional.empty();
        byte[] ip = new byte[4];
        for (int i = 0; i < 4; i++) {
            String o = octets[3 - i];
            if (o.isEmpty() || o.length() > 3 || !o.chars().allMatch(Character::isDigit)) return Optional.empty();
            int v = Integer.parseInt(o);
            if (v > 255) return Optional.empty();
            ip[i] = (byte) v;
        }
        Optional<String> target;
        try {
            target = records.reverse(asker, (Inet4Address) InetAddress.getByAddress(ip));
        } catch (UnknownHostException e) {
            return Optional.empty(); // cannot happen for 4 bytes
        }
        if (target.isEmpty()) return Optional.empty();
        Name ptr;
        try {
            ptr = Name.fromString(target.get(), Name.root);
        } catch (TextParseException e) {
            return Optional.empty(); // a container name that is no DNS name: let the upstream say
        }
        Message reply = reply(query, Rcode.NOERROR);
        reply.addRecord(new PTRRecord(question.getName(), DClass.IN, DnsServerConfig.TTL_SECONDS, ptr), Section.ANSWER);
        return Optional.of(reply);
    }

    /** A reply to {@code query}: same ID, question and RD; RA set (we recurse for the asker), AA for our own names. */
    static Message reply(Message query, int rcode) {
        Header qh = query.getHeader();
        Message reply = new Message(qh.getID());
        Header h = reply.getHeader();
        h.setFlag(Flags.QR);
        h.setFlag(Flags.AA);
        h.setFlag(Flags.RA);
        if (qh.getFlag(Flags.RD)) h.setFlag(Flags.RD);
        h.setOpcode(qh.getOpcode());
        h.setRcode(rcode);
        reply.addRecord(query.getQuestion(), Section.QUESTION);
        if (query.getOPT() != null) reply.addRecord(new OPTRecord(EDNS_PAYLOAD, 0, 0), Section.ADDITIONAL);
        return reply;
    }

    /** SERVFAIL or REFUSED for a query we could not forward. */
    static byte[] failure(Message query, int rcode, int maxSize) {
        Message m = reply(query, rcode);
        m.getHeader().unsetFlag(Flags.AA);
        return m.toWire(maxSize);
    }

    /** A 12-byte reply carrying only the query's ID, opcode and RD, for queries we cannot parse. */
    private static byte[] headerOnly(ByteBuffer packet, int rcode) {
        int p = packet.position();
        byte[] out = new byte[Header.LENGTH];
        out[0] = packet.get(p);
        out[1] = packet.get(p + 1);
        out[2] = (byte) (0x80 | (packet.get(p + 2) & 0x79)); // QR, opcode, RD
        out[3] = (byte) (0x80 | (rcode & 0x0f)); // RA, rcode
        return out;
    }
}
