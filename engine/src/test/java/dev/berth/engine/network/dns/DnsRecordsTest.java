package dev.berth.engine.network.dns;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.Inet4Address;
import java.net.InetAddress;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;

class DnsRecordsTest {

    final DnsRecords records = new DnsRecords();

    @Test
    void aContainerSeesTheNamesOfEveryNetworkItIsOn() throws Exception {
        records.put("a", DnsEntry.of("1111111111110000", "one", ip("10.1.0.2")));
        records.put("b", DnsEntry.of("2222222222220000", "two", ip("10.2.0.2")));
        records.put("a", DnsEntry.of("3333333333330000", "both", ip("10.1.0.3")));
        records.put("b", DnsEntry.of("3333333333330000", "both", ip("10.2.0.3")));

        assertEquals(Set.of("a"), records.view(ip("10.1.0.2")));
        assertEquals(Set.of("a", "b"), records.view(ip("10.1.0.3")));
        assertEquals(Set.of("a", "b"), records.view(ip("10.2.0.3")), "whichever of its addresses asks");
        assertEquals(Set.of(), records.view(ip("10.9.9.9")));

        assertEquals(List.of(), records.lookup(ip("10.1.0.2"), "two"));
        assertEquals(List.of(ip("10.2.0.2")), records.lookup(ip("10.1.0.3"), "two"));
        assertEquals(List.of(), records.lookup(ip("10.9.9.9"), "one"), "strangers see nothing");
        assertEquals(Set.of(ip("10.1.0.3"), ip("10.2.0.3")), Set.copyOf(records.lookup(ip("10.1.0.3"), "both")));
        assertEquals(List.of(ip("10.1.0.3")), records.lookup(ip("10.1.0.2"), "both"), "only its address on the asker's network");
    }

    @Test
    void nameDotNetworkAndReverseNames() throws Exception {
        records.put("front.net", DnsEntry.of("1111111111110000", "web", ip("10.1.0.2")));
        assertEquals(List.of(ip("10.1.0.2")), records.lookup(ip("10.1.0.2"), "web.front.net."), "a network name with a dot too");
        assertEquals(List.of(ip("10.1.0.2")), records.lookup(ip("10.1.0.2"), "WEB.Front.Net"));
        assertEquals(List.of(), records.lookup(ip("10.1.0.2"), "web.other"));
        assertEquals(Optional.of("web.front.net"), records.reverse(ip("10.1.0.2"), ip("10.1.0.2")));
        assertEquals(Optional.empty(), records.reverse(ip("10.1.0.2"), ip("10.1.0.99")));
        assertEquals(Optional.empty(), records.reverse(ip("10.7.0.1"), ip("10.1.0.2")), "not for strangers");
    }

    @Test
    void putReplacesAndRemovalsEndNamesAndViews() throws Exception {
        records.put("a", DnsEntry.of("1111111111110000", "one", ip("10.1.0.2"), "svc"));
        records.put("a", DnsEntry.of("2222222222220000", "two", ip("10.1.0.3"), "svc"));
        records.put("a", DnsEntry.of("1111111111110000", "one", ip("10.1.0.4"), "svc")); // restarted, new address
        assertEquals(2, records.entries("a").size());
        assertEquals(Set.of(ip("10.1.0.3"), ip("10.1.0.4")), Set.copyOf(records.lookup(ip("10.1.0.3"), "svc")));
        assertEquals(Set.of(), records.view(ip("10.1.0.2")), "the old address is nobody's now");

        assertTrue(records.remove("a", "2222222222220000"));
        assertFalse(records.remove("a", "2222222222220000"));
        assertEquals(List.of(ip("10.1.0.4")), records.lookup(ip("10.1.0.4"), "svc"));
        assertEquals(1, records.removeContainer("1111111111110000"));
        assertEquals(List.of(), records.entries("a"));
        assertEquals(Set.of(), records.view(ip("10.1.0.4")));

        records.put("b", DnsEntry.of("3333333333330000", "three", ip("10.2.0.2")));
        assertEquals(1, records.removeNetwork("b"));
        assertEquals(0, records.removeNetwork("b"));
        assertEquals(List.of(), records.lookup(ip("10.2.0.2"), "three"));
    }

    @Test
    void sharedNamesRotate() throws Exception {
        for (int i = 1; i <= 3; i++) records.put("a", DnsEntry.of("r" + i + "00000000000", "r" + i, ip("10.1.0." + i), "svc"));
        List<Inet4Address> first = records.lookup(ip("10.1.0.1"), "svc");
        List<Inet4Address> second = records.lookup(ip("10.1.0.1"), "svc");
        List<Inet4Address> third = records.lookup(ip("10.1.0.1"), "svc");
        assertEquals(Set.copyOf(first), Set.copyOf(second));
        assertEquals(3, new java.util.HashSet<>(List.of(first.get(0), second.get(0), third.get(0))).size(), "three different first addresses");
        assertEquals(first.get(1), second.get(0), "rotated by one");
    }

    @Test
    void entryNamesAreNameAliasesAndShortIdLowerCased() throws Exception {
        DnsEntry e = DnsEntry.of("0123456789abcdef0123", "Web", ip("10.1.0.2"), "WWW", "web", "svc.");
        assertEquals(List.of("web", "www", "svc", "0123456789ab"), e.names());
        assertEquals(List.of("x"), DnsEntry.of("short", "x", ip("10.1.0.2")).names(), "an ID under 12 characters gives no short ID");
        assertThrows(IllegalArgumentException.class, () -> DnsEntry.of("id", " ", ip("10.1.0.2")));
        assertThrows(IllegalArgumentException.class, () -> DnsEntry.of("id", "ok", ip("10.1.0.2"), "a..b"));
        assertThrows(IllegalArgumentException.class, () -> DnsEntry.of("id", "ok", null));
        assertThrows(IllegalArgumentException.class, () -> records.put(" ", DnsEntry.of("id", "ok", ip("10.1.0.2"))));
    }

    static Inet4Address ip(String s) throws IOException {
        return (Inet4Address) InetAddress.getByName(s);
    }
}
