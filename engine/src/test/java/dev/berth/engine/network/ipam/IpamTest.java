package dev.berth.engine.network.ipam;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class IpamTest {

    private final SubnetAllocator allocator = SubnetAllocator.docker();

    @Test
    void defaultPoolsAreDockersThirtyOneInOrder() {
        List<Subnet> all = DefaultPools.subnets(DefaultPools.LOCAL);
        assertEquals(31, all.size());
        assertEquals("172.17.0.0/16", all.get(0).toString());
        assertEquals("172.31.0.0/16", all.get(14).toString());
        assertEquals("192.168.0.0/20", all.get(15).toString());
        assertEquals("192.168.16.0/20", all.get(16).toString());
        assertEquals("192.168.240.0/20", all.get(30).toString());
    }

    @Test
    void bridgeThenUserNetworksTakeTheNextFreeSixteen() {
        List<Subnet> taken = new ArrayList<>();
        IpamConfig bridge = allocator.allocate(null, null, null, taken);
        assertEquals(new IpamConfig("172.17.0.0/16", null, "172.17.0.1", false), bridge);
        taken.add(bridge.subnetPrefix());
        List<String> got = new ArrayList<>();
        for (int i = 0; i < 16; i++) {
            IpamConfig c = allocator.allocate(null, null, null, taken);
            taken.add(c.subnetPrefix());
            got.add(c.subnet() + " " + c.gateway());
        }
        assertEquals("172.18.0.0/16 172.18.0.1", got.get(0));
        assertEquals("172.19.0.0/16 172.19.0.1", got.get(1));
        assertEquals("172.31.0.0/16 172.31.0.1", got.get(13));
        assertEquals("192.168.0.0/20 192.168.0.1", got.get(14));
        assertEquals("192.168.16.0/20 192.168.16.1", got.get(15));
        // a removed network's subnet is the next one handed out again (lowest free, no rotation)
        taken.remove(Subnet.parse("172.19.0.0/16"));
        assertEquals("172.19.0.0/16", allocator.allocate(null, null, null, taken).subnet());
    }

    @Test
    void aStaticSubnetMakesTheDefaultsSkipWhatItOverlaps() {
        List<Subnet> taken = List.of(DefaultPools.BRIDGE, Subnet.parse("172.18.5.0/24"), Subnet.parse("172.19.0.0/17"));
        assertEquals("172.20.0.0/16", allocator.allocate(null, null, null, taken).subnet());
    }

    @Test
    void exhaustedDefaultsSayFullySubnetted() {
        List<Subnet> taken = List.of(Subnet.parse("172.16.0.0/12"), Subnet.parse("192.168.0.0/16"));
        var e = assertThrows(IpamException.class, () -> allocator.allocate(null, null, null, taken));
        assertEquals("all predefined address pools have been fully subnetted", e.getMessage());
    }

    @Test
    void userSubnetGatewayAndRange() {
        IpamConfig c = allocator.allocate("10.5.0.7/24", "10.5.0.128/25", "10.5.0.254", List.of(DefaultPools.BRIDGE));
        assertEquals(new IpamConfig("10.5.0.0/24", "10.5.0.128/25", "10.5.0.254", true), c);
        assertEquals("10.5.0.254/24", c.gatewayCidr());
        assertEquals("10.6.0.1", allocator.allocate("10.6.0.0/16", null, null, List.of()).gateway());
    }

    @Test
    void userSubnetErrorsUseDockersWords() {
        List<Subnet> taken = List.of(DefaultPools.BRIDGE, Subnet.parse("10.1.0.0/16"));
        assertEquals("invalid pool request: Pool overlaps with other one on this address space",
                assertThrows(IpamException.class, () -> allocator.allocate("172.17.3.0/24", null, null, taken)).getMessage());
        assertEquals("invalid pool request: Pool overlaps with other one on this address space",
                assertThrows(IpamException.class, () -> allocator.allocate("10.0.0.0/8", null, null, taken)).getMessage());
        assertEquals("no matching subnet for gateway 10.3.0.1",
                assertThrows(IpamException.class, () -> allocator.allocate("10.2.0.0/16", null, "10.3.0.1", taken)).getMessage());
        assertEquals("no matching subnet for ip-range 10.2.0.0/15",
                assertThrows(IpamException.class, () -> allocator.allocate("10.2.0.0/16", "10.2.0.0/15", null, taken)).getMessage());
        assertEquals("every ip-range or gateway must have a corresponding subnet",
                assertThrows(IpamException.class, () -> allocator.allocate(null, null, "10.2.0.1", taken)).getMessage());
        assertEquals("invalid CIDR address: 10.2.0.0",
                assertThrows(IpamException.class, () -> allocator.allocate("10.2.0.0", null, null, taken)).getMessage());
        assertEquals("invalid CIDR address: 10.2.0.300/16",
                assertThrows(IpamException.class, () -> allocator.allocate("10.2.0.300/16", null, null, taken)).getMessage());
        assertEquals("failed to allocate gateway (10.2.255.255): Address already in use",
                assertThrows(IpamException.class, () -> allocator.allocate("10.2.0.0/16", null, "10.2.255.255", taken)).getMessage());
    }

    @Test
    void addressesAreTheLowestFreeSkippingNetworkGatewayBroadcast() {
        IpamConfig c = new IpamConfig("10.9.0.0/29", null, "10.9.0.1", true);
        AddressPool pool = new AddressPool("small", c, List.of());
        List<String> got = new ArrayList<>();
        for (int i = 0; i < 5; i++) got.add(pool.allocate());
        assertEquals(List.of("10.9.0.2", "10.9.0.3", "10.9.0.4", "10.9.0.5", "10.9.0.6"), got);
        var e = assertThrows(IpamException.class, pool::allocate);
        assertEquals("no available IPv4 addresses on this network's address pools: small", e.getMessage());
        pool.release("10.9.0.4");
        pool.release("10.9.0.4"); // twice is fine
        assertEquals("10.9.0.4", pool.allocate());
    }

    @Test
    void aGatewayInTheMiddleIsSkipped() {
        AddressPool pool = new AddressPool("n", new IpamConfig("10.9.0.0/30", null, "10.9.0.2", true), List.of());
        assertEquals("10.9.0.1", pool.allocate());
        assertThrows(IpamException.class, pool::allocate);
    }

    @Test
    void ipRangeLimitsDynamicButNotStaticAddresses() {
        IpamConfig c = new IpamConfig("10.9.0.0/24", "10.9.0.16/30", "10.9.0.1", true);
        AddressPool pool = new AddressPool("r", c, List.of("10.9.0.17"));
        assertEquals("10.9.0.16", pool.allocate());
        assertEquals("10.9.0.18", pool.allocate());
        assertEquals("10.9.0.19", pool.allocate());
        assertThrows(IpamException.class, pool::allocate);
        assertEquals("10.9.0.100", pool.allocate("10.9.0.100"));
        assertEquals(Set.of("10.9.0.16", "10.9.0.17", "10.9.0.18", "10.9.0.19", "10.9.0.100"), pool.inUse());
    }

    @Test
    void staticAddressErrors() {
        AddressPool pool = new AddressPool("s", new IpamConfig("10.9.0.0/24", null, "10.9.0.1", true), List.of("10.9.0.5"));
        for (String taken : new String[] {"10.9.0.5", "10.9.0.1", "10.9.0.0", "10.9.0.255"}) {
            assertEquals("Address already in use", assertThrows(IpamException.class, () -> pool.allocate(taken)).getMessage(), taken);
        }
        assertEquals("invalid address 10.8.0.5: It does not belong to any of this network's subnets",
                assertThrows(IpamException.class, () -> pool.allocate("10.8.0.5")).getMessage());
        assertEquals("invalid IPv4 address: bbox1", assertThrows(IpamException.class, () -> pool.allocate("bbox1")).getMessage());
        AddressPool dynamic = new AddressPool("d", new IpamConfig("172.18.0.0/16", null, "172.18.0.1", false), List.of());
        assertEquals("user specified IP address is supported only when connecting to networks with user configured subnets",
                assertThrows(IpamException.class, () -> dynamic.allocate("172.18.0.9")).getMessage());
    }

    @Test
    void rebuiltFromRecordsAnswersAsBefore() throws Exception {
        IpamConfig c = SubnetAllocator.docker().allocate("10.7.0.0/16", "10.7.1.0/24", null, List.of());
        AddressPool before = new AddressPool("p", c, List.of());
        for (int i = 0; i < 10; i++) before.allocate();
        before.release("10.7.1.3");
        ObjectMapper json = new ObjectMapper();
        String recorded = json.writeValueAsString(c);
        assertTrue(recorded.contains("\"subnet\":\"10.7.0.0/16\""), recorded);
        IpamConfig read = json.readValue(recorded, IpamConfig.class);
        assertEquals(c, read);
        AddressPool after = new AddressPool("p", read, before.inUse());
        assertEquals(before.allocate(), after.allocate());
        assertEquals(before.allocate(), after.allocate());
    }

    @Test
    void broadcastlessSmallSubnets() {
        AddressPool p31 = new AddressPool("p", new IpamConfig("10.9.0.0/31", null, "10.9.0.0", true), List.of());
        assertEquals("10.9.0.1", p31.allocate());
        assertNull(new IpamConfig("10.9.0.0/31", null, "10.9.0.0", true).ipRange());
    }

    @Test
    void subnetsCanonicalAndOverlap() {
        assertEquals("172.18.0.0/16", Subnet.parse("172.18.3.4/16").toString());
        assertTrue(Subnet.parse("10.0.0.0/8").overlaps(Subnet.parse("10.3.0.0/16")));
        assertTrue(Subnet.parse("10.3.0.0/16").overlaps(Subnet.parse("10.0.0.0/8")));
        assertFalse(Subnet.parse("10.3.0.0/16").overlaps(Subnet.parse("10.4.0.0/16")));
        assertEquals("255.255.255.255", Ipv4.format(Subnet.parse("0.0.0.0/0").last()));
        assertEquals(0xC0A80001, Ipv4.parse("192.168.0.1"));
    }

    @Test
    void macAddressesAreDockers() {
        assertEquals("02:42:ac:11:00:02", MacAddresses.fromIpv4("172.17.0.2"));
        assertEquals("02:42:c0:a8:10:ff", MacAddresses.fromIpv4("192.168.16.255"));
    }
}
