package dev.berth.engine.network.dns;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.DatagramSocket;
import java.net.Inet4Address;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.xbill.DNS.ARecord;
import org.xbill.DNS.Flags;
import org.xbill.DNS.Message;
import org.xbill.DNS.PTRRecord;
import org.xbill.DNS.Rcode;
import org.xbill.DNS.Record;
import org.xbill.DNS.Section;
import org.xbill.DNS.Type;

/**
 * The embedded DNS server over real sockets on loopback: askers are 127.0.0.x source addresses
 * standing for containers, the upstream is a {@link FakeUpstream} on 127.0.0.1. Every test ends
 * with the server closed and checks that its threads and ports are gone.
 */
class DnsServerTest {

    static final String WEB = "127.0.0.2";   // on front
    static final String DB = "127.0.0.3";    // on back
    static final String API_FRONT = "127.0.0.4"; // api: on front and back
    static final String API_BACK = "127.0.0.5";
    static final String STRANGER = "127.0.0.9"; // no container's address

    final DnsRecords records = new DnsRecords();
    FakeUpstream upstream;
    DnsServer server;

    @BeforeEach
    void setUp() throws Exception {
        upstream = new FakeUpstream().with("example.org", "192.0.2.10");
        records.put("front", DnsEntry.of("aaaaaaaaaaaa1111", "web", ip(WEB), "www"));
        records.put("back", DnsEntry.of("bbbbbbbbbbbb2222", "db", ip(DB), "postgres"));
        records.put("front", DnsEntry.of("cccccccccccc3333", "api", ip(API_FRONT)));
        records.put("back", DnsEntry.of("cccccccccccc3333", "api", ip(API_BACK)));
        for (int i = 1; i <= 3; i++) {
            records.put("front", DnsEntry.of("replica" + i + "00000000", "stack-app-" + i, ip("127.0.0.1" + i), "app"));
        }
    }

    @AfterEach
    void tearDown() throws Exception {
        if (server != null) closeAndAssertGone(server);
        upstream.close();
    }

    DnsServer start(DnsServerConfig config) throws IOException {
        server = DnsServer.start(records, config);
        return server;
    }

    DnsServer start() throws IOException {
        return start(DnsServerConfig.of(new InetSocketAddress("127.0.0.1", 0), List.of(upstream.address()))
                .withDomain("berth.test")
                .withForward(new ForwardPolicy(Duration.ofMillis(300), 2, Duration.ofSeconds(2), 1024)));
    }

    DnsTestClient client(String from) throws IOException {
        return new DnsTestClient(from, server.address());
    }

    @Test
    void containerNameAliasAndShortIdAnswerAWithDockersTtl() throws Exception {
        start();
        DnsTestClient web = client(WEB);
        for (String name : List.of("api", "api.", "cccccccccccc", "www", "web")) {
            Message m = web.udp(name, Type.A);
            assertEquals(Rcode.NOERROR, m.getRcode(), name);
            List<Record> answers = m.getSection(Section.ANSWER);
            assertFalse(answers.isEmpty(), name);
            for (Record r : answers) assertEquals(600, r.getTTL(), name);
        }
        assertEquals(List.of(API_FRONT), addresses(web.udp("api", Type.A)));
        assertEquals(List.of(API_FRONT), addresses(web.udp("cccccccccccc", Type.A)), "short ID (12 hex)");
        assertEquals(Rcode.NXDOMAIN, web.udp("cccccccccccc3333", Type.A).getRcode(), "the full ID is not a name (Docker): forwarded, upstream says NXDOMAIN");
        Message m = web.udp("web", Type.A);
        assertTrue(m.getHeader().getFlag(Flags.QR) && m.getHeader().getFlag(Flags.RA));
    }

    @Test
    void replicasGetEveryAddressRotatedPerQuery() throws Exception {
        start();
        DnsTestClient web = client(WEB);
        Set<String> firsts = new HashSet<>();
        for (int i = 0; i < 3; i++) {
            List<String> got = addresses(web.udp("app", Type.A));
            assertEquals(Set.of("127.0.0.11", "127.0.0.12", "127.0.0.13"), Set.copyOf(got));
            assertEquals(3, got.size());
            firsts.add(got.get(0));
        }
        assertEquals(3, firsts.size(), "three queries, three different first addresses");
    }

    @Test
    void namesAreCaseInsensitiveAndAcceptTrailingDotSearchDomainAndNetworkSuffix() throws Exception {
        start();
        DnsTestClient web = client(WEB);
        Message upper = web.udp("WeB.", Type.A);
        assertEquals(List.of(WEB), addresses(upper));
        assertEquals("WeB.", upper.getSection(Section.ANSWER).get(0).getName().toString(), "the owner name echoes the question's case");
        assertEquals(List.of(WEB), addresses(web.udp("web.berth.test", Type.A)));
        assertEquals(List.of(WEB), addresses(web.udp("WEB.Berth.Test.", Type.A)));
        assertEquals(List.of(WEB), addresses(web.udp("web.front", Type.A)), "NAME.NETWORK, Docker's form");
        assertEquals(Rcode.NXDOMAIN, web.udp("nobody.berth.test", Type.A).getRcode(), "unknown under the search domain: NXDOMAIN here");
        assertEquals(0, upstream.udpQueries.get(), "nothing above needed the upstream");
    }

    @Test
    void knownNameWithoutThatTypeIsNoDataNotNxdomain() throws Exception {
        start();
        DnsTestClient web = client(WEB);
        for (int type : new int[]{Type.AAAA, Type.MX, Type.TXT}) {
            Message m = web.udp("api", type);
            assertEquals(Rcode.NOERROR, m.getRcode(), Type.string(type));
            assertTrue(m.getSection(Section.ANSWER).isEmpty(), Type.string(type));
        }
        assertEquals(0, upstream.udpQueries.get(), "a known name is never forwarded");
        Message unknown = web.udp("nothing-here", Type.AAAA);
        assertEquals(Rcode.NXDOMAIN, unknown.getRcode(), "unknown: forwarded, the upstream's NXDOMAIN passed on");
        assertEquals(1, upstream.udpQueries.get());
    }

    @Test
    void ptrForContainerAddressesInTheView() throws Exception {
        start();
        DnsTestClient api = client(API_FRONT);
        Message m = api.udp("3.0.0.127.in-addr.arpa", Type.PTR);
        assertEquals(Rcode.NOERROR, m.getRcode());
        PTRRecord ptr = (PTRRecord) m.getSection(Section.ANSWER).get(0);
        assertEquals("db.back.", ptr.getTarget().toString(), "<name>.<network>. as Docker");
        assertEquals(600, ptr.getTTL());
        assertEquals(List.of(DB), addresses(api.udp(ptr.getTarget().toString(), Type.A)), "the PTR name resolves back");
        assertEquals(Rcode.NXDOMAIN, client(WEB).udp("3.0.0.127.in-addr.arpa", Type.PTR).getRcode(),
                "web is not on back: the PTR is not in its view and goes upstream");
    }

    @Test
    void askerSeesOnlyNamesOnItsNetworks() throws Exception {
        start();
        assertEquals(Rcode.NXDOMAIN, client(WEB).udp("db", Type.A).getRcode(), "db is only on back");
        assertEquals(Rcode.NXDOMAIN, client(DB).udp("web", Type.A).getRcode(), "web is only on front");
        assertEquals(Rcode.NXDOMAIN, client(WEB).udp("db.back", Type.A).getRcode(), "no way round by NAME.NETWORK");
        assertEquals(List.of(DB), addresses(client(API_FRONT).udp("db", Type.A)), "api is on both, asking via its front address");
        assertEquals(List.of(WEB), addresses(client(API_BACK).udp("web", Type.A)), "and via its back address");
        assertEquals(Set.of(API_FRONT, API_BACK), Set.copyOf(addresses(client(API_BACK).udp("api", Type.A))));
        Message stranger = client(STRANGER).udp("web", Type.A);
        assertEquals(Rcode.NXDOMAIN, stranger.getRcode(), "an unknown asker sees no names, only forwarding");
        assertEquals(List.of("192.0.2.10"), addresses(client(STRANGER).udp("example.org", Type.A)));
    }

    @Test
    void unknownNamesAreForwardedAndAnswersPassedThrough() throws Exception {
        start();
        DnsTestClient web = client(WEB);
        Message m = web.udp("Example.Org", Type.A);
        assertEquals(Rcode.NOERROR, m.getRcode());
        assertEquals(List.of("192.0.2.10"), addresses(m));
        assertEquals(30, m.getSection(Section.ANSWER).get(0).getTTL(), "the upstream's TTL, untouched");
        Message nx = web.udp("no-such-host.example", Type.A);
        assertEquals(Rcode.NXDOMAIN, nx.getRcode());
        Message tcp = web.tcp("example.org", Type.A);
        assertEquals(List.of("192.0.2.10"), addresses(tcp), "asked over TCP, forwarded over TCP");
        assertTrue(upstream.tcpQueries.get() >= 1);
    }

    @Test
    void truncatedUpstreamAnswerIsFetchedAgainOverTcp() throws Exception {
        String[] many = new String[60];
        for (int i = 0; i < many.length; i++) many[i] = "192.0.2." + (i + 1);
        upstream.with("many.example", many);
        start();
        DnsTestClient web = client(WEB);
        Message big = web.udp("many.example", Type.A, 4096);
        assertNotNull(big);
        assertFalse(big.getHeader().getFlag(Flags.TC), "fits the asker's EDNS size");
        assertEquals(60, big.getSection(Section.ANSWER).size());
        assertEquals(1, upstream.tcpQueries.get(), "the upstream's truncated UDP answer was retried over TCP");
        Message small = web.udp("many.example", Type.A);
        assertTrue(small.getHeader().getFlag(Flags.TC), "no EDNS: 512 bytes, TC set, so the asker retries over TCP");
        assertEquals(60, web.tcp("many.example", Type.A).getSection(Section.ANSWER).size());
    }

    @Test
    void largeLocalAnswersAreTruncatedOverUdpAndCompleteOverTcp() throws Exception {
        for (int i = 0; i < 100; i++) {
            records.put("front", DnsEntry.of("big" + i + "0000000000", "big-" + i, ip("127.1.0." + (i + 1)), "bigsvc"));
        }
        start();
        DnsTestClient web = client(WEB);
        Message udp = web.udp("bigsvc", Type.A);
        assertTrue(udp.getHeader().getFlag(Flags.TC));
        assertTrue(udp.toWire().length <= 512);
        Message edns = web.udp("bigsvc", Type.A, 1232);
        assertTrue(edns.getHeader().getFlag(Flags.TC), "100 A records are > 1232 bytes");
        Message tcp = web.tcp("bigsvc", Type.A);
        assertFalse(tcp.getHeader().getFlag(Flags.TC));
        assertEquals(100, tcp.getSection(Section.ANSWER).size());
    }

    @Test
    void oneTcpConnectionCarriesSeveralQueries() throws Exception {
        start();
        try (java.net.Socket s = new java.net.Socket()) {
            s.bind(new InetSocketAddress(WEB, 0));
            s.connect(server.address(), 3000);
            s.setSoTimeout(3000);
            var out = s.getOutputStream();
            out.write(TcpFrames.frame(DnsTestClient.query("web", Type.A, 0, 1).toWire()));
            out.write(TcpFrames.frame(DnsTestClient.query("example.org", Type.A, 0, 2).toWire())); // pipelined, forwarded
            out.write(TcpFrames.frame(DnsTestClient.query("api", Type.A, 0, 3).toWire()));
            out.flush();
            Message a = new Message(TcpFrames.read(s.getInputStream()));
            Message b = new Message(TcpFrames.read(s.getInputStream()));
            Message c = new Message(TcpFrames.read(s.getInputStream()));
            assertEquals(List.of(1, 2, 3), List.of(a.getHeader().getID(), b.getHeader().getID(), c.getHeader().getID()));
            assertEquals(List.of(WEB), addresses(a));
            assertEquals(List.of("192.0.2.10"), addresses(b));
            assertEquals(List.of(API_FRONT), addresses(c));
        }
    }

    @Test
    void silentUpstreamGivesServfailAfterRetries() throws Exception {
        upstream.mode = FakeUpstream.Mode.SILENT;
        start();
        Message m = client(WEB).udp("example.org", Type.A);
        assertNotNull(m, "an answer, not silence");
        assertEquals(Rcode.SERVFAIL, m.getRcode());
        assertEquals(2, upstream.udpQueries.get(), "two attempts on the one upstream");
    }

    @Test
    void servfailingUpstreamIsSkippedForTheNext() throws Exception {
        try (FakeUpstream failing = new FakeUpstream()) {
            failing.mode = FakeUpstream.Mode.SERVFAIL;
            start(DnsServerConfig.of(new InetSocketAddress("127.0.0.1", 0), List.of(failing.address(), upstream.address())));
            assertEquals(List.of("192.0.2.10"), addresses(client(WEB).udp("example.org", Type.A)));
            assertEquals(1, failing.udpQueries.get());
            closeAndAssertGone(server);
            server = null;
        }
    }

    @Test
    void forwardsBeyondTheLimitAreRefused() throws Exception {
        upstream.mode = FakeUpstream.Mode.SILENT;
        start(DnsServerConfig.of(new InetSocketAddress("127.0.0.1", 0), List.of(upstream.address()))
                .withForward(new ForwardPolicy(Duration.ofMillis(1500), 1, Duration.ofMillis(1500), 1)));
        Thread first = Thread.ofPlatform().start(() -> {
            try {
                client(WEB).udp("example.org", Type.A); // holds the one forward slot until its timeout
            } catch (IOException ignored) {
                // checked below through the upstream's count
            }
        });
        for (int i = 0; i < 500 && upstream.udpQueries.get() == 0; i++) Thread.sleep(10);
        assertEquals(1, upstream.udpQueries.get());
        assertEquals(Rcode.REFUSED, client(WEB).udp("example.net", Type.A).getRcode(), "Docker's answer past its 1024");
        assertEquals(List.of(WEB), addresses(client(WEB).udp("web", Type.A)), "local answers do not wait for forwards");
        first.join();
    }

    @Test
    void withoutUpstreamsUnknownNamesGetServfail() throws Exception {
        start(DnsServerConfig.of(new InetSocketAddress("127.0.0.1", 0), List.of()));
        assertEquals(Rcode.SERVFAIL, client(WEB).udp("example.org", Type.A).getRcode());
        assertEquals(List.of(WEB), addresses(client(WEB).udp("web", Type.A)), "local names still answer (an internal network)");
    }

    @Test
    void recordsChangeWhileServing() throws Exception {
        start();
        DnsTestClient web = client(WEB);
        assertEquals(Rcode.NXDOMAIN, web.udp("late", Type.A).getRcode());
        records.put("front", DnsEntry.of("dddddddddddd4444", "late", ip("127.0.0.20")));
        assertEquals(List.of("127.0.0.20"), addresses(web.udp("late", Type.A)));
        records.remove("front", "dddddddddddd4444");
        assertEquals(Rcode.NXDOMAIN, web.udp("late", Type.A).getRcode());
        records.removeContainer("aaaaaaaaaaaa1111"); // web itself goes: its address is now a stranger's
        assertEquals(Rcode.NXDOMAIN, web.udp("api", Type.A).getRcode());

        // Concurrent: one thread answers-checks while another adds and removes replicas.
        AtomicBoolean stop = new AtomicBoolean();
        AtomicReference<String> wrong = new AtomicReference<>();
        Thread asker = Thread.ofPlatform().start(() -> {
            try {
                DnsTestClient api = client(API_FRONT);
                while (!stop.get()) {
                    Message m = api.udp("flux", Type.A);
                    if (m == null) {
                        wrong.set("no answer");
                        return;
                    }
                    List<String> got = addresses(m);
                    boolean ok = m.getRcode() == Rcode.NXDOMAIN && got.isEmpty()
                            || m.getRcode() == Rcode.NOERROR && !got.isEmpty() && got.stream().allMatch(a -> a.startsWith("127.2."));
                    if (!ok) wrong.set(m.toString());
                }
            } catch (IOException e) {
                wrong.set(e.toString());
            }
        });
        for (int i = 0; i < 300; i++) {
            records.put("front", DnsEntry.of("flux" + (i % 5) + "0000000000", "flux-" + (i % 5), ip("127.2.0." + (i % 5 + 1)), "flux"));
            if (i % 3 == 0) records.removeContainer("flux" + (i % 5) + "0000000000");
        }
        stop.set(true);
        asker.join();
        assertNull(wrong.get());
    }

    @Test
    void malformedAndNonQueryMessages() throws Exception {
        start();
        DnsTestClient web = client(WEB);
        byte[] garbage = {0x12, 0x34, 0x01, 0x00, 0x00, 0x01, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x05, 'x'};
        Message formerr = web.udpRaw(garbage);
        assertEquals(Rcode.FORMERR, formerr.getRcode());
        assertEquals(0x1234, formerr.getHeader().getID());
        Message notify = DnsTestClient.query("web", Type.A, 0, 7);
        notify.getHeader().setOpcode(org.xbill.DNS.Opcode.NOTIFY);
        assertEquals(Rcode.NOTIMP, web.udpRaw(notify.toWire()).getRcode());
        Message response = DnsTestClient.query("web", Type.A, 0, 8);
        response.getHeader().setFlag(Flags.QR);
        assertNull(web.udpRaw(response.toWire()), "a response sent to the server gets no answer (no loops)");
        assertEquals(List.of(WEB), addresses(web.udp("web", Type.A)), "and the server still answers");
    }

    @Test
    void answersWithOptWhenAskedWithEdns() throws Exception {
        start();
        Message m = client(WEB).udp("web", Type.A, 4096);
        assertNotNull(m.getOPT());
        assertNull(client(WEB).udp("web", Type.A).getOPT());
    }

    @Test
    void aBusyAddressIsAnErrorNamingIt() throws Exception {
        try (DatagramSocket taken = new DatagramSocket(new InetSocketAddress("127.0.0.1", 0))) {
            DnsServerConfig config = DnsServerConfig.of(new InetSocketAddress("127.0.0.1", taken.getLocalPort()), List.of());
            DnsListenException e = assertThrows(DnsListenException.class, () -> DnsServer.start(records, config));
            assertTrue(e.getMessage().contains("127.0.0.1:" + taken.getLocalPort()), e.getMessage());
        }
        assertTrue(threadsNamed("berth-dns-").isEmpty(), "a failed start leaves no thread");
        DnsServerConfig elsewhere = DnsServerConfig.of(new InetSocketAddress("192.0.2.1", 0), List.of());
        DnsListenException e = assertThrows(DnsListenException.class, () -> DnsServer.start(records, elsewhere));
        assertTrue(e.getMessage().contains("192.0.2.1") && e.getMessage().contains("not on this host"), e.getMessage());
    }

    @Test
    @Timeout(value = 60, unit = TimeUnit.SECONDS) // a forward waits an hour: close() must cut it short
    void closeEndsEveryThreadAndFreesBothPorts() throws Exception {
        upstream.mode = FakeUpstream.Mode.SILENT;
        start(DnsServerConfig.of(new InetSocketAddress("127.0.0.1", 0), List.of(upstream.address()))
                .withForward(new ForwardPolicy(Duration.ofHours(1), 1, Duration.ofHours(1), 1024)));
        // A forward stuck on a silent upstream and an open TCP connection must not keep close() waiting.
        Thread stuck = Thread.ofPlatform().start(() -> {
            try {
                client(WEB).udp("example.org", Type.A);
            } catch (IOException ignored) {
                // the server closes under it
            }
        });
        try (java.net.Socket idle = new java.net.Socket(server.address().getAddress(), server.address().getPort())) {
            for (int i = 0; i < 500 && upstream.udpQueries.get() == 0; i++) Thread.sleep(10);
            assertEquals(1, upstream.udpQueries.get(), "the query reached the upstream");
            assertFalse(threadsNamed(server.threadNamePrefix() + "-forward").isEmpty(), "a forward is in flight");
            for (int i = 0; i < 500 && threadsNamed(server.threadNamePrefix() + "-tcp").isEmpty(); i++) Thread.sleep(10);
            assertFalse(threadsNamed(server.threadNamePrefix() + "-tcp").isEmpty(), "a TCP connection is being served");
            closeAndAssertGone(server);
            server = null;
            assertEquals(-1, idle.getInputStream().read(), "the server closed the idle TCP connection");
        }
        stuck.join();
    }

    // --- helpers

    static void closeAndAssertGone(DnsServer server) throws IOException {
        InetSocketAddress a = server.address();
        String prefix = server.threadNamePrefix();
        server.close();
        assertEquals(List.of(), threadsNamed(prefix), "threads left after close");
        try (DatagramSocket udp = new DatagramSocket(a); ServerSocket tcp = new ServerSocket()) {
            tcp.bind(a); // both ports free again
        }
    }

    static List<String> threadsNamed(String prefix) {
        List<String> names = new ArrayList<>();
        for (Thread t : Thread.getAllStackTraces().keySet()) if (t.getName().startsWith(prefix)) names.add(t.getName());
        return names;
    }

    static List<String> addresses(Message m) {
        List<String> out = new ArrayList<>();
        for (Record r : m.getSection(Section.ANSWER)) if (r instanceof ARecord a) out.add(a.getAddress().getHostAddress());
        return out;
    }

    static Inet4Address ip(String s) throws IOException {
        return (Inet4Address) InetAddress.getByName(s);
    }
}
