package dev.berth.engine.network.link;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.Arrays;
import java.util.Deque;

/**
 * Builds one rtnetlink request: the 16-byte {@code nlmsghdr}, a fixed family header
 * ({@code ifinfomsg}, {@code ifaddrmsg}, {@code rtmsg}) and type-length-value attributes, nested
 * ones too, each padded to 4 bytes ({@code NLA_ALIGN}), in the host's byte order as the kernel
 * wants. The length fields are filled in by {@link #bytes} and {@link #endNested}.
 */
final class NetlinkMessage {

    static final int HEADER_LENGTH = 16;
    static final int NLA_F_NESTED = 0x8000;

    private ByteBuffer buf = ByteBuffer.allocate(256).order(ByteOrder.nativeOrder());
    private final Deque<Integer> openNests = new ArrayDeque<>();

    private NetlinkMessage(int type, int flags) {
        buf.putInt(0); // nlmsg_len, set in bytes()
        buf.putShort((short) type);
        buf.putShort((short) flags);
        buf.putInt(0); // nlmsg_seq, set in bytes()
        buf.putInt(0); // nlmsg_pid: 0, the kernel fills in our port
    }

    /** A request of {@code type} (RTM_*) with {@code flags} (NLM_F_*; NLM_F_REQUEST is added). */
    static NetlinkMessage request(int type, int flags) {
        return new NetlinkMessage(type, flags | Rtnl.NLM_F_REQUEST);
    }

    /** {@code struct ifinfomsg}: family, type, index, flags, change (16 bytes). */
    NetlinkMessage ifinfomsg(int family, int index, int flags, int change) {
        ensure(16);
        buf.put((byte) family).put((byte) 0).putShort((short) 0);
        buf.putInt(index).putInt(flags).putInt(change);
        return this;
    }

    /** {@code struct ifaddrmsg}: family, prefix length, flags, scope, index (8 bytes). */
    NetlinkMessage ifaddrmsg(int family, int prefixLength, int flags, int scope, int index) {
        ensure(8);
        buf.put((byte) family).put((byte) prefixLength).put((byte) flags).put((byte) scope).putInt(index);
        return this;
    }

    /** {@code struct rtmsg} (12 bytes). */
    NetlinkMessage rtmsg(int family, int dstLength, int table, int protocol, int scope, int routeType) {
        ensure(12);
        buf.put((byte) family).put((byte) dstLength).put((byte) 0).put((byte) 0); // src_len, tos
        buf.put((byte) table).put((byte) protocol).put((byte) scope).put((byte) routeType);
        buf.putInt(0); // rtm_flags
        return this;
    }

    NetlinkMessage attr(int type, byte[] value) {
        int length = 4 + value.length;
        ensure(align(length));
        buf.putShort((short) length).putShort((short) type).put(value);
        pad();
        return this;
    }

    /** A NUL-terminated string attribute (names, kinds). */
    NetlinkMessage attr(int type, String value) {
        byte[] s = value.getBytes(StandardCharsets.UTF_8);
        return attr(type, Arrays.copyOf(s, s.length + 1));
    }

    /** A 32-bit attribute in host byte order (MTU, index, fd). */
    NetlinkMessage attrU32(int type, int value) {
        return attr(type, ByteBuffer.allocate(4).order(ByteOrder.nativeOrder()).putInt(value).array());
    }

    /** Opens a nested attribute; everything until the matching {@link #endNested} goes inside it. */
    NetlinkMessage beginNested(int type) {
        ensure(4);
        openNests.push(buf.position());
        buf.putShort((short) 0).putShort((short) (type | NLA_F_NESTED));
        return this;
    }

    NetlinkMessage endNested() {
        if (openNests.isEmpty()) throw new IllegalStateException("endNested() without beginNested()");
        int start = openNests.pop();
        buf.putShort(start, (short) (buf.position() - start));
        return this;
    }

    /** The finished message with sequence number {@code seq}. */
    byte[] bytes(int seq) {
        if (!openNests.isEmpty()) throw new IllegalStateException(openNests.size() + " nested attribute(s) not ended");
        ByteBuffer out = buf.duplicate().order(ByteOrder.nativeOrder());
        out.putInt(0, buf.position());
        out.putInt(8, seq);
        return Arrays.copyOf(buf.array(), buf.position());
    }

    static int align(int length) {
        return (length + 3) & ~3;
    }

    private void pad() {
        while ((buf.position() & 3) != 0) buf.put((byte) 0);
    }

    private void ensure(int more) {
        if (buf.remaining() >= more + 4) return;
        ByteBuffer bigger = ByteBuffer.allocate(Math.max(buf.capacity() * 2, buf.position() + more + 4))
                .order(ByteOrder.nativeOrder());
        bigger.put(buf.array(), 0, buf.position());
        buf = bigger;
    }
}
