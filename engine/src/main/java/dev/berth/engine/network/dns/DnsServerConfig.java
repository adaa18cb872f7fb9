package dev.berth.engine.network.dns;

import java.net.InetSocketAddress;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * Where one embedded DNS server listens and where it forwards.
 *
 * @param listen     address and port for UDP and TCP (the network's gateway, port 53, in berthd; port 0
 *                   picks a free port, the same for both)
 * @param upstreams  resolvers for names the records do not know, tried in order ({@link Upstreams});
 *                   empty = no forwarding (an {@code --internal} network): such names get SERVFAIL
 * @param domain     optional search domain of the containers (as aardvark's {@code dns.podman}):
 *                   {@code NAME.DOMAIN} resolves as {@code NAME}, and unknown names under it get
 *                   NXDOMAIN here instead of being forwarded
 * @param udpWorkers threads reading the one UDP socket (they take turns in receive and answer in parallel)
 * @param forward    timeouts and limits of forwarding
 */
public record DnsServerConfig(InetSocketAddress listen, List<InetSocketAddress> upstreams, Optional<String> domain,
                              int udpWorkers, ForwardPolicy forward) {

    /** Docker's answer TTL ({@code respTTL}): containers' answers are good for 600 s. */
    public static final int TTL_SECONDS = 600;

    public DnsServerConfig {
        if (listen == null || listen.isUnresolved()) throw new IllegalArgumentException("DNS server: listen address must be a resolved IP address and port");
        upstreams = List.copyOf(upstreams);
        domain = domain.map(DnsNames::key).filter(d -> !d.isEmpty());
        if (udpWorkers < 1) throw new IllegalArgumentException("DNS server: udpWorkers must be >= 1");
        if (forward == null) throw new IllegalArgumentException("DNS server: forward policy missing");
    }

    /** Defaults: no search domain, two UDP workers, {@link ForwardPolicy#DEFAULT}. */
    public static DnsServerConfig of(InetSocketAddress listen, List<InetSocketAddress> upstreams) {
        return new DnsServerConfig(listen, upstreams, Optional.empty(), 2, ForwardPolicy.DEFAULT);
    }

    public DnsServerConfig withDomain(String domain) {
        return new DnsServerConfig(listen, upstreams, Optional.of(domain.toLowerCase(Locale.ROOT)), udpWorkers, forward);
    }

    public DnsServerConfig withUdpWorkers(int workers) {
        return new DnsServerConfig(listen, upstreams, domain, workers, forward);
    }

    public DnsServerConfig withForward(ForwardPolicy policy) {
        return new DnsServerConfig(listen, upstreams, domain, udpWorkers, policy);
    }
}
