package dev.berth.engine.network.firewall;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.berth.engine.network.ports.Protocol;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The scripts berth hands to nft, checked without a kernel (a recording {@link Nft}). */
class FirewallScriptTest {

    /** Records scripts; lists the table as {@code listing} (null: no table). */
    private static final class RecordingNft implements Nft {
        final List<String> scripts = new ArrayList<>();
        String listing;

        @Override
        public void apply(String script) {
            scripts.add(script);
        }

        @Override
        public String listJson(String what) {
            return listing;
        }
    }

    private static final FirewallNetwork WEB = new FirewallNetwork("web", "br-0123456789ab", "172.18.0.0/16", false);

    @Test
    void theFirstNetworkCreatesTheTableThenItsRules() {
        RecordingNft nft = new RecordingNft();
        new NftablesFirewall(nft, "berth", false).addNetwork(WEB);
        String script = nft.scripts.getFirst();
        assertTrue(script.startsWith("add table ip berth\n"), script);
        for (String line : List.of(
                "add rule ip berth into-bridges oifname \"br-0123456789ab\" drop comment \"berth network=web\"",
                "add rule ip berth from-bridges iifname \"br-0123456789ab\" accept comment \"berth network=web\"",
                "add rule ip berth postrouting ip saddr 172.18.0.0/16 oifname != \"br-0123456789ab\" masquerade comment \"berth network=web\"",
                "add rule ip berth guard iifname \"br-0123456789ab\" ip daddr 127.0.0.0/8 drop comment \"berth network=web\"")) {
            assertTrue(script.contains(line + "\n"), line + "\nnot in\n" + script);
        }
    }

    @Test
    void removalDeletesByHandleAndTheLastNetworkTheTable() {
        RecordingNft nft = new RecordingNft();
        nft.listing = """
                {"nftables": [{"table": {"family": "ip", "name": "berth", "handle": 1}},
                 {"rule": {"family": "ip", "table": "berth", "chain": "forward", "handle": 4, "comment": "berth"}},
                 {"rule": {"family": "ip", "table": "berth", "chain": "into-bridges", "handle": 13, "comment": "berth network=web"}},
                 {"rule": {"family": "ip", "table": "berth", "chain": "into-bridges", "handle": 14, "comment": "berth network=web2"}},
                 {"rule": {"family": "ip", "table": "berth", "chain": "ports", "handle": 21, "comment": "berth network=web container=abc port=tcp/0.0.0.0:80"}},
                 {"rule": {"family": "ip", "table": "berth", "chain": "ports", "handle": 22, "comment": "berth network=web2 container=abc port=tcp/0.0.0.0:81"}}]}
                """;
        NftablesFirewall fw = new NftablesFirewall(nft, "berth", false);
        assertEquals(2, fw.rulesOf("web").size(), "web2 is another network, not a prefix match");
        fw.unpublish("abc");
        assertEquals("delete rule ip berth ports handle 21\ndelete rule ip berth ports handle 22\n", nft.scripts.removeLast());
        fw.removeNetwork("web");
        assertEquals("delete rule ip berth into-bridges handle 13\ndelete rule ip berth ports handle 21\n", nft.scripts.removeLast());
        nft.listing = nft.listing.replace("web2", "web");
        fw.removeNetwork("web");
        assertEquals("delete table ip berth\n", nft.scripts.removeLast());
    }

    @Test
    void publishingNeedsTheNetworkFirst() {
        RecordingNft nft = new RecordingNft();
        var e = assertThrows(FirewallException.class, () -> new NftablesFirewall(nft, "berth", false)
                .publish(new PublishedPort("abc", WEB, Protocol.UDP, "127.0.0.1", 5353, "172.18.0.2", 53)));
        assertEquals("cannot publish 127.0.0.1:5353/udp -> 172.18.0.2:53: network web has no rules in table ip berth (add the network first)",
                e.getMessage());
    }
}
