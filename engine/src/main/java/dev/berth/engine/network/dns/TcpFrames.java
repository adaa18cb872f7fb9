package dev.berth.engine.network.dns;

import java.io.DataInputStream;
import java.io.IOException;
import java.io.InputStream;

/** DNS over TCP puts a two-byte length before each message (RFC 1035 4.2.2, RFC 7766). */
final class TcpFrames {

    private TcpFrames() {}

    /** {@code message} with its length prefix, ready for one write. */
    static byte[] frame(byte[] message) {
        byte[] framed = new byte[message.length + 2];
        framed[0] = (byte) (message.length >>> 8);
        framed[1] = (byte) message.length;
        System.arraycopy(message, 0, framed, 2, message.length);
        return framed;
    }

    /** Reads one message; null at a clean end of stream (the peer is done). */
    static byte[] read(InputStream in) throws IOException {
        int hi = in.read();
        if (hi < 0) return null;
        int lo = in.read();
        if (lo < 0) throw new IOException("DNS over TCP: connection closed inside a length prefix");
        byte[] msg = new byte[(hi << 8) | lo];
        new DataInputStream(in).readFully(msg);
        return msg;
    }
}
