package dev.berth.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Bridge networks with berth's embedded DNS, as a user types them (issue 5). BERTH_DNS points
 * berthd's forwarding at 127.0.0.1, so no lookup leaves the machine.
 */
class NetworkCommandsTest {

    @TempDir
    Path dir;

    private BusyboxEngine engine;
    private Map<String, String> env;

    @BeforeEach
    void busybox() throws Exception {
        Assumptions.assumeTrue(Files.isExecutable(Path.of("/usr/sbin/nft")), "skipped: needs nftables (apt-get install nftables)");
        engine = BusyboxEngine.create(dir);
        env = new HashMap<>(engine.env());
        env.put("BERTH_DNS", "127.0.0.1");
    }

    @AfterEach
    void nothingLeft() throws IOException {
        if (engine != null) engine.stopAndCheckNothingLeft();
    }

    private BerthRun berth(String... args) {
        return BerthRun.in(dir, env, "", args);
    }

    private BerthRun ok(String... args) {
        BerthRun r = berth(args);
        assertEquals(0, r.exitCode(), r::toString);
        return r;
    }

    @Test
    void theClassicDockerDnsDemonstration() {
        ok("network", "create", "--driver", "bridge", "noah_net");
        ok("run", "-d", "--network=noah_net", "--name=bbox1", "busybox", "sleep", "900");
        BerthRun byName = berth("run", "--rm", "--network=noah_net", "--name=bbox2", "busybox", "ping", "-c1", "-W2", "bbox1");
        assertEquals(0, byName.exitCode(), byName::toString);
        assertTrue(byName.out().contains("1 packets received"), byName::toString);

        ok("run", "-d", "--network=bridge", "--name=bbox3", "busybox", "sleep", "900");
        BerthRun defaultBridge = berth("run", "--rm", "--network=bridge", "--name=bbox4", "busybox", "ping", "-c1", "-W2", "bbox3");
        assertNotEquals(0, defaultBridge.exitCode(), defaultBridge::toString);
        assertTrue(defaultBridge.err().contains("bad address 'bbox3'"), "the default network has no name resolution: " + defaultBridge);

        String networks = ok("network", "ls").out();
        assertTrue(networks.contains(" bridge ") && networks.contains("noah_net"), networks);
        String inspect = ok("network", "inspect", "noah_net").out();
        assertTrue(inspect.contains("\"Subnet\": \"172.18.0.0/16\""), "the next /16 after the default's 172.17: " + inspect);
        assertTrue(inspect.contains("\"bbox1\""), "bbox1 is on it: " + inspect);
        BerthRun busy = berth("network", "rm", "noah_net");
        assertEquals(1, busy.exitCode());
        assertTrue(busy.err().contains("has active endpoints"), busy::toString);
        assertTrue(held("172.18.0.1", 53, true) && held("172.18.0.1", 53, false), "noah_net's DNS server listens on its gateway, UDP and TCP");
        ok("rm", "-f", "bbox1", "bbox3");
        ok("network", "rm", "noah_net");
        assertTrue(!ok("network", "ls").out().contains("noah_net"));
        assertTrue(!held("172.18.0.1", 53, true) && !held("172.18.0.1", 53, false), "its DNS listener went with it");
    }

    @Test
    void publishedPortsServeTheHost() throws Exception {
        ok("run", "-d", "--name", "web", "-p", "127.0.0.1:18080:80", "busybox", "sh", "-c",
                "mkdir -p /www && echo hello-from-berth > /www/index.html && httpd -f -p 80 -h /www");
        String page = "";
        for (int i = 0; i < 100 && !page.contains("hello"); i++) {
            Process wget = new ProcessBuilder("/usr/bin/busybox", "wget", "-q", "-O", "-", "http://127.0.0.1:18080/index.html")
                    .redirectErrorStream(true).start();
            page = new String(wget.getInputStream().readAllBytes());
            wget.waitFor();
            if (!page.contains("hello")) Thread.sleep(50);
        }
        assertEquals("hello-from-berth\n", page, "the host fetches the container's page through 127.0.0.1:18080");
        assertEquals("80/tcp -> 127.0.0.1:18080\n", ok("port", "web").out());
        ok("run", "-d", "--name", "random", "-p", "80", "busybox", "sleep", "300");
        String random = ok("port", "random", "80").out().strip();
        assertTrue(random.matches("0\\.0\\.0\\.0:\\d+"), "a free host port was picked: " + random);
        BerthRun taken = berth("run", "-d", "--name", "clash", "-p", "127.0.0.1:18080:80", "busybox", "sleep", "300");
        assertNotEquals(0, taken.exitCode());
        assertTrue(taken.err().contains("port is already allocated"), taken::toString);
        BerthRun none = berth("run", "--rm", "--network", "none", "-p", "80", "busybox", "true");
        assertTrue(none.err().contains("conflicting options: port publishing"), none::toString);
        assertTrue(held("127.0.0.1", 18080, false), "the proxy listens");
        ok("rm", "-f", "web", "random", "clash");
        assertTrue(!held("127.0.0.1", 18080, false), "and is gone with its container");
    }

    @Test
    void aliasesResolveToEveryContainerAndOtherNamesAreForwarded() throws Exception {
        // a resolver of the test's own on 127.0.0.1 stands for the host's: berthd forwards to it (BERTH_DNS)
        try (java.net.DatagramSocket upstream = new java.net.DatagramSocket(0, java.net.InetAddress.getLoopbackAddress())) {
            Thread resolver = Thread.ofPlatform().daemon().start(() -> answer(upstream));
            env.put("BERTH_DNS", "127.0.0.1:" + upstream.getLocalPort());
            ok("network", "create", "svc_net");
            for (String name : java.util.List.of("api1", "api2", "api3")) {
                ok("run", "-d", "--network", "svc_net", "--network-alias", "api", "--name", name, "busybox", "sleep", "900");
            }
            String all = ok("run", "--rm", "--network", "svc_net", "busybox", "nslookup", "api").out();
            assertEquals(3, all.lines().filter(l -> l.strip().matches("Address( \\d+)?:\\s+172\\.\\d+\\.0\\.\\d+")).count(),
                    "the alias resolves to all three: " + all);
            BerthRun unknown = berth("run", "--rm", "--network", "svc_net", "busybox", "nslookup", "nosuch.berth.test");
            assertTrue((unknown.out() + unknown.err()).contains("NXDOMAIN"), "unknown names: NXDOMAIN from upstream: " + unknown);
            String outside = ok("run", "--rm", "--network", "svc_net", "busybox", "nslookup", "outside.example").out();
            assertTrue(outside.contains("10.99.0.1"), "forwarded to the resolver on 127.0.0.1: " + outside);
            ok("rm", "-f", "api1", "api2", "api3");
            ok("network", "rm", "svc_net");
            resolver.interrupt();
        }
    }

    /**
     * Whether something holds ip:port (a bind fails with "in use"); this sandbox's /proc/net and ss
     * do not show other processes' sockets, so the kernel is asked by binding.
     */
    private static boolean held(String ip, int port, boolean udp) {
        try {
            var address = new java.net.InetSocketAddress(ip, port);
            if (udp) {
                try (var s = new java.net.DatagramSocket(address)) {
                    return false;
                }
            }
            try (var s = new java.net.ServerSocket()) {
                s.bind(address);
                return false;
            }
        } catch (java.net.BindException e) {
            return String.valueOf(e.getMessage()).contains("in use");
        } catch (IOException e) {
            return false;
        }
    }

    /** A tiny upstream: outside.example is 10.99.0.1, everything else NXDOMAIN. */
    private static void answer(java.net.DatagramSocket socket) {
        byte[] buf = new byte[512];
        while (!socket.isClosed()) {
            try {
                java.net.DatagramPacket p = new java.net.DatagramPacket(buf, buf.length);
                socket.receive(p);
                org.xbill.DNS.Message q = new org.xbill.DNS.Message(java.util.Arrays.copyOf(p.getData(), p.getLength()));
                org.xbill.DNS.Message r = new org.xbill.DNS.Message(q.getHeader().getID());
                r.getHeader().setFlag(org.xbill.DNS.Flags.QR);
                r.getHeader().setFlag(org.xbill.DNS.Flags.RA);
                org.xbill.DNS.Record question = q.getQuestion();
                r.addRecord(question, org.xbill.DNS.Section.QUESTION);
                if (question.getName().toString().equalsIgnoreCase("outside.example.") && question.getType() == org.xbill.DNS.Type.A) {
                    r.addRecord(new org.xbill.DNS.ARecord(question.getName(), org.xbill.DNS.DClass.IN, 60,
                            java.net.InetAddress.getByName("10.99.0.1")), org.xbill.DNS.Section.ANSWER);
                } else if (!question.getName().toString().equalsIgnoreCase("outside.example.")) {
                    r.getHeader().setRcode(org.xbill.DNS.Rcode.NXDOMAIN);
                }
                byte[] out = r.toWire();
                socket.send(new java.net.DatagramPacket(out, out.length, p.getSocketAddress()));
            } catch (java.io.IOException closed) {
                return;
            }
        }
    }

    @Test
    void networksAreIsolatedFromEachOther() {
        ok("network", "create", "net_a");
        ok("network", "create", "net_b");
        ok("run", "-d", "--network", "net_a", "--name", "a1", "busybox", "sleep", "900");
        ok("run", "-d", "--network", "net_b", "--name", "b1", "busybox", "sleep", "900");
        String aIp = ok("inspect", "a1").out().replaceAll("(?s).*\"IPAddress\": \"(172\\.[0-9.]+)\".*", "$1");
        String bIp = ok("inspect", "b1").out().replaceAll("(?s).*\"IPAddress\": \"(172\\.[0-9.]+)\".*", "$1");
        assertTrue(aIp.matches("172\\.\\d+\\.0\\.2") && bIp.matches("172\\.\\d+\\.0\\.2"), aIp + " " + bIp);
        assertEquals(0, berth("run", "--rm", "--network", "net_a", "busybox", "ping", "-c1", "-W2", aIp).exitCode(), "same network");
        BerthRun across = berth("run", "--rm", "--network", "net_a", "busybox", "ping", "-c1", "-W2", bIp);
        assertNotEquals(0, across.exitCode(), "another network is out of reach: " + across);
        BerthRun name = berth("run", "--rm", "--network", "net_a", "busybox", "ping", "-c1", "-W2", "b1");
        assertTrue(name.err().contains("bad address 'b1'"), "and its names unknown: " + name);
        // one on both reaches both, by address and by name
        ok("run", "-d", "--network", "net_a", "--name", "both", "busybox", "sleep", "900");
        ok("network", "connect", "net_b", "both");
        assertEquals(0, berth("exec", "both", "ping", "-c1", "-W2", aIp).exitCode(), "reaches A");
        assertEquals(0, berth("exec", "both", "ping", "-c1", "-W2", bIp).exitCode(), "reaches B");
        assertEquals(0, berth("exec", "both", "ping", "-c1", "-W2", "b1").exitCode(), "knows B's names");
        assertTrue(ok("network", "inspect", "net_b").out().contains("\"both\""));
        ok("network", "disconnect", "net_b", "both");
        assertNotEquals(0, berth("exec", "both", "ping", "-c1", "-W2", bIp).exitCode(), "B out of reach again");
        ok("rm", "-f", "a1", "b1", "both");
        ok("network", "prune", "-f");
        assertEquals(1, ok("network", "ls", "-q").out().lines().count(), "only the default network is left");
    }

    @Test
    void aRenamedContainerIsFoundByItsNewNameOnly() {
        ok("network", "create", "renames");
        ok("run", "-d", "--network", "renames", "--name", "before", "busybox", "sleep", "900");
        ok("rename", "before", "after");
        assertTrue(ok("ps", "--filter", "name=after").out().contains("after"));
        BerthRun byNew = berth("run", "--rm", "--network", "renames", "busybox", "nslookup", "after");
        assertEquals(0, byNew.exitCode(), byNew::toString);
        BerthRun byOld = berth("run", "--rm", "--network", "renames", "busybox", "nslookup", "before");
        assertNotEquals(0, byOld.exitCode(), "the old name no longer answers: " + byOld);
        BerthRun taken = berth("run", "-d", "--network", "renames", "--name", "other", "busybox", "sleep", "900");
        assertEquals(0, taken.exitCode(), taken::toString);
        BerthRun conflict = berth("rename", "other", "after");
        assertEquals(1, conflict.exitCode(), conflict::toString);
        assertTrue(conflict.err().contains("is already in use"), conflict::toString);
        ok("rm", "-f", "after", "other");
        ok("network", "rm", "renames");
    }
}
