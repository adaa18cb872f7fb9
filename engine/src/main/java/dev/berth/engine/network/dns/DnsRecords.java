package dev.berth.engine.network.dns;

import java.net.Inet4Address;
import java.net.InetAddress;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The live name table of every network's embedded DNS: which container answers to which name on
 * which network. Thread-safe: berthd changes it as containers start, stop, connect and disconnect,
 * while {@link DnsServer}s read it for every query.
 *
 * <p>A query is answered from the asker's view: the asker is known by its source address (a
 * container's address on some network), and sees only the names on the networks that container is
 * attached to — all of them, as in Docker, whichever gateway it asked. An address that is no
 * container's sees nothing. IPAM keeps networks' subnets apart, so an address names one container.
 *
 * <p>Reads are lock-free on an immutable snapshot, rebuilt on every change (changes are rare,
 * queries are many).
 */
public final class DnsRecords {

    /** Network name → container id → entry; guarded by {@code this}. */
    private final Map<String, LinkedHashMap<String, DnsEntry>> byNetwork = new LinkedHashMap<>();
    private volatile Snapshot snapshot = Snapshot.EMPTY;

    /** Adds {@code entry} on {@code network}, replacing the same container's previous entry there. */
    public synchronized void put(String network, DnsEntry entry) {
        requireNetwork(network);
        byNetwork.computeIfAbsent(network, _ -> new LinkedHashMap<>()).put(entry.containerId(), entry);
        rebuild();
    }

    /** Removes a container's entry from one network (disconnect); false if it had none there. */
    public synchronized boolean remove(String network, String containerId) {
        Map<String, DnsEntry> entries = byNetwork.get(network);
        if (entries == null || entries.remove(containerId) == null) return false;
        if (entries.isEmpty()) byNetwork.remove(network);
        rebuild();
        return true;
    }

    /** Removes a container from every network (stop, rm); returns on how many networks it was. */
    public synchronized int removeContainer(String containerId) {
        int removed = 0;
        for (var it = byNetwork.values().iterator(); it.hasNext(); ) {
            Map<String, DnsEntry> entries = it.next();
            if (entries.remove(containerId) != null) removed++;
            if (entries.isEmpty()) it.remove();
        }
        if (removed > 0) rebuild();
        return removed;
    }

    /** Removes a whole network's entries (network rm); returns how many there were. */
    public synchronized int removeNetwork(String network) {
        Map<String, DnsEntry> entries = byNetwork.remove(network);
        if (entries == null) return 0;
        rebuild();
        return entries.size();
    }

    /** The entries on one network, in the order they were added. */
    public synchronized List<DnsEntry> entries(String network) {
        Map<String, DnsEntry> entries = byNetwork.get(network);
        return entries == null ? List.of() : List.copyOf(entries.values());
    }

    /** The networks whose names {@code asker} sees; empty for an address that is no container's. */
    public Set<String> view(InetAddress asker) {
        return snapshot.networksByAsker.getOrDefault(asker, Set.of());
    }

    /**
     * The addresses {@code name} resolves to for {@code asker}, rotated by one on each call (replicas
     * share a name: each query gets every address, a different one first); empty when the asker does
     * not see the name. {@code name} is case-insensitive, with or without a trailing dot, and may be
     * {@code NAME.NETWORK} (Docker's form; also the PTR answer).
     */
    public List<Inet4Address> lookup(InetAddress asker, String name) {
        Snapshot s = snapshot;
        Set<String> view = s.networksByAsker.get(asker);
        if (view == null) return List.of();
        String key = DnsNames.key(name);
        List<Inet4Address> found = collect(s, view, key);
        if (found.isEmpty()) { // NAME.NETWORK: every split, as Docker tries them
            for (int dot = key.indexOf('.'); dot > 0; dot = key.indexOf('.', dot + 1)) {
                String network = key.substring(dot + 1);
                if (view.contains(network)) {
                    found = collect(s, Set.of(network), key.substring(0, dot));
                    if (!found.isEmpty()) break;
                }
            }
        }
        return found;
    }

    /** The PTR name ({@code NAME.NETWORK}, as Docker) of {@code address} for {@code asker}, if it sees one. */
    public Optional<String> reverse(InetAddress asker, Inet4Address address) {
        Snapshot s = snapshot;
        Set<String> view = s.networksByAsker.get(asker);
        if (view == null) return Optional.empty();
        for (String network : view) {
            String ptr = s.ptrByNetwork.getOrDefault(network, Map.of()).get(address);
            if (ptr != null) return Optional.of(ptr);
        }
        return Optional.empty();
    }

    private static List<Inet4Address> collect(Snapshot s, Set<String> networks, String key) {
        Addresses first = null;
        List<Inet4Address> all = null;
        for (String network : networks) {
            Addresses a = s.namesByNetwork.getOrDefault(network, Map.of()).get(key);
            if (a == null) continue;
            if (first == null) {
                first = a;
            } else { // the name on several of the asker's networks: all addresses, once each
                if (all == null) all = new ArrayList<>(List.of(first.list));
                for (Inet4Address ip : a.list) if (!all.contains(ip)) all.add(ip);
            }
        }
        if (first == null) return List.of();
        return first.rotated(all == null ? List.of(first.list) : all);
    }

    private static void requireNetwork(String network) {
        if (network == null || network.isBlank()) throw new IllegalArgumentException("DNS records: blank network name");
    }

    private void rebuild() {
        Map<String, Map<String, Addresses>> names = new HashMap<>();
        Map<String, Map<Inet4Address, String>> ptr = new HashMap<>();
        Map<String, Set<String>> networksByContainer = new HashMap<>();
        Map<InetAddress, Set<String>> containersByAddress = new HashMap<>();
        for (var net : byNetwork.entrySet()) {
            String network = net.getKey();
            Map<String, List<Inet4Address>> netNames = new LinkedHashMap<>();
            Map<Inet4Address, String> netPtr = new HashMap<>();
            for (DnsEntry e : net.getValue().values()) {
                for (String n : e.names()) {
                    List<Inet4Address> ips = netNames.computeIfAbsent(n, _ -> new ArrayList<>());
                    if (!ips.contains(e.address())) ips.add(e.address());
                }
                netPtr.putIfAbsent(e.address(), e.containerName() + "." + network);
                networksByContainer.computeIfAbsent(e.containerId(), _ -> new LinkedHashSet<>()).add(DnsNames.key(network));
                containersByAddress.computeIfAbsent(e.address(), _ -> new LinkedHashSet<>()).add(e.containerId());
            }
            Map<String, Addresses> frozen = new HashMap<>();
            netNames.forEach((n, ips) -> frozen.put(n, new Addresses(ips.toArray(Inet4Address[]::new))));
            // Network names are matched case-insensitively in NAME.NETWORK; keep the key lower-case.
            names.put(DnsNames.key(network), frozen);
            ptr.put(DnsNames.key(network), netPtr);
        }
        Map<InetAddress, Set<String>> view = new HashMap<>();
        containersByAddress.forEach((ip, ids) -> {
            Set<String> nets = new LinkedHashSet<>();
            for (String id : ids) nets.addAll(networksByContainer.get(id));
            view.put(ip, Set.copyOf(nets));
        });
        snapshot = new Snapshot(names, ptr, view);
    }

    private record Snapshot(Map<String, Map<String, Addresses>> namesByNetwork,
                            Map<String, Map<Inet4Address, String>> ptrByNetwork,
                            Map<InetAddress, Set<String>> networksByAsker) {
        static final Snapshot EMPTY = new Snapshot(Map.of(), Map.of(), Map.of());
    }

    /** The addresses of one name on one network, with the counter that rotates them. */
    private static final class Addresses {
        final Inet4Address[] list;
        final AtomicInteger next = new AtomicInteger();

        Addresses(Inet4Address[] list) {
            this.list = list;
        }

        List<Inet4Address> rotated(List<Inet4Address> all) {
            int n = all.size();
            if (n == 1) return all;
            int start = Math.floorMod(next.getAndIncrement(), n);
            List<Inet4Address> out = new ArrayList<>(n);
            for (int i = 0; i < n; i++) out.add(all.get((start + i) % n));
            return out;
        }
    }
}
