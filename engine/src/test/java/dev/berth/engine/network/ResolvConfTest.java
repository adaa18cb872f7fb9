package dev.berth.engine.network;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import org.junit.jupiter.api.Test;

class ResolvConfTest {

    private static final ResolvConf HOST = ResolvConf.parse("""
            # managed by someone
            nameserver 127.0.0.53
            nameserver 10.0.0.2
            domain old.example
            search corp.example lab.example
            options edns0 ndots:2
            """);

    @Test
    void theDefaultBridgeLeavesLocalhostServersOut() {
        assertEquals("nameserver 10.0.0.2\nsearch corp.example lab.example\noptions edns0 ndots:2\n",
                HOST.forDefaultBridge(List.of()).render());
        assertEquals(List.of("8.8.8.8", "8.8.4.4"), ResolvConf.parse("nameserver 127.0.0.1\n").forDefaultBridge(List.of()).nameservers(),
                "only localhost servers: Docker's fallback");
        assertEquals(List.of("127.0.0.1"), HOST.forDefaultBridge(List.of("127.0.0.1")).nameservers(),
                "the daemon's own servers (BERTH_DNS) as given");
    }

    @Test
    void userDefinedNetworksAskTheEmbeddedServer() {
        assertEquals("nameserver 172.18.0.1\nsearch corp.example lab.example\noptions edns0 ndots:0\n",
                HOST.forEmbeddedDns("172.18.0.1").render());
    }

    @Test
    void theContainersOwnSettingsWin() {
        ResolvConf c = HOST.forEmbeddedDns("172.18.0.1").overriddenBy(List.of("10.9.9.9"), List.of("x.example"), List.of());
        assertEquals(List.of("10.9.9.9"), c.nameservers());
        assertEquals(List.of("x.example"), c.search());
        assertEquals(List.of("edns0", "ndots:0"), c.options());
    }

    @Test
    void hostsFileLikeDockers() {
        assertEquals("""
                127.0.0.1\tlocalhost
                ::1\tlocalhost ip6-localhost ip6-loopback
                fe00::0\tip6-localnet
                ff00::0\tip6-mcastprefix
                ff02::1\tip6-allnodes
                ff02::2\tip6-allrouters
                172.18.0.2\tweb.example.org\tweb
                10.1.1.1\tdb.local
                """, HostsFile.render("web", "example.org", List.of("172.18.0.2"),
                List.of(HostsFile.ExtraHost.parse("db.local:10.1.1.1"))));
        assertEquals(new HostsFile.ExtraHost("v6", "::1"), HostsFile.ExtraHost.parse("v6:::1"));
        assertThrows(IllegalArgumentException.class, () -> HostsFile.ExtraHost.parse("nohost"));
    }
}
