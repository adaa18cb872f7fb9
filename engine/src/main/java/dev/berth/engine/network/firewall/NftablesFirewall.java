package dev.berth.engine.network.firewall;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;

/**
 * berth's own nftables table ({@code table ip berth}): masquerade, isolation between bridges, internal networks and
 * DNAT for published ports. Nothing outside the table is touched; every rule carries a comment naming its owner
 * ({@code berth network=NAME} and, for published ports, {@code container=ID port=tcp/HOSTIP:PORT}), which is how one
 * network's or one container's rules are found and removed. Removing the last network removes the table.
 *
 * <pre>
 * chain forward      (filter, hook forward, prio 0): jump into-bridges; jump from-bridges
 * chain into-bridges  per network: oifname BR iifname BR accept        (within the network)
 *                                  oifname BR ct state established,related accept (not internal)
 *                                  oifname BR ct status dnat accept    (published ports; not internal)
 *                                  oifname BR drop                     (other bridges, the outside: isolation)
 * chain from-bridges  per network: iifname BR accept | drop (internal: no way out)
 * chain guard        (filter, hook prerouting, prio raw): iifname BR ip daddr 127.0.0.0/8 drop
 * chain prerouting   (nat, dstnat): fib daddr type local jump ports
 * chain output       (nat, dstnat): fib daddr type local jump ports
 * chain ports         per published port: [ip daddr HOSTIP] iifname != BR tcp dport H dnat to C:P
 * chain postrouting  (nat, srcnat) per network: ip saddr SUBNET oifname != BR masquerade (not internal)
 *                                               oifname BR ip saddr 127.0.0.0/8 masquerade
 * </pre>
 *
 * Localhost: unlike Docker with its userland proxy (its OUTPUT rule skips 127.0.0.0/8 and docker-proxy carries those
 * connections), berth DNATs host-loopback connections too, as Docker does with {@code --userland-proxy=false} and as
 * netavark does. The kernel routes a packet from 127.0.0.1 out of a non-loopback interface only when that interface
 * has {@code net.ipv4.conf.BR.route_localnet=1}, so {@link #addNetwork} sets it on the bridge; the masquerade then
 * gives the packet the gateway as source, and the {@code guard} rule drops packets from the bridge addressed to
 * 127.0.0.0/8, which route_localnet would otherwise let containers send to the host's loopback services
 * (CVE-2020-8558). Connections a container makes to a published port on its own bridge are not DNATed (Docker's
 * {@code ! -i BR}); the port proxy carries them.
 */
public final class NftablesFirewall {

    /** The table berthd uses. Tests use their own name, so they never touch a running berthd's rules. */
    public static final String TABLE = "berth";

    private final Nft nft;
    private final String table;
    private final boolean routeLocalnet;
    private final ObjectMapper json = new ObjectMapper();

    /**
     * @param routeLocalnet set {@code route_localnet} on each network's bridge (needs the bridge to exist before
     *     {@link #addNetwork}); false only for tests that check scripts without a kernel
     */
    public NftablesFirewall(Nft nft, String table, boolean routeLocalnet) {
        Names.checkName("table name", table);
        this.nft = nft;
        this.table = table;
        this.routeLocalnet = routeLocalnet;
    }

    /** berthd's firewall: table {@value #TABLE} through this host's nft. */
    public static NftablesFirewall onHost() {
        return new NftablesFirewall(NftCommand.locate(), TABLE, true);
    }

    public String table() {
        return table;
    }

    /**
     * Adds (or replaces, in one transaction) a network's masquerade, isolation and guard rules. Creates the table on
     * first use. The bridge must exist (route_localnet is a setting of the interface).
     */
    public synchronized void addNetwork(FirewallNetwork n) {
        if (routeLocalnet) enableRouteLocalnet(n.bridge());
        List<NftRule> existing = rulesOrNull();
        StringBuilder s = new StringBuilder();
        if (existing == null) {
            base(s);
        } else {
            delete(s, existing, r -> n.name().equals(r.tag("network")) && r.tag("container") == null);
        }
        String br = quote(n.bridge());
        String c = " comment \"berth network=" + n.name() + "\"\n";
        String t = "add rule ip " + table + " ";
        s.append(t).append("into-bridges oifname ").append(br).append(" iifname ").append(br).append(" accept").append(c);
        if (!n.internal()) {
            s.append(t).append("into-bridges oifname ").append(br).append(" ct state established,related accept").append(c);
            s.append(t).append("into-bridges oifname ").append(br).append(" ct status dnat accept").append(c);
        }
        s.append(t).append("into-bridges oifname ").append(br).append(" drop").append(c);
        s.append(t).append("from-bridges iifname ").append(br).append(n.internal() ? " drop" : " accept").append(c);
        s.append(t).append("guard iifname ").append(br).append(" ip daddr 127.0.0.0/8 drop").append(c);
        if (!n.internal()) {
            s.append(t).append("postrouting ip saddr ").append(n.subnet()).append(" oifname != ").append(br).append(" masquerade").append(c);
        }
        s.append(t).append("postrouting oifname ").append(br).append(" ip saddr 127.0.0.0/8 masquerade").append(c);
        nft.apply(s.toString());
    }

    /** Removes every rule of the network (its published ports included); the table too when it was the last. */
    public synchronized void removeNetwork(String name) {
        removeWhere(r -> name.equals(r.tag("network")));
    }

    /** DNAT for one published port (replacing the same container's rule for the same protocol, host address and port). */
    public synchronized void publish(PublishedPort p) {
        List<NftRule> existing = rulesOrNull();
        if (existing == null || existing.stream().noneMatch(r -> p.network().name().equals(r.tag("network")))) {
            throw new FirewallException("cannot publish " + describe(p) + ": network " + p.network().name()
                    + " has no rules in table ip " + table + " (add the network first)");
        }
        StringBuilder s = new StringBuilder();
        String key = p.protocol().lowerName() + "/" + p.hostIp() + ":" + p.hostPort();
        delete(s, existing, r -> owner(p.containerId()).equals(r.tag("container")) && key.equals(r.tag("port")));
        s.append("add rule ip ").append(table).append(" ports ");
        if (!p.allAddresses()) s.append("ip daddr ").append(p.hostIp()).append(' ');
        s.append("iifname != ").append(quote(p.network().bridge())).append(' ')
                .append(p.protocol().lowerName()).append(" dport ").append(p.hostPort())
                .append(" dnat to ").append(p.containerIp()).append(':').append(p.containerPort())
                .append(" comment \"berth network=").append(p.network().name())
                .append(" container=").append(owner(p.containerId())).append(" port=").append(key).append("\"\n");
        nft.apply(s.toString());
    }

    /**
     * The container as a rule's comment names it: its short ID (12 hex digits, as Docker shows it) —
     * nftables allows 128 characters a comment, and a full ID with a long network name and an IPv4
     * address does not fit.
     */
    static String owner(String containerId) {
        return containerId.length() > 12 ? containerId.substring(0, 12) : containerId;
    }

    /** Removes every published-port rule of the container (on all its networks). */
    public synchronized void unpublish(String containerId) {
        removeWhere(r -> owner(containerId).equals(r.tag("container")));
    }

    /** Every rule the network owns (its published ports included), in table order. */
    public List<NftRule> rulesOf(String network) {
        return rules().stream().filter(r -> network.equals(r.tag("network"))).toList();
    }

    public List<NftRule> rulesOfContainer(String containerId) {
        return rules().stream().filter(r -> owner(containerId).equals(r.tag("container"))).toList();
    }

    /** All rules of the table (the fixed jumps included); empty when the table does not exist. */
    public List<NftRule> rules() {
        List<NftRule> r = rulesOrNull();
        return r == null ? List.of() : r;
    }

    public boolean tableExists() {
        return nft.listJson("table ip " + table) != null;
    }

    /** Deletes the whole table, whatever is in it (berthd's reset; tests' cleanup). */
    public synchronized void removeTable() {
        if (tableExists()) nft.apply("delete table ip " + table + "\n");
    }

    private void removeWhere(Predicate<NftRule> owned) {
        List<NftRule> existing = rulesOrNull();
        if (existing == null) return;
        boolean othersLeft = existing.stream().anyMatch(r -> r.tag("network") != null && !owned.test(r));
        if (!othersLeft) {
            nft.apply("delete table ip " + table + "\n");
            return;
        }
        StringBuilder s = new StringBuilder();
        delete(s, existing, owned);
        if (!s.isEmpty()) nft.apply(s.toString());
    }

    private void base(StringBuilder s) {
        String t = "ip " + table;
        s.append("add table ").append(t).append('\n');
        s.append("add chain ").append(t).append(" forward { type filter hook forward priority 0; policy accept; }\n");
        s.append("add chain ").append(t).append(" into-bridges\n");
        s.append("add chain ").append(t).append(" from-bridges\n");
        s.append("add rule ").append(t).append(" forward jump into-bridges comment \"berth\"\n");
        s.append("add rule ").append(t).append(" forward jump from-bridges comment \"berth\"\n");
        s.append("add chain ").append(t).append(" guard { type filter hook prerouting priority -300; policy accept; }\n");
        s.append("add chain ").append(t).append(" prerouting { type nat hook prerouting priority -100; policy accept; }\n");
        s.append("add chain ").append(t).append(" output { type nat hook output priority -100; policy accept; }\n");
        s.append("add chain ").append(t).append(" ports\n");
        s.append("add rule ").append(t).append(" prerouting fib daddr type local jump ports comment \"berth\"\n");
        s.append("add rule ").append(t).append(" output fib daddr type local jump ports comment \"berth\"\n");
        s.append("add chain ").append(t).append(" postrouting { type nat hook postrouting priority 100; policy accept; }\n");
    }

    private void delete(StringBuilder s, List<NftRule> rules, Predicate<NftRule> which) {
        for (NftRule r : rules) {
            if (which.test(r)) {
                s.append("delete rule ip ").append(table).append(' ').append(r.chain()).append(" handle ").append(r.handle()).append('\n');
            }
        }
    }

    private List<NftRule> rulesOrNull() {
        String text = nft.listJson("table ip " + table);
        if (text == null) return null;
        try {
            List<NftRule> out = new ArrayList<>();
            for (JsonNode item : json.readTree(text).path("nftables")) {
                JsonNode rule = item.get("rule");
                if (rule == null) continue;
                out.add(new NftRule(rule.path("chain").asText(), rule.path("handle").asLong(),
                        rule.hasNonNull("comment") ? rule.get("comment").asText() : null));
            }
            return out;
        } catch (IOException e) {
            throw new FirewallException("cannot read nft -j list table ip " + table + ": " + e.getMessage(), e);
        }
    }

    private static void enableRouteLocalnet(String bridge) {
        Path p = Path.of("/proc/sys/net/ipv4/conf", bridge, "route_localnet");
        try {
            Files.writeString(p, "1");
        } catch (IOException e) {
            throw new FirewallException("cannot write 1 to " + p + " (" + e + "): create the bridge " + bridge
                    + " before adding its network's rules", e);
        }
    }

    private static String quote(String name) {
        return "\"" + name + "\"";
    }

    private static String describe(PublishedPort p) {
        return p.hostIp() + ":" + p.hostPort() + "/" + p.protocol().lowerName() + " -> " + p.containerIp() + ":" + p.containerPort();
    }
}
