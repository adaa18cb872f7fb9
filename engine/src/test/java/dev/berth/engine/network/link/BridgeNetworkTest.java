package dev.berth.engine.network.link;

import static dev.berth.engine.network.link.LinksTest.ipv4;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.berth.engine.sys.MountTable;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * A bridge network as berth will build one, end to end on the real kernel: two namespaces, a
 * bridge with the gateway address, a veth pair for each (the peer created in the namespace, renamed
 * eth0, MAC, address, default route), then ping from one to the other. Only 10.250.7.0/24 is used;
 * everything is deleted and checked gone.
 */
class BridgeNetworkTest {

    private static final String SUBNET = "10.250.7.";

    private String prefix;
    private Links links;
    private Path dir;
    private NetworkNamespaces namespaces;

    @BeforeEach
    void setUp() throws Exception {
        LinkTestSupport.assumeRootWithLinks();
        Assumptions.assumeTrue(Files.isExecutable(LinkTestSupport.BUSYBOX), "skipped: no /usr/bin/busybox (ping)");
        prefix = LinkTestSupport.uniquePrefix();
        links = Links.open();
        dir = Files.createTempDirectory("berth-bridge-test").resolve("netns");
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
    void twoNamespacesOnABridgeReachEachOtherAndTheGateway() throws Exception {
        String bridge = prefix + "-br";
        links.createBridge(bridge, 1500);
        links.setMac(bridge, "02:42:0a:fa:07:01");
        links.addAddress(bridge, ipv4(SUBNET + "1"), 24);
        links.setUp(bridge);
        Path a = attach(bridge, "a", 2);
        Path b = attach(bridge, "b", 3);

        LinkTestSupport.Result viaThread = NetNs.run(a, () -> ping(List.of(), SUBNET + "3"));
        LinkTestSupport.Result viaNsenter = ping(List.of(LinkTestSupport.NSENTER.toString(), "--net=" + a), SUBNET + "3");
        LinkTestSupport.Result gateway = NetNs.run(b, () -> ping(List.of(), SUBNET + "1"));
        LinkTestSupport.Result nobody = NetNs.run(a, () -> ping(List.of(), SUBNET + "99"));

        assertEquals(0, viaThread.exitCode(), "ping B from A (process started in NetNs.run):\n" + viaThread.output());
        assertEquals(0, viaNsenter.exitCode(), "ping B from A (nsenter --net):\n" + viaNsenter.output());
        assertEquals(0, gateway.exitCode(), "ping the bridge from B:\n" + gateway.output());
        assertNotEquals(0, nobody.exitCode(), "no one has " + SUBNET + "99, the ping must fail:\n" + nobody.output());

        // what the containers see: eth0 with its MAC and address, default route via the bridge
        String routes = NetNs.run(a, () -> LinkTestSupport.run(
                List.of(LinkTestSupport.BUSYBOX.toString(), "ip", "route"))).output();
        assertTrue(routes.contains("default via " + SUBNET + "1 dev eth0"), routes);
        int bridgeIndex = links.indexOf(bridge).orElseThrow();
        List<LinkInfo> bridged = links.list().stream().filter(l -> l.masterIndex() == bridgeIndex).toList();
        assertEquals(List.of(prefix + "-a", prefix + "-b"), bridged.stream().map(LinkInfo::name).sorted().toList());

        links.delete(prefix + "-a");
        links.delete(prefix + "-b");
        links.delete(bridge);
        namespaces.delete(prefix + "-a");
        namespaces.delete(prefix + "-b");
        LinkTestSupport.assertNoLinks(prefix);
        assertEquals(List.of(), namespaces.list());
    }

    /** A namespace {@code prefix-NAME} joined to the bridge at {@code 10.250.7.HOST}; its file. */
    private Path attach(String bridge, String name, int host) throws Exception {
        Path ns = namespaces.create(prefix + "-" + name);
        String hostEnd = prefix + "-" + name;
        String peer = prefix + "-p" + name;
        links.createVethPair(hostEnd, peer, 1500, ns);
        links.setMaster(hostEnd, bridge);
        links.setUp(hostEnd);
        String mac = String.format("02:42:0a:fa:07:%02x", host);
        LinkInfo eth0 = NetNs.run(ns, () -> {
            try (Links inside = Links.open()) {
                inside.rename(peer, "eth0");
                inside.setMac("eth0", mac);
                inside.addAddress("eth0", ipv4(SUBNET + host), 24);
                inside.setUp("eth0");
                inside.addDefaultRoute(ipv4(SUBNET + "1"));
                return inside.find("eth0").orElseThrow();
            }
        });
        assertEquals(mac, eth0.mac());
        assertEquals(1500, eth0.mtu());
        return ns;
    }

    private static LinkTestSupport.Result ping(List<String> wrapper, String address)
            throws java.io.IOException, InterruptedException {
        List<String> command = new java.util.ArrayList<>(wrapper);
        command.addAll(List.of(LinkTestSupport.BUSYBOX.toString(), "ping", "-c", "1", "-W", "1", address));
        return LinkTestSupport.run(command);
    }
}
