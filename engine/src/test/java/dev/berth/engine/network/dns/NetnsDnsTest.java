package dev.berth.engine.network.dns;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.net.Inet4Address;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The production shape: the server listens on a network's gateway address, port 53, in the host's
 * namespace; the asker is a process in another network namespace behind a veth pair (busybox
 * nslookup, as in a container), known by its source address. Forwarding goes from the host's
 * namespace to a fake resolver on 127.0.0.1, as berthd's does.
 */
class NetnsDnsTest {

    @Test
    void containerInItsOwnNamespaceResolvesThroughTheGateway() throws Exception {
        String why = TestNetns.unavailable();
        assumeTrue(why == null, why);
        assumeTrue(Files.isExecutable(Path.of("/usr/bin/busybox")), "busybox (nslookup) is not installed");
        try (FakeUpstream upstream = new FakeUpstream().with("example.org", "192.0.2.10");
             TestNetns ns = TestNetns.create()) {
            DnsRecords records = new DnsRecords();
            records.put("noah_net", DnsEntry.of("1111111111110000", "bbox1", ip(ns.container())));
            records.put("noah_net", DnsEntry.of("2222222222220000", "bbox2", ip(ns.subnetPrefix + "3"), "pal"));
            records.put("other_net", DnsEntry.of("3333333333330000", "hidden", ip("10.252.0.2")));
            DnsServer server = DnsServer.start(records, DnsServerConfig.of(
                    new InetSocketAddress(ns.gateway(), 53), List.of(upstream.address())));
            try {
                TestNetns.Result pal = ns.exec("busybox", "nslookup", "pal", ns.gateway());
                assertEquals(0, pal.exitCode(), pal.output());
                assertTrue(pal.output().contains(ns.subnetPrefix + "3"), pal.output());

                TestNetns.Result forwarded = ns.exec("busybox", "nslookup", "example.org", ns.gateway());
                assertEquals(0, forwarded.exitCode(), forwarded.output());
                assertTrue(forwarded.output().contains("192.0.2.10"), forwarded.output());

                TestNetns.Result hidden = ns.exec("busybox", "nslookup", "hidden", ns.gateway());
                assertNotEquals(0, hidden.exitCode(), "a name on a network bbox1 is not on: " + hidden.output());
                assertFalse(hidden.output().contains("10.252.0.2"), hidden.output());
            } finally {
                DnsServerTest.closeAndAssertGone(server);
            }
        }
    }

    private static Inet4Address ip(String s) throws Exception {
        return (Inet4Address) InetAddress.getByName(s);
    }
}
