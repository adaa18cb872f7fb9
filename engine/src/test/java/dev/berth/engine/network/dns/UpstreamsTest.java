package dev.berth.engine.network.dns;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class UpstreamsTest {

    @TempDir
    Path tmp;

    @Test
    void berthDnsListWithPortsAndIpv6() {
        assertEquals(List.of(new InetSocketAddress("127.0.0.1", 5353), new InetSocketAddress("10.0.0.2", 53),
                        new InetSocketAddress("fd00::1", 53)),
                Upstreams.parse(" 127.0.0.1:5353, 10.0.0.2 ,[fd00::1]:53"));
        assertEquals(List.of(new InetSocketAddress("fd00::2", 53)), Upstreams.parse("fd00::2"));
        assertEquals(3, Upstreams.parse("1.1.1.1,2.2.2.2,3.3.3.3,4.4.4.4").size(), "at most three, as Docker");
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Upstreams.parse("dns.example"));
        assertTrue(e.getMessage().contains("BERTH_DNS") && e.getMessage().contains("dns.example"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> Upstreams.parse("1.2.3.4:0"));
        assertThrows(IllegalArgumentException.class, () -> Upstreams.parse("1.2.3.4:x"));
    }

    @Test
    void resolvConfNameserversWhenBerthDnsIsUnset() throws Exception {
        Path conf = tmp.resolve("resolv.conf");
        Files.writeString(conf, """
                # generated
                search example.test
                nameserver 192.0.2.53
                nameserver fe80::1%eth0
                nameserver not-an-address
                options ndots:2
                nameserver 192.0.2.54
                nameserver 192.0.2.55
                """);
        List<InetSocketAddress> expected = List.of(new InetSocketAddress("192.0.2.53", 53),
                new InetSocketAddress("fe80::1", 53), new InetSocketAddress("192.0.2.54", 53));
        assertEquals(expected, Upstreams.resolve(null, conf));
        assertEquals(expected, Upstreams.resolve("  ", conf));
        assertEquals(List.of(new InetSocketAddress("127.0.0.1", 53)), Upstreams.resolve("127.0.0.1", conf), "BERTH_DNS wins");
        assertEquals(List.of(), Upstreams.fromResolvConf(tmp.resolve("absent")));
    }
}
