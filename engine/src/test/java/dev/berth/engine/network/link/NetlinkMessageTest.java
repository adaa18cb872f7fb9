package dev.berth.engine.network.link;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import org.junit.jupiter.api.Test;

/** The wire format the builder writes and the parser reads, without a kernel. */
class NetlinkMessageTest {

    @Test
    void headerCarriesLengthTypeFlagsAndSequence() {
        byte[] b = NetlinkMessage.request(Rtnl.RTM_NEWLINK, Rtnl.NLM_F_CREATE)
                .ifinfomsg(Rtnl.AF_UNSPEC, 7, Rtnl.IFF_UP, Rtnl.IFF_UP).bytes(42);
        ByteBuffer m = ByteBuffer.wrap(b).order(ByteOrder.nativeOrder());
        assertEquals(32, b.length);
        assertEquals(32, m.getInt(0));
        assertEquals(Rtnl.RTM_NEWLINK, m.getShort(4));
        assertEquals(Rtnl.NLM_F_CREATE | Rtnl.NLM_F_REQUEST, m.getShort(6));
        assertEquals(42, m.getInt(8));
        assertEquals(7, m.getInt(20)); // ifi_index
        assertEquals(Rtnl.IFF_UP, m.getInt(24)); // ifi_flags
        assertEquals(Rtnl.IFF_UP, m.getInt(28)); // ifi_change
    }

    @Test
    void stringAttributesAreNulTerminatedAndPaddedToFourBytes() {
        byte[] b = NetlinkMessage.request(Rtnl.RTM_GETLINK, 0).attr(Rtnl.IFLA_IFNAME, "eth0").bytes(1);
        ByteBuffer m = ByteBuffer.wrap(b).order(ByteOrder.nativeOrder());
        // 16 header + (4 + "eth0\0" = 9, padded to 12)
        assertEquals(28, b.length);
        assertEquals(9, m.getShort(16));
        assertEquals(Rtnl.IFLA_IFNAME, m.getShort(18));
        assertEquals('0', b[23]);
        assertEquals(0, b[24]);
        assertEquals(0, b[27]);
    }

    @Test
    void nestedAttributesCountEverythingInsideAndParseBack() {
        NetlinkMessage msg = NetlinkMessage.request(Rtnl.RTM_NEWLINK, 0)
                .ifinfomsg(0, 0, 0, 0)
                .attr(Rtnl.IFLA_IFNAME, "bt-a")
                .beginNested(Rtnl.IFLA_LINKINFO)
                .attr(Rtnl.IFLA_INFO_KIND, "veth")
                .beginNested(Rtnl.IFLA_INFO_DATA)
                .beginNested(Rtnl.VETH_INFO_PEER).ifinfomsg(0, 0, 0, 0).attr(Rtnl.IFLA_IFNAME, "bt-b").attrU32(Rtnl.IFLA_MTU, 1400)
                .endNested().endNested().endNested();
        byte[] b = msg.bytes(1);
        ByteBuffer m = ByteBuffer.wrap(b).order(ByteOrder.nativeOrder());
        assertEquals(b.length, m.getInt(0));

        NetlinkAttributes top = NetlinkAttributes.parse(m, 32, b.length);
        assertEquals("bt-a", top.string(Rtnl.IFLA_IFNAME).orElseThrow());
        NetlinkAttributes info = top.nested(Rtnl.IFLA_LINKINFO).orElseThrow();
        assertEquals("veth", info.string(Rtnl.IFLA_INFO_KIND).orElseThrow());
        ByteBuffer peer = info.nested(Rtnl.IFLA_INFO_DATA).orElseThrow().get(Rtnl.VETH_INFO_PEER).orElseThrow();
        // the peer's attributes follow its own 16-byte ifinfomsg
        NetlinkAttributes peerAttrs = NetlinkAttributes.parse(peer, 16, peer.limit());
        assertEquals("bt-b", peerAttrs.string(Rtnl.IFLA_IFNAME).orElseThrow());
        assertEquals(1400, peerAttrs.u32(Rtnl.IFLA_MTU).orElseThrow());
        // the nested flag is set on the wire, as the kernel's strict parsers want
        int linkinfoAt = 32 + 12; // after IFLA_IFNAME "bt-a\0" (4 + 5, padded to 12)
        assertEquals(Rtnl.IFLA_LINKINFO | NetlinkMessage.NLA_F_NESTED, Short.toUnsignedInt(m.getShort(linkinfoAt + 2)));
    }

    @Test
    void unbalancedNestsAreRefused() {
        NetlinkMessage msg = NetlinkMessage.request(Rtnl.RTM_NEWLINK, 0).beginNested(Rtnl.IFLA_LINKINFO);
        assertThrows(IllegalStateException.class, () -> msg.bytes(1));
        assertThrows(IllegalStateException.class, () -> NetlinkMessage.request(Rtnl.RTM_NEWLINK, 0).endNested());
    }

    @Test
    void messagesLongerThanTheFirstBufferGrow() {
        NetlinkMessage msg = NetlinkMessage.request(Rtnl.RTM_NEWLINK, 0);
        for (int i = 0; i < 100; i++) msg.attrU32(Rtnl.IFLA_MTU, i);
        assertEquals(16 + 100 * 8, msg.bytes(1).length);
    }

    @Test
    void broadcastIsTheSubnetsLastAddress() {
        assertArrayEquals(new byte[] {10, (byte) 250, 7, (byte) 255}, Links.broadcast(new byte[] {10, (byte) 250, 7, 2}, 24));
        assertArrayEquals(new byte[] {10, (byte) 255, (byte) 255, (byte) 255}, Links.broadcast(new byte[] {10, 1, 2, 3}, 8));
        assertArrayEquals(new byte[] {(byte) 255, (byte) 255, (byte) 255, (byte) 255}, Links.broadcast(new byte[] {10, 1, 2, 3}, 0));
    }

    @Test
    void namesAndMacAddressesAreChecked() {
        Links.checkName("eth0");
        Links.checkName("bt-123456789012");
        var tooLong = assertThrows(IllegalArgumentException.class, () -> Links.checkName("bt-1234567890123"));
        assertEquals(true, tooLong.getMessage().contains("bt-1234567890123"));
        assertThrows(IllegalArgumentException.class, () -> Links.checkName("a/b"));
        assertThrows(IllegalArgumentException.class, () -> Links.checkName(""));
        assertArrayEquals(new byte[] {2, 0x42, 10, (byte) 250, 1, 2}, Links.parseMac("02:42:0a:fa:01:02"));
        assertThrows(IllegalArgumentException.class, () -> Links.parseMac("02:42:0a:fa:01"));
        assertThrows(IllegalArgumentException.class, () -> Links.parseMac("zz:42:0a:fa:01:02"));
        assertThrows(IllegalArgumentException.class, () -> NetworkNamespaces.checkName("../x"));
    }
}
