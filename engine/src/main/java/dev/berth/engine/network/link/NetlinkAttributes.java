package dev.berth.engine.network.link;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/** The attributes of one received message (or of one nested attribute), by type; the last of a type wins. */
final class NetlinkAttributes {

    private final Map<Integer, ByteBuffer> values = new HashMap<>();

    /** Parses type-length-value attributes in {@code buf} from {@code start} to {@code end}. */
    static NetlinkAttributes parse(ByteBuffer buf, int start, int end) {
        NetlinkAttributes a = new NetlinkAttributes();
        int at = start;
        while (at + 4 <= end) {
            int length = Short.toUnsignedInt(buf.getShort(at));
            int type = Short.toUnsignedInt(buf.getShort(at + 2)) & ~NetlinkMessage.NLA_F_NESTED & 0x7fff;
            if (length < 4 || at + length > end) break;
            a.values.put(type, buf.slice(at + 4, length - 4).order(ByteOrder.nativeOrder()));
            at += NetlinkMessage.align(length);
        }
        return a;
    }

    Optional<ByteBuffer> get(int type) {
        return Optional.ofNullable(values.get(type)).map(b -> b.duplicate().order(ByteOrder.nativeOrder()));
    }

    Optional<String> string(int type) {
        return get(type).map(b -> {
            byte[] bytes = new byte[b.remaining()];
            b.get(bytes);
            int n = 0;
            while (n < bytes.length && bytes[n] != 0) n++;
            return new String(bytes, 0, n, StandardCharsets.UTF_8);
        });
    }

    Optional<Integer> u32(int type) {
        return get(type).filter(b -> b.remaining() >= 4).map(b -> b.getInt(0));
    }

    Optional<byte[]> bytes(int type) {
        return get(type).map(b -> {
            byte[] out = new byte[b.remaining()];
            b.get(out);
            return out;
        });
    }

    Optional<NetlinkAttributes> nested(int type) {
        return get(type).map(b -> parse(b, 0, b.limit()));
    }
}
