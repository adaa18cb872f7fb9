package dev.berth.engine.network.link;

import dev.berth.engine.sys.Errno;
import dev.berth.engine.sys.SyscallException;
import java.net.Inet4Address;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * The network interface operations berth's bridge networks need (as {@code ip link}, {@code ip
 * addr}, {@code ip route} do), over one rtnetlink socket. They act on the network namespace the
 * socket was opened in: {@link #open()} on the calling thread's; to work inside a container's
 * namespace, open it inside {@link NetNs#run}.
 *
 * <p>Interfaces are named, as the kernel allows, with at most 15 bytes. Every refusal is a
 * {@link NetlinkException} naming the operation and the interface ("create bridge bt-br0: EEXIST…").
 * Not thread-safe.
 */
public final class Links implements AutoCloseable {

    /** The kernel's IFNAMSIZ minus the terminating NUL. */
    public static final int MAX_NAME_LENGTH = 15;

    private static final HexFormat MAC = HexFormat.ofDelimiter(":");

    private final NetlinkSocket socket;

    private Links(NetlinkSocket socket) {
        this.socket = socket;
    }

    /** Operations on the calling thread's network namespace. */
    public static Links open() throws SyscallException {
        return new Links(NetlinkSocket.open());
    }

    /** Creates a bridge (down; {@link #setUp} it) with the given MTU. */
    public void createBridge(String name, int mtu) throws NetlinkException {
        checkName(name);
        NetlinkMessage m = NetlinkMessage.request(Rtnl.RTM_NEWLINK, Rtnl.NLM_F_CREATE | Rtnl.NLM_F_EXCL)
                .ifinfomsg(Rtnl.AF_UNSPEC, 0, 0, 0)
                .attr(Rtnl.IFLA_IFNAME, name)
                .attrU32(Rtnl.IFLA_MTU, mtu)
                .beginNested(Rtnl.IFLA_LINKINFO).attr(Rtnl.IFLA_INFO_KIND, "bridge").endNested();
        socket.execute(m, "create bridge", name);
    }

    /**
     * Creates a veth pair: {@code hostName} here, {@code peerName} created straight inside the network
     * namespace {@code peerNetns} (a file such as {@code /run/berth/netns/NAME} or {@code
     * /proc/PID/ns/net}), both with {@code mtu}, both down. The peer's name only has to be free in
     * that namespace; rename it to {@code eth0} there with {@link #rename}.
     */
    public void createVethPair(String hostName, String peerName, int mtu, Path peerNetns) throws NetlinkException {
        checkName(hostName);
        checkName(peerName);
        int nsFd;
        try {
            nsFd = Native.openReadOnly(peerNetns);
        } catch (SyscallException e) {
            throw new NetlinkException("create veth", hostName + " (opening network namespace " + peerNetns + ")",
                    e.errno(), "");
        }
        try {
            socket.execute(vethRequest(hostName, peerName, mtu, nsFd), "create veth",
                    hostName + " (peer " + peerName + " in " + peerNetns + ")");
        } finally {
            Native.close(nsFd);
        }
    }

    /** Creates a veth pair with both ends in this namespace. */
    public void createVethPair(String hostName, String peerName, int mtu) throws NetlinkException {
        checkName(hostName);
        checkName(peerName);
        socket.execute(vethRequest(hostName, peerName, mtu, -1), "create veth", hostName + " (peer " + peerName + ")");
    }

    private static NetlinkMessage vethRequest(String hostName, String peerName, int mtu, int peerNsFd) {
        NetlinkMessage m = NetlinkMessage.request(Rtnl.RTM_NEWLINK, Rtnl.NLM_F_CREATE | Rtnl.NLM_F_EXCL)
                .ifinfomsg(Rtnl.AF_UNSPEC, 0, 0, 0)
                .attr(Rtnl.IFLA_IFNAME, hostName)
                .attrU32(Rtnl.IFLA_MTU, mtu)
                .beginNested(Rtnl.IFLA_LINKINFO)
                .attr(Rtnl.IFLA_INFO_KIND, "veth")
                .beginNested(Rtnl.IFLA_INFO_DATA)
                // the peer: its own ifinfomsg, then its attributes (drivers/net/veth.c veth_newlink)
                .beginNested(Rtnl.VETH_INFO_PEER)
                .ifinfomsg(Rtnl.AF_UNSPEC, 0, 0, 0)
                .attr(Rtnl.IFLA_IFNAME, peerName)
                .attrU32(Rtnl.IFLA_MTU, mtu);
        if (peerNsFd >= 0) m.attrU32(Rtnl.IFLA_NET_NS_FD, peerNsFd);
        return m.endNested().endNested().endNested();
    }

    /** Brings the interface up ({@code ip link set NAME up}). */
    public void setUp(String name) throws NetlinkException {
        change(name, "set up", m -> m.ifinfomsg(Rtnl.AF_UNSPEC, 0, Rtnl.IFF_UP, Rtnl.IFF_UP).attr(Rtnl.IFLA_IFNAME, name));
    }

    /** Attaches the interface to a bridge ({@code ip link set NAME master BRIDGE}). */
    public void setMaster(String name, String bridge) throws NetlinkException {
        int bridgeIndex = indexOf(bridge).orElseThrow(
                () -> new NetlinkException("attach " + name + " to bridge", bridge, Errno.ENODEV, ""));
        change(name, "attach to bridge " + bridge,
                m -> m.ifinfomsg(Rtnl.AF_UNSPEC, 0, 0, 0).attr(Rtnl.IFLA_IFNAME, name)
                        .attrU32(Rtnl.IFLA_MASTER, bridgeIndex));
    }

    /** Sets the MAC address, {@code "02:42:0a:fa:01:02"}. */
    public void setMac(String name, String mac) throws NetlinkException {
        byte[] address = parseMac(mac);
        change(name, "set MAC " + mac + " on",
                m -> m.ifinfomsg(Rtnl.AF_UNSPEC, 0, 0, 0).attr(Rtnl.IFLA_IFNAME, name).attr(Rtnl.IFLA_ADDRESS, address));
    }

    public void setMtu(String name, int mtu) throws NetlinkException {
        change(name, "set MTU " + mtu + " on",
                m -> m.ifinfomsg(Rtnl.AF_UNSPEC, 0, 0, 0).attr(Rtnl.IFLA_IFNAME, name).attrU32(Rtnl.IFLA_MTU, mtu));
    }

    /**
     * Renames a link: the container end {@code bt-…} becomes {@code eth0}. Kernels before 6.x refuse
     * (EBUSY) to rename a link that is up: rename a fresh veth peer before {@link #setUp}.
     */
    public void rename(String name, String newName) throws NetlinkException {
        checkName(newName);
        int index = indexOf(name).orElseThrow(() -> new NetlinkException("rename to " + newName, name, Errno.ENODEV, ""));
        change(name, "rename to " + newName + ":",
                m -> m.ifinfomsg(Rtnl.AF_UNSPEC, index, 0, 0).attr(Rtnl.IFLA_IFNAME, newName));
    }

    /**
     * Adds an IPv4 address with its prefix length ({@code ip addr add 10.250.1.2/24 brd + dev NAME}):
     * the broadcast address is the subnet's last one (none for /31 and /32).
     */
    public void addAddress(String name, Inet4Address address, int prefixLength) throws NetlinkException {
        if (prefixLength < 0 || prefixLength > 32) {
            throw new IllegalArgumentException("IPv4 prefix length " + prefixLength + " is not within 0..32");
        }
        String subject = address.getHostAddress() + "/" + prefixLength + " on " + name;
        int index = indexOf(name).orElseThrow(() -> new NetlinkException("add address", subject, Errno.ENODEV, ""));
        byte[] local = address.getAddress();
        NetlinkMessage m = NetlinkMessage.request(Rtnl.RTM_NEWADDR, Rtnl.NLM_F_CREATE | Rtnl.NLM_F_EXCL)
                .ifaddrmsg(Rtnl.AF_INET, prefixLength, 0, Rtnl.RT_SCOPE_UNIVERSE, index)
                .attr(Rtnl.IFA_LOCAL, local)
                .attr(Rtnl.IFA_ADDRESS, local);
        if (prefixLength < 31) m.attr(Rtnl.IFA_BROADCAST, broadcast(local, prefixLength));
        socket.execute(m, "add address", subject);
    }

    /** Adds the default route via {@code gateway} ({@code ip route add default via GATEWAY}) to the main table. */
    public void addDefaultRoute(Inet4Address gateway) throws NetlinkException {
        NetlinkMessage m = NetlinkMessage.request(Rtnl.RTM_NEWROUTE, Rtnl.NLM_F_CREATE | Rtnl.NLM_F_EXCL)
                .rtmsg(Rtnl.AF_INET, 0, Rtnl.RT_TABLE_MAIN, Rtnl.RTPROT_BOOT, Rtnl.RT_SCOPE_UNIVERSE, Rtnl.RTN_UNICAST)
                .attr(Rtnl.RTA_GATEWAY, gateway.getAddress());
        socket.execute(m, "add default route", "via " + gateway.getHostAddress());
    }

    /** Deletes a link; deleting one end of a veth pair deletes both. */
    public void delete(String name) throws NetlinkException {
        checkName(name);
        NetlinkMessage m = NetlinkMessage.request(Rtnl.RTM_DELLINK, 0)
                .ifinfomsg(Rtnl.AF_UNSPEC, 0, 0, 0).attr(Rtnl.IFLA_IFNAME, name);
        socket.execute(m, "delete link", name);
    }

    /** Deletes a link if there is one by that name; whether there was. */
    public boolean deleteIfExists(String name) throws NetlinkException {
        try {
            delete(name);
            return true;
        } catch (NetlinkException e) {
            if (e.errno() == Errno.ENODEV) return false;
            throw e;
        }
    }

    /** The link's index, or empty when there is no link by that name here. */
    public OptionalInt indexOf(String name) throws NetlinkException {
        return find(name).map(l -> OptionalInt.of(l.index())).orElse(OptionalInt.empty());
    }

    /** The link by that name, or empty. */
    public Optional<LinkInfo> find(String name) throws NetlinkException {
        checkName(name);
        NetlinkMessage m = NetlinkMessage.request(Rtnl.RTM_GETLINK, 0)
                .ifinfomsg(Rtnl.AF_UNSPEC, 0, 0, 0).attr(Rtnl.IFLA_IFNAME, name);
        try {
            return Optional.of(linkInfo(socket.query(m, "look up link", name)));
        } catch (NetlinkException e) {
            if (e.errno() == Errno.ENODEV) return Optional.empty();
            throw e;
        }
    }

    /** Every link in this namespace. */
    public List<LinkInfo> list() throws NetlinkException {
        NetlinkMessage m = NetlinkMessage.request(Rtnl.RTM_GETLINK, 0).ifinfomsg(Rtnl.AF_UNSPEC, 0, 0, 0);
        List<LinkInfo> out = new ArrayList<>();
        for (ByteBuffer reply : socket.dump(m, "list links", "(all)")) {
            if (Short.toUnsignedInt(reply.getShort(4)) == Rtnl.RTM_NEWLINK) out.add(linkInfo(reply));
        }
        return out;
    }

    /** The IPv4 addresses on a link, as {@code "10.250.1.2/24"}. */
    public List<String> ipv4Addresses(String name) throws NetlinkException {
        int index = indexOf(name).orElseThrow(() -> new NetlinkException("list addresses of", name, Errno.ENODEV, ""));
        NetlinkMessage m = NetlinkMessage.request(Rtnl.RTM_GETADDR, 0).ifaddrmsg(Rtnl.AF_INET, 0, 0, 0, 0);
        List<String> out = new ArrayList<>();
        for (ByteBuffer reply : socket.dump(m, "list addresses of", name)) {
            int at = NetlinkMessage.HEADER_LENGTH;
            if (reply.getInt(at + 4) != index || Byte.toUnsignedInt(reply.get(at)) != Rtnl.AF_INET) continue;
            int prefix = Byte.toUnsignedInt(reply.get(at + 1));
            NetlinkAttributes a = NetlinkAttributes.parse(reply, at + 8, reply.limit());
            a.bytes(Rtnl.IFA_LOCAL).or(() -> a.bytes(Rtnl.IFA_ADDRESS)).ifPresent(ip -> out.add(
                    (ip[0] & 0xff) + "." + (ip[1] & 0xff) + "." + (ip[2] & 0xff) + "." + (ip[3] & 0xff) + "/" + prefix));
        }
        return out;
    }

    @Override
    public void close() {
        socket.close();
    }

    @FunctionalInterface
    private interface Body {
        void fill(NetlinkMessage m);
    }

    /** An RTM_NEWLINK without NLM_F_CREATE: changes an existing link, ENODEV when there is none. */
    private void change(String name, String operation, Body body) throws NetlinkException {
        checkName(name);
        NetlinkMessage m = NetlinkMessage.request(Rtnl.RTM_NEWLINK, 0);
        body.fill(m);
        socket.execute(m, operation, name);
    }

    private static LinkInfo linkInfo(ByteBuffer reply) {
        int at = NetlinkMessage.HEADER_LENGTH;
        int index = reply.getInt(at + 4);
        int flags = reply.getInt(at + 8);
        NetlinkAttributes a = NetlinkAttributes.parse(reply, at + 16, reply.limit());
        String kind = a.nested(Rtnl.IFLA_LINKINFO).flatMap(i -> i.string(Rtnl.IFLA_INFO_KIND)).orElse("");
        String mac = a.bytes(Rtnl.IFLA_ADDRESS).filter(b -> b.length == 6).map(MAC::formatHex).orElse("");
        return new LinkInfo(index, a.string(Rtnl.IFLA_IFNAME).orElse(""), kind, a.u32(Rtnl.IFLA_MTU).orElse(0), mac,
                (flags & Rtnl.IFF_UP) != 0, a.u32(Rtnl.IFLA_MASTER).orElse(0));
    }

    static byte[] broadcast(byte[] address, int prefixLength) {
        int ip = ByteBuffer.wrap(address).getInt();
        int hostMask = prefixLength == 0 ? -1 : (int) ((1L << (32 - prefixLength)) - 1);
        return ByteBuffer.allocate(4).putInt(ip | hostMask).array();
    }

    static byte[] parseMac(String mac) {
        try {
            byte[] b = MAC.parseHex(mac);
            if (b.length == 6) return b;
        } catch (IllegalArgumentException e) {
            // fall through to the message below
        }
        throw new IllegalArgumentException("not a MAC address: '" + mac + "' (expected six hex bytes, 02:42:0a:fa:01:02)");
    }

    static void checkName(String name) {
        int bytes = name.getBytes(StandardCharsets.UTF_8).length;
        if (bytes == 0 || bytes > MAX_NAME_LENGTH || name.equals(".") || name.equals("..")
                || name.chars().anyMatch(c -> c == '/' || c == ':' || Character.isWhitespace(c))) {
            throw new IllegalArgumentException("not a valid network interface name: '" + name
                    + "' (1 to " + MAX_NAME_LENGTH + " bytes, no '/', ':' or spaces)");
        }
    }
}
