package dev.berth.engine.network.firewall;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.berth.engine.network.ports.PortMapping;
import dev.berth.engine.network.ports.PortProxy;
import dev.berth.engine.network.ports.Protocol;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.ConnectException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The rules on the real kernel, proved with traffic between namespaces this test makes: two "container" namespaces on
 * two bridges, and an "outside" namespace behind a plain veth (a non-bridge interface, as eth0 would be).
 */
class NftablesFirewallTest {

    private static final String TABLE = "berth-test";
    private static final FirewallNetwork A = new FirewallNetwork("bt-a", "bt-bra", "10.251.1.0/24", false);
    private static final FirewallNetwork B = new FirewallNetwork("bt-b", "bt-brb", "10.251.2.0/24", false);

    private Sandbox sandbox;
    private NftablesFirewall firewall;

    @TempDir
    Path tmp;

    @BeforeEach
    void topology() {
        assumeTrue(Sandbox.usable(), "needs root, ip, busybox and nft (apt-get install nftables)");
        sandbox = new Sandbox();
        firewall = new NftablesFirewall(NftCommand.locate(), TABLE, true);
        firewall.removeTable();
        sandbox.bridge("bt-bra", "10.251.1.1/24");
        sandbox.bridge("bt-brb", "10.251.2.1/24");
        sandbox.namespace("bt-nsa", "bt-va", "bt-bra", "10.251.1.2/24", "10.251.1.1");
        sandbox.namespace("bt-nsb", "bt-vb", "bt-brb", "10.251.2.2/24", "10.251.2.1");
        // the outside: reachable through a non-bridge interface; it routes 10.251/16 back, so without masquerade
        // it would see (and answer) the containers' own addresses
        sandbox.namespace("bt-nsout", "bt-vout", null, "10.251.9.2/24", null);
        sandbox.address("bt-vout", "10.251.9.1/24");
        try {
            assertTrue(Sandbox.run("bt-nsout", "ip", "route", "add", "10.251.0.0/16", "via", "10.251.9.1").ok());
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    @AfterEach
    void removeEverything() throws Exception {
        if (sandbox == null) return;
        firewall.removeTable();
        sandbox.close();
        assertEquals(List.of(), sandbox.leftovers());
        assertFalse(firewall.tableExists(), "table ip " + TABLE + " left behind");
    }

    @Test
    void isolationAndMasquerade() throws Exception {
        sandbox.httpd("bt-nsout", "10.251.9.2", 8080, tmp.resolve("out"));
        // without berth's rules the host routes between the bridges and the outside sees container addresses
        assertTrue(Sandbox.ping("bt-nsa", "10.251.2.2"), "A reaches B before any rule: the test could not see a drop");
        assertEquals("10.251.1.2", Sandbox.get("bt-nsa", "http://10.251.9.2:8080/cgi-bin/ip"));

        firewall.addNetwork(A);
        firewall.addNetwork(B);

        assertFalse(Sandbox.ping("bt-nsa", "10.251.2.2"), "A must not reach B");
        assertFalse(Sandbox.ping("bt-nsb", "10.251.1.2"), "B must not reach A");
        assertNull(Sandbox.get("bt-nsa", "http://10.251.2.2:80/"), "no TCP from A to B either");
        assertTrue(Sandbox.ping("bt-nsa", "10.251.1.1"), "the gateway (the host) stays reachable");
        assertEquals("10.251.9.1", Sandbox.get("bt-nsa", "http://10.251.9.2:8080/cgi-bin/ip"), "masqueraded to the outgoing interface");
        assertEquals("10.251.9.1", Sandbox.get("bt-nsb", "http://10.251.9.2:8080/cgi-bin/ip"));
        assertEquals("1", Files.readString(Path.of("/proc/sys/net/ipv4/conf/bt-bra/route_localnet")).strip());

        // the rules are findable by their comments, and listed per network
        String listing = Sandbox.run(null, "nft", "-j", "list", "table", "ip", TABLE).out();
        assertTrue(listing.contains("\"comment\": \"berth network=bt-a\""), listing);
        List<NftRule> rulesA = firewall.rulesOf("bt-a");
        assertEquals(8, rulesA.size(), rulesA.toString());
        assertTrue(rulesA.stream().anyMatch(r -> r.chain().equals("postrouting")));
        assertTrue(rulesA.stream().anyMatch(r -> r.chain().equals("into-bridges")));

        // adding a network again replaces its rules instead of doubling them
        firewall.addNetwork(A);
        assertEquals(8, firewall.rulesOf("bt-a").size());

        // removing B leaves A's rules alone: A still masquerades, B is free again
        firewall.removeNetwork("bt-b");
        assertEquals(List.of(), firewall.rulesOf("bt-b"));
        assertEquals(8, firewall.rulesOf("bt-a").size());
        assertEquals("10.251.2.2", Sandbox.get("bt-nsb", "http://10.251.9.2:8080/cgi-bin/ip"), "B's masquerade is gone");
        assertEquals("10.251.9.1", Sandbox.get("bt-nsa", "http://10.251.9.2:8080/cgi-bin/ip"));

        // the last network takes the table with it
        firewall.removeNetwork("bt-a");
        assertFalse(firewall.tableExists());
        assertTrue(Sandbox.ping("bt-nsa", "10.251.2.2"));
    }

    @Test
    void internalNetworksHaveNoWayOut() throws Exception {
        sandbox.httpd("bt-nsout", "10.251.9.2", 8080, tmp.resolve("out"));
        firewall.addNetwork(new FirewallNetwork("bt-a", "bt-bra", "10.251.1.0/24", true));
        firewall.addNetwork(B);
        assertNull(Sandbox.get("bt-nsa", "http://10.251.9.2:8080/cgi-bin/ip"), "an internal network must not reach the outside");
        assertFalse(Sandbox.ping("bt-nsa", "10.251.9.2"));
        assertFalse(Sandbox.ping("bt-nsout", "10.251.1.2"), "nor the outside it");
        assertEquals("10.251.9.1", Sandbox.get("bt-nsb", "http://10.251.9.2:8080/cgi-bin/ip"), "B (not internal) still goes out");
        assertEquals(5, firewall.rulesOf("bt-a").size(), "no masquerade, no established/dnat accepts for an internal network");
    }

    @Test
    void publishedPortsFromTheHostItsLoopbackAndOtherNetworks() throws Exception {
        sandbox.httpd("bt-nsb", "10.251.2.2", 80, tmp.resolve("b"));
        firewall.addNetwork(A);
        firewall.addNetwork(B);
        assertThrows(ConnectException.class, () -> http("127.0.0.1", 18080, "/index.html"), "nothing on 18080 before publishing");

        firewall.publish(new PublishedPort("c0ffee", B, Protocol.TCP, "127.0.0.1", 18080, "10.251.2.2", 80));
        firewall.publish(new PublishedPort("c0ffee", B, Protocol.TCP, "0.0.0.0", 18081, "10.251.2.2", 80));
        firewall.publish(new PublishedPort("c0ffee", B, Protocol.UDP, "0.0.0.0", 18053, "10.251.2.2", 53));

        // host loopback → container (route_localnet + masquerade: the container sees its gateway)
        assertEquals("hello from bt-nsb", http("127.0.0.1", 18080, "/index.html"));
        assertEquals("10.251.2.1", http("127.0.0.1", 18080, "/cgi-bin/ip"));
        // a wildcard port answers on every local address, the host's other addresses included
        assertEquals("hello from bt-nsb", http("10.251.1.1", 18081, "/index.html"));
        assertEquals("hello from bt-nsb", http("127.0.0.1", 18081, "/index.html"));
        // a 127.0.0.1 port is not on the other addresses
        assertThrows(IOException.class, () -> http("10.251.1.1", 18080, "/index.html"));
        // another network reaches the container through the published port, not directly
        assertEquals("hello from bt-nsb", Sandbox.get("bt-nsa", "http://10.251.1.1:18081/index.html"));
        assertNull(Sandbox.get("bt-nsa", "http://10.251.2.2:80/index.html"));
        // the outside world, through the host's address on the non-bridge interface
        assertEquals("hello from bt-nsb", Sandbox.get("bt-nsout", "http://10.251.9.1:18081/index.html"));
        assertNull(Sandbox.get("bt-nsout", "http://10.251.9.1:18080/index.html"), "a 127.0.0.1 port is not published outside");

        List<NftRule> ports = firewall.rulesOfContainer("c0ffee");
        assertEquals(3, ports.size(), ports.toString());
        assertTrue(ports.stream().allMatch(r -> r.chain().equals("ports")));
        assertEquals("udp/0.0.0.0:18053", ports.get(2).tag("port"));
        // republishing the same port replaces its rule
        firewall.publish(new PublishedPort("c0ffee", B, Protocol.TCP, "0.0.0.0", 18081, "10.251.2.2", 80));
        assertEquals(3, firewall.rulesOfContainer("c0ffee").size());

        firewall.unpublish("c0ffee");
        assertEquals(List.of(), firewall.rulesOfContainer("c0ffee"));
        assertEquals(8, firewall.rulesOf("bt-b").size(), "the network's own rules stay");
        assertThrows(ConnectException.class, () -> http("127.0.0.1", 18080, "/index.html"));
        assertNull(Sandbox.get("bt-nsa", "http://10.251.1.1:18081/index.html"));
    }

    @Test
    void aContainerOnItsOwnBridgeIsNotDnated() throws Exception {
        // Docker's "! -i BR": hairpin connections are the port proxy's, so the rule must not catch them
        firewall.addNetwork(B);
        firewall.publish(new PublishedPort("c1", B, Protocol.TCP, "0.0.0.0", 18082, "10.251.2.2", 80));
        String text = Sandbox.run(null, "nft", "list", "chain", "ip", TABLE, "ports").out();
        assertTrue(text.contains("iifname != \"bt-brb\" tcp dport 18082 dnat to 10.251.2.2:80"), text);
        assertThrows(FirewallException.class,
                () -> firewall.publish(new PublishedPort("c1", A, Protocol.TCP, "0.0.0.0", 18083, "10.251.1.2", 80)),
                "publishing on a network without rules is an error");
    }

    @Test
    void aContainerReachesItsOwnPublishedPortThroughTheProxy() throws Exception {
        sandbox.httpd("bt-nsb", "10.251.2.2", 80, tmp.resolve("b"));
        firewall.addNetwork(B);
        firewall.publish(new PublishedPort("c2", B, Protocol.TCP, "0.0.0.0", 18084, "10.251.2.2", 80));
        // hairpin: B's container asks for the port on its gateway; the DNAT rule skips its bridge, so without a
        // proxy nobody answers …
        assertNull(Sandbox.get("bt-nsb", "http://10.251.2.1:18084/index.html"));
        // … and with berthd's proxy on the port (as berthd runs it next to every DNAT rule) it is carried
        try (PortProxy proxy = PortProxy.start(new PortMapping(Protocol.TCP, "0.0.0.0", 18084, "10.251.2.2", 80))) {
            assertEquals("hello from bt-nsb", Sandbox.get("bt-nsb", "http://10.251.2.1:18084/index.html"));
            assertEquals("10.251.2.1", Sandbox.get("bt-nsb", "http://10.251.2.1:18084/cgi-bin/ip"), "the proxy's address, not the container's");
            // host loopback still takes the DNAT path: the container sees the masqueraded gateway, the proxy carries nothing
            assertEquals("hello from bt-nsb", http("127.0.0.1", 18084, "/index.html"));
        }
    }

    @Test
    void namesThatCouldChangeAScriptAreRefused() {
        assertThrows(IllegalArgumentException.class, () -> new FirewallNetwork("a\" drop", "bt-x", "10.0.0.0/8", false));
        assertThrows(IllegalArgumentException.class, () -> new FirewallNetwork("a", "a-very-long-interface", "10.0.0.0/8", false));
        assertThrows(IllegalArgumentException.class, () -> new FirewallNetwork("a", "bt x", "10.0.0.0/8", false));
        assertThrows(IllegalArgumentException.class, () -> new PublishedPort("x y", A, Protocol.TCP, null, 80, "10.251.1.2", 80));
        assertThrows(IllegalArgumentException.class, () -> new PublishedPort("x", A, Protocol.TCP, null, 0, "10.251.1.2", 80));
    }

    /** A GET from the host over a plain socket: the body, or an IOException when nobody answers. */
    private static String http(String host, int port, String path) throws IOException {
        try (Socket s = new Socket()) {
            s.connect(new InetSocketAddress(host, port), 2000);
            s.setSoTimeout(3000);
            OutputStream out = s.getOutputStream();
            out.write(("GET " + path + " HTTP/1.0\r\nHost: x\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
            out.flush();
            InputStream in = s.getInputStream();
            String response = new String(in.readAllBytes(), StandardCharsets.UTF_8);
            if (!response.startsWith("HTTP/1.") || !response.contains(" 200 ")) throw new IOException("not a 200: " + response);
            String[] lines = response.strip().split("\r?\n");
            return lines[lines.length - 1].strip(); // the pages here are one line

        }
    }
}
