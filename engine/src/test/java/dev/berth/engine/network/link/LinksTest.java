package dev.berth.engine.network.link;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.berth.engine.sys.Errno;
import dev.berth.engine.sys.MountTable;
import java.net.Inet4Address;
import java.net.InetAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Link operations on the real kernel, as root; every link is named {@code bt-XXXXX…} and deleted. */
class LinksTest {

    private String prefix;
    private Links links;
    private Path dir;
    private NetworkNamespaces namespaces;

    @BeforeEach
    void setUp() throws Exception {
        LinkTestSupport.assumeRootWithLinks();
        prefix = LinkTestSupport.uniquePrefix();
        links = Links.open();
        dir = Files.createTempDirectory("berth-links-test").resolve("netns");
        namespaces = new NetworkNamespaces(dir);
    }

    @AfterEach
    void cleanUp() throws Exception {
        if (links == null) return;
        for (String name : LinkTestSupport.linksStartingWith(prefix)) links.deleteIfExists(name);
        links.close();
        for (String n : namespaces.list()) namespaces.delete(n);
        namespaces.releaseDirectory();
        LinkTestSupport.assertNoLinks(prefix);
        assertEquals(List.of(), MountTable.mountsUnder(dir.getParent()), "mounts left behind");
        LinkTestSupport.deleteTree(dir.getParent());
    }

    @Test
    void bridgeGetsItsMtuMacAndComesUp() throws Exception {
        String bridge = prefix + "-br";

        links.createBridge(bridge, 1400);
        links.setMac(bridge, "02:42:0a:fa:09:01");
        links.setUp(bridge);

        LinkInfo info = links.find(bridge).orElseThrow();
        assertEquals("bridge", info.kind());
        assertEquals(1400, info.mtu());
        assertEquals("02:42:0a:fa:09:01", info.mac());
        assertTrue(info.up());
        assertEquals(info.index(), links.indexOf(bridge).orElseThrow());
        assertTrue(links.list().contains(info), "list() shows the bridge as find() does");

        links.setMtu(bridge, 1300);
        assertEquals(1300, links.find(bridge).orElseThrow().mtu());
    }

    @Test
    void creatingALinkTwiceFailsWithEexistNamingIt() throws Exception {
        String bridge = prefix + "-br";
        links.createBridge(bridge, 1500);

        NetlinkException e = assertThrows(NetlinkException.class, () -> links.createBridge(bridge, 1500));

        assertEquals(Errno.EEXIST, e.errno());
        assertEquals("create bridge", e.operation());
        assertTrue(e.getMessage().startsWith("create bridge " + bridge + ": EEXIST"), e.getMessage());
        assertTrue(e.getMessage().contains("already exists"), e.getMessage());
    }

    @Test
    void operationsOnAMissingLinkFailWithEnodevNamingIt() throws Exception {
        String missing = prefix + "-none";

        NetlinkException up = assertThrows(NetlinkException.class, () -> links.setUp(missing));
        NetlinkException del = assertThrows(NetlinkException.class, () -> links.delete(missing));
        NetlinkException addr = assertThrows(NetlinkException.class,
                () -> links.addAddress(missing, ipv4("10.250.9.2"), 24));

        assertEquals(Errno.ENODEV, up.errno());
        assertTrue(up.getMessage().contains("set up " + missing + ": ENODEV"), up.getMessage());
        assertTrue(del.getMessage().contains("delete link " + missing), del.getMessage());
        assertTrue(addr.getMessage().contains("10.250.9.2/24 on " + missing), addr.getMessage());
        assertTrue(links.find(missing).isEmpty());
        assertTrue(links.indexOf(missing).isEmpty());
        assertFalse(links.deleteIfExists(missing));
    }

    @Test
    void vethPeerIsCreatedInsideTheNamespaceAndRenamedThere() throws Exception {
        Path ns = namespaces.create(prefix + "-ns");
        String bridge = prefix + "-br";
        String host = prefix + "-h";
        String peer = prefix + "-p";
        links.createBridge(bridge, 1450);

        links.createVethPair(host, peer, 1450, ns);
        links.setMaster(host, bridge);
        links.setUp(host);

        LinkInfo hostEnd = links.find(host).orElseThrow();
        assertEquals("veth", hostEnd.kind());
        assertEquals(1450, hostEnd.mtu());
        assertEquals(links.indexOf(bridge).orElseThrow(), hostEnd.masterIndex());
        assertTrue(links.find(peer).isEmpty(), "the peer is not in the host's namespace");
        LinkInfo eth0 = NetNs.run(ns, () -> {
            try (Links inside = Links.open()) {
                inside.rename(peer, "eth0");
                inside.setMac("eth0", "02:42:0a:fa:09:02");
                inside.addAddress("eth0", ipv4("10.250.9.2"), 24);
                inside.setUp("eth0");
                assertEquals(List.of("10.250.9.2/24"), inside.ipv4Addresses("eth0"));
                assertTrue(inside.find(peer).isEmpty(), "renamed");
                return inside.find("eth0").orElseThrow();
            }
        });
        assertEquals("veth", eth0.kind());
        assertEquals(1450, eth0.mtu());
        assertEquals("02:42:0a:fa:09:02", eth0.mac());

        links.delete(host);
        assertTrue(links.find(host).isEmpty());
        List<String> left = NetNs.run(ns, () -> {
            try (Links inside = Links.open()) {
                return inside.list().stream().map(LinkInfo::name).toList();
            }
        });
        assertEquals(List.of("lo"), left, "deleting the host end deletes the peer too");
        links.delete(bridge);
        LinkTestSupport.assertNoLinks(prefix);
    }

    @Test
    void aMissingNamespaceFileIsNamedInTheError() {
        Path nowhere = dir.resolve("no-such-ns");
        NetlinkException e = assertThrows(NetlinkException.class,
                () -> links.createVethPair(prefix + "-h", prefix + "-p", 1500, nowhere));
        assertEquals(Errno.ENOENT, e.errno());
        assertTrue(e.getMessage().contains(nowhere.toString()), e.getMessage());
    }

    static Inet4Address ipv4(String address) throws java.net.UnknownHostException {
        return (Inet4Address) InetAddress.getByName(address);
    }
}
