package dev.berth.engine.network;

import dev.berth.engine.EngineRoots;
import dev.berth.engine.container.Endpoint;
import dev.berth.engine.network.dns.DnsRecords;
import dev.berth.engine.network.dns.DnsServer;
import dev.berth.engine.network.dns.DnsServerConfig;
import dev.berth.engine.network.dns.Upstreams;
import dev.berth.engine.network.firewall.FirewallNetwork;
import dev.berth.engine.network.firewall.NftCommand;
import dev.berth.engine.network.firewall.NftablesFirewall;
import dev.berth.engine.network.ipam.AddressPool;
import dev.berth.engine.network.ipam.IpamConfig;
import dev.berth.engine.network.ipam.Ipv4;
import dev.berth.engine.network.ipam.MacAddresses;
import dev.berth.engine.network.ipam.Subnet;
import dev.berth.engine.network.ipam.SubnetAllocator;
import dev.berth.engine.network.link.Links;
import dev.berth.engine.network.link.NetNs;
import dev.berth.engine.network.link.NetworkNamespaces;
import java.io.IOException;
import java.net.Inet4Address;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Predicate;

/**
 * The one owner of berth's networks: their records, their Linux bridges, their firewall rules and
 * the addresses handed out on them; and each container's endpoints — its network namespace
 * ({@code BERTH_RUN/netns/<short id>}), a veth pair into the network's bridge, its address, MAC and
 * default route. The default network {@code bridge} is made when the engine opens. Networks and
 * their bridges outlive berthd; a new berthd re-creates a bridge the host lost (a reboot).
 */
public final class NetworkService {

    static final int MTU = 1500;

    private final NetworkStore store;
    private final NftablesFirewall firewall;
    private final NetworkNamespaces netns;
    private final DnsRecords dnsRecords = new DnsRecords();
    private final Map<String, DnsServer> dnsServers = new ConcurrentHashMap<>();
    private final List<java.net.InetSocketAddress> upstreams;
    private final SubnetAllocator subnets = SubnetAllocator.docker();
    private final Map<String, AddressPool> pools = new ConcurrentHashMap<>();
    private final String cgroupLikeSuffix;

    /** {@code BERTH_RUN/links}: the name of every host-side link this engine made, one a line (see {@link #remember}). */
    public static final String LINK_LEDGER = "links";
    private final Path linkLedger;
    private final java.util.Set<String> noted = ConcurrentHashMap.newKeySet();
    /** {@code networkId/address} → the host-side veth of the container that held it last (at most one per address). */
    private final Map<String, String> releasing = new ConcurrentHashMap<>();

    private NetworkService(EngineRoots roots, String berthDns) throws IOException {
        this.upstreams = Upstreams.resolve(berthDns, Path.of("/etc/resolv.conf"));
        this.store = new NetworkStore(roots.networks());
        String parent = roots.cgroupParent(); // "berth", or "berth-<hash>" for an engine of its own (tests)
        this.cgroupLikeSuffix = parent.equals("berth") ? "" : parent.substring("berth-".length());
        // nft is looked up when a rule is first written: a host without nftables still runs none/host containers
        this.firewall = new NftablesFirewall(new dev.berth.engine.network.firewall.Nft() {
            @Override
            public void apply(String script) {
                NftCommand.locate().apply(script);
            }

            @Override
            public String listJson(String what) {
                return NftCommand.locate().listJson(what);
            }
        }, parent.replace('-', '_'), true);
        this.netns = new NetworkNamespaces(roots.run().resolve("netns"));
        this.linkLedger = roots.run().resolve(LINK_LEDGER);
        // a berthd that starts keeps only the names whose links still exist: the ledger stays as small as what is there
        if (Files.exists(linkLedger)) {
            for (String name : Files.readAllLines(linkLedger)) {
                if (!name.isEmpty() && Files.exists(Path.of("/sys/class/net", name))) noted.add(name);
            }
            Files.writeString(linkLedger, noted.stream().map(n -> n + "\n").collect(java.util.stream.Collectors.joining()));
        }
    }

    /**
     * Opens the networks of {@code roots}: every recorded bridge and its rules in place again (after a
     * reboot), the DNS servers of the user-defined ones running. {@code berthDns}: {@code BERTH_DNS},
     * the resolvers names are forwarded to instead of the host's.
     */
    public static NetworkService open(EngineRoots roots, String berthDns) throws IOException {
        NetworkService s = new NetworkService(roots, berthDns);
        for (Network n : s.store.list(x -> true)) {
            s.ensureKernelObjects(n);
            if (n.userDefined()) s.startDns(n);
        }
        return s;
    }

    /** Docker's default network, made on first use (an engine that never runs a bridged container makes no bridge). */
    public synchronized Network defaultNetwork() throws IOException {
        List<Network> found = store.list(x -> x.name().equals(Network.DEFAULT_NAME));
        if (!found.isEmpty()) return found.getFirst();
        return create(Network.DEFAULT_NAME, null, null, null, false, Map.of());
    }

    /** The network a container's network mode names: the default for {@code bridge}/{@code default}. */
    public Network forMode(String networkMode) throws IOException {
        return networkMode.equals("bridge") || networkMode.equals("default") ? defaultNetwork() : store.get(networkMode);
    }

    public DnsRecords dnsRecords() {
        return dnsRecords;
    }

    /** The embedded DNS server of a user-defined network: on its gateway, port 53, UDP and TCP. */
    private void startDns(Network n) throws IOException {
        if (dnsServers.containsKey(n.id())) return;
        var listen = new java.net.InetSocketAddress(Ipv4.toInet(Ipv4.parse(n.gateway())), 53);
        dnsServers.put(n.id(), DnsServer.start(dnsRecords, DnsServerConfig.of(listen, n.internal() ? List.of() : upstreams)));
    }

    private void stopDns(Network n) {
        DnsServer server = dnsServers.remove(n.id());
        if (server != null) server.close();
        dnsRecords.removeNetwork(n.name());
    }

    /** Stops the DNS servers (berthd stopping); the networks, bridges and rules stay. */
    public synchronized void close() {
        for (DnsServer server : dnsServers.values()) server.close();
        dnsServers.clear();
        // the proxies are berthd's own threads: they end with it (the DNAT rules stay; the next berthd
        // starts the proxies again for the containers still running)
        proxies.values().forEach(l -> l.forEach(dev.berth.engine.network.ports.PortProxy::close));
        proxies.clear();
    }

    /**
     * Everything of an engine's networks off the host — bridges, rules, namespaces, the records — with
     * no berthd running: for a test's engine, at its end (networks outlive berthd by design).
     */
    public static void removeAll(EngineRoots roots) throws IOException {
        new NetworkService(roots, null).removeAll();
    }

    private synchronized void removeAll() throws IOException {
        close();
        for (String name : netns.list()) netns.delete(name); // containers' namespaces a failed test left
        for (Network n : store.list(x -> true)) {
            try {
                removeKernelObjects(n);
            } catch (IOException | RuntimeException e) {
                // the bridge below still goes
                try (Links links = Links.open()) {
                    links.deleteIfExists(n.bridge());
                }
            }
            store.remove(n.id());
        }
        pools.clear();
        if (NftCommand.available() && firewall.tableExists()) firewall.removeTable();
        netns.releaseDirectory();
    }

    public NetworkStore store() {
        return store;
    }

    // --- networks ------------------------------------------------------------------------------

    /** {@code docker network create}: a subnet from Docker's pools unless given; the bridge, its gateway and rules. */
    public synchronized Network create(String name, String subnet, String ipRange, String gateway, boolean internal,
                                       Map<String, String> labels) throws IOException {
        if (!store.list(n -> n.name().equals(name)).isEmpty()) {
            throw new NetworkConflictException("network with name " + name + " already exists");
        }
        // the default network holds Docker's first pool (172.17.0.0/16), as docker0 does from dockerd's start
        if (!name.equals(Network.DEFAULT_NAME) && subnet == null) defaultNetwork();
        IpamConfig ipam = subnets.allocate(subnet, ipRange, gateway, takenSubnets());
        String id = NetworkStore.newId();
        Network n = new Network(id, name, Instant.now(), "bridge", internal, false, labels, Map.of(), ipam.subnet(),
                ipam.gateway(), ipam.ipRange() == null ? "" : ipam.ipRange(), bridgeName(id));
        store.create(n);
        try {
            ensureKernelObjects(n);
            if (n.userDefined()) startDns(n);
        } catch (IOException | RuntimeException e) {
            stopDns(n);
            removeKernelObjects(n);
            store.remove(n.id());
            throw e;
        }
        return n;
    }

    /** {@code docker network rm}: refused while a container is on it ({@code inUse} says), and for the default network. */
    public synchronized void remove(String ref, Predicate<Network> inUse) throws IOException {
        Network n = store.get(ref);
        if (!n.userDefined()) throw new NetworkConflictException(n.name() + " is a pre-defined network and cannot be removed");
        if (inUse.test(n)) {
            throw new NetworkConflictException("error while removing network: network " + n.name() + " id " + n.id()
                    + " has active endpoints");
        }
        stopDns(n);
        removeKernelObjects(n);
        store.remove(n.id());
        pools.remove(n.id());
    }

    public Network get(String ref) throws IOException {
        return store.get(ref);
    }

    public List<Network> list(Predicate<Network> filter) throws IOException {
        return store.list(filter);
    }

    /** The bridge, its gateway address, forwarding and the firewall rules (again after a reboot). */
    private void ensureKernelObjects(Network n) throws IOException {
        Subnet subnet = Subnet.parse(n.subnet());
        try (Links links = Links.open()) {
            if (links.find(n.bridge()).isEmpty()) {
                remember(n.bridge());
                links.createBridge(n.bridge(), MTU);
                links.addAddress(n.bridge(), (Inet4Address) Ipv4.toInet(Ipv4.parse(n.gateway())), subnet.prefixLength());
            }
            links.setUp(n.bridge());
        }
        Files.writeString(Path.of("/proc/sys/net/ipv4/ip_forward"), "1"); // as dockerd does, for the way out
        firewall.addNetwork(new FirewallNetwork(n.name(), n.bridge(), n.subnet(), n.internal()));
    }

    private void removeKernelObjects(Network n) throws IOException {
        firewall.removeNetwork(n.name());
        try (Links links = Links.open()) {
            links.deleteIfExists(n.bridge());
        }
    }

    private List<Subnet> takenSubnets() throws IOException {
        List<Subnet> taken = new ArrayList<>();
        for (Network n : store.list(x -> true)) taken.add(Subnet.parse(n.subnet()));
        // the host's own addresses (other engines' bridges, docker0, the uplink) are not ours to hand out
        try (Links links = Links.open()) {
            for (var link : links.list()) {
                for (String cidr : links.ipv4Addresses(link.name())) {
                    if (!cidr.startsWith("127.")) taken.add(networkOf(cidr));
                }
            }
        }
        return taken;
    }

    /** The prefix an interface address is on: {@code 10.0.2.15/24} → 10.0.2.0/24. */
    private static Subnet networkOf(String cidr) {
        int prefix = Integer.parseInt(cidr.substring(cidr.indexOf('/') + 1));
        int mask = prefix == 0 ? 0 : -1 << (32 - prefix);
        return new Subnet(Ipv4.parse(cidr.substring(0, cidr.indexOf('/'))) & mask, prefix);
    }

    /** {@code bt} and 12 hex digits of the network's ID (an interface name has at most 15 bytes). */
    /**
     * Notes a link before it is made, so the leak check of this engine (HostLeftovers) looks for exactly
     * its own links, not another engine's on the same host (tests run side by side). Appends a line.
     */
    private void remember(String link) throws IOException {
        if (!noted.add(link)) return;
        Files.createDirectories(linkLedger.getParent());
        Files.writeString(linkLedger, link + "\n", java.nio.file.StandardOpenOption.CREATE, java.nio.file.StandardOpenOption.APPEND);
    }

    private String bridgeName(String id) {
        return "bt" + cgroupLikeSuffix.substring(0, Math.min(2, cgroupLikeSuffix.length())) + id.substring(0, 10);
    }

    // --- endpoints -----------------------------------------------------------------------------

    /** After a restart: the addresses the running containers' endpoints hold on {@code n}. */
    public void restore(Network n, Collection<String> addresses) {
        pools.put(n.id(), new AddressPool(n.name(), ipam(n), addresses));
    }

    private AddressPool pool(Network n) {
        return pools.computeIfAbsent(n.id(), id -> new AddressPool(n.name(), ipam(n), List.of()));
    }

    private static IpamConfig ipam(Network n) {
        return new IpamConfig(n.subnet(), n.ipRange().isEmpty() ? null : n.ipRange(), n.gateway(), false);
    }

    /** The container's network namespace (made by {@link #connect}), for the shim to join. */
    public Path namespace(String containerId) {
        return netns.path(containerId.substring(0, 12));
    }

    /**
     * Puts a container on a network before it starts: its namespace (made on the first network), a
     * veth pair into the bridge, {@code eth<index>} with its address and MAC, and the default route
     * through the first network's gateway.
     */
    public synchronized Endpoint connect(String containerId, Network n, int index, List<String> aliases, List<String> dnsNames,
                                         String requestedAddress) throws IOException {
        String shortId = containerId.substring(0, 12);
        Path ns = netns.exists(shortId) ? netns.path(shortId) : createNamespace(shortId);
        AddressPool pool = pool(n);
        String address = requestedAddress == null || requestedAddress.isEmpty() ? pool.allocate() : pool.allocate(requestedAddress);
        Subnet subnet = Subnet.parse(n.subnet());
        String mac = MacAddresses.fromIpv4(address);
        String hostSide = vethName("vb", containerId, n.id());
        String peer = vethName("vp", containerId, n.id());
        try {
            try (Links host = Links.open()) {
                host.deleteIfExists(hostSide); // left by a berthd that died half-way
                // the address (and so the MAC) a container that just ended had: its veth, which the kernel
                // takes down in its own time, goes now — two bridge ports with one MAC broke other endpoints'
                // traffic to the gateway in this sandbox's network stack (a recreate reuses the address at once)
                String previous = releasing.remove(n.id() + "/" + address);
                if (previous != null && !previous.equals(hostSide)) host.deleteIfExists(previous);
                remember(hostSide);
                host.createVethPair(hostSide, peer, MTU, ns);
                host.setMaster(hostSide, n.bridge());
                host.setUp(hostSide);
            }
            String inside = "eth" + index;
            NetNs.run(ns, () -> {
                try (Links in = Links.open()) {
                    in.rename(peer, inside);
                    in.setMac(inside, mac);
                    in.addAddress(inside, (Inet4Address) Ipv4.toInet(Ipv4.parse(address)), subnet.prefixLength());
                    in.setUp(inside);
                    if (index == 0 && !n.internal()) in.addDefaultRoute((Inet4Address) Ipv4.toInet(Ipv4.parse(n.gateway())));
                }
                return null;
            });
        } catch (IOException | InterruptedException | RuntimeException e) {
            pool.release(address);
            try (Links host = Links.open()) {
                host.deleteIfExists(hostSide);
            }
            if (e instanceof InterruptedException) Thread.currentThread().interrupt();
            throw e instanceof IOException io ? io : new IOException("connect " + shortId + " to " + n.name() + ": " + e.getMessage(), e);
        }
        return new Endpoint(n.id(), address, subnet.prefixLength(), n.gateway(), mac, aliases, dnsNames, requestedAddress);
    }

    private Path createNamespace(String shortId) throws IOException {
        try {
            return netns.create(shortId);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while making the network namespace of " + shortId, e);
        }
    }

    /** Takes a container off all its networks once it has ended: its veths, its namespace, its addresses. */
    public synchronized void disconnectAll(String containerId, Map<String, Endpoint> endpoints) throws IOException {
        for (Endpoint e : endpoints.values()) {
            if (e.ipAddress().isEmpty()) continue; // configured, never connected
            try {
                pool(store.get(e.networkId())).release(e.ipAddress());
                releasing.put(e.networkId() + "/" + e.ipAddress(), vethName("vb", containerId, e.networkId()));
            } catch (NetworkNotFoundException gone) {
                // its network is gone already
            }
        }
        // the namespace's end takes its veths with it, in the kernel's own time (~30 ms); deleting each
        // veth first would make every container's exit wait for that (a restart's connect deletes a
        // lingering one by name first)
        netns.delete(containerId.substring(0, 12));
    }

    // --- published ports -----------------------------------------------------------------------

    private final Map<String, List<dev.berth.engine.network.ports.PortProxy>> proxies = new ConcurrentHashMap<>();

    /**
     * {@code -p}: for each binding a userland proxy on the host address and port (a free port when
     * none is given, as Docker's docker-proxy) and a DNAT rule in berth's table; returns the
     * bindings with the host ports actually bound. All or nothing.
     */
    public synchronized List<dev.berth.engine.container.PortBinding> publish(String containerId, Network n, String containerIp,
                                                                             List<dev.berth.engine.container.PortBinding> bindings) {
        List<dev.berth.engine.container.PortBinding> actual = new ArrayList<>();
        List<dev.berth.engine.network.ports.PortProxy> started = new ArrayList<>();
        try {
            for (var b : bindings) {
                var protocol = b.protocol().equals("udp") ? dev.berth.engine.network.ports.Protocol.UDP : dev.berth.engine.network.ports.Protocol.TCP;
                String hostIp = b.hostIp().isEmpty() ? "0.0.0.0" : b.hostIp();
                var proxy = dev.berth.engine.network.ports.PortProxy.start(new dev.berth.engine.network.ports.PortMapping(protocol, hostIp,
                        b.hostPort().isEmpty() ? 0 : Integer.parseInt(b.hostPort()), containerIp, b.port()));
                started.add(proxy);
                firewall.publish(new dev.berth.engine.network.firewall.PublishedPort(containerId,
                        new FirewallNetwork(n.name(), n.bridge(), n.subnet(), n.internal()), protocol, hostIp, proxy.hostPort(),
                        containerIp, b.port()));
                actual.add(new dev.berth.engine.container.PortBinding(b.containerPort(), b.hostIp().isEmpty() ? "0.0.0.0" : b.hostIp(),
                        String.valueOf(proxy.hostPort())));
            }
        } catch (RuntimeException e) {
            started.forEach(dev.berth.engine.network.ports.PortProxy::close);
            firewall.unpublish(containerId);
            throw e;
        }
        proxies.put(containerId, started);
        return actual;
    }

    /** The container's proxies closed and its DNAT rules gone. */
    public synchronized void unpublish(String containerId) {
        List<dev.berth.engine.network.ports.PortProxy> list = proxies.remove(containerId);
        if (list != null) list.forEach(dev.berth.engine.network.ports.PortProxy::close);
        if (list != null || !firewall.rulesOfContainer(containerId).isEmpty()) firewall.unpublish(containerId);
    }

    /** Takes a running container off one network: its veth there (the namespace stays), its address. */
    public synchronized void disconnect(String containerId, Endpoint e) throws IOException {
        try (Links host = Links.open()) {
            host.deleteIfExists(vethName("vb", containerId, e.networkId()));
        }
        try {
            pool(store.get(e.networkId())).release(e.ipAddress());
        } catch (NetworkNotFoundException gone) {
            // its network is gone already
        }
    }

    /** {@code vb}/{@code vp} and 12 hex digits of the container's and network's IDs together. */
    private static String vethName(String prefix, String containerId, String networkId) {
        try {
            byte[] h = MessageDigest.getInstance("SHA-256").digest((containerId + networkId).getBytes(StandardCharsets.UTF_8));
            return prefix + HexFormat.of().formatHex(h, 0, 6);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

}
