package dev.berth.engine.network;

import java.util.ArrayList;
import java.util.List;

/**
 * A container's {@code /etc/resolv.conf}, by Docker's rules: on the default bridge the host's
 * file with its localhost nameservers left out (they mean nothing in the container's network
 * namespace), or the daemon's own servers ({@code BERTH_DNS}, like dockerd's {@code --dns}) when
 * given; on a user-defined network the embedded DNS server's address, the host's search domains and
 * {@code ndots:0} — the server forwards what it does not know to the host's resolvers.
 */
public record ResolvConf(List<String> nameservers, List<String> search, List<String> options) {

    /** Docker's fallback when the host has only localhost nameservers. */
    public static final List<String> FALLBACK = List.of("8.8.8.8", "8.8.4.4");

    public ResolvConf {
        nameservers = List.copyOf(nameservers);
        search = List.copyOf(search);
        options = List.copyOf(options);
    }

    public static ResolvConf parse(String text) {
        List<String> ns = new ArrayList<>();
        List<String> search = new ArrayList<>();
        List<String> options = new ArrayList<>();
        for (String raw : text.split("\n")) {
            String line = raw.strip();
            if (line.isEmpty() || line.startsWith("#") || line.startsWith(";")) continue;
            String[] f = line.split("\\s+");
            switch (f[0]) {
                case "nameserver" -> {
                    if (f.length > 1) ns.add(f[1]);
                }
                case "search", "domain" -> { // the last of search/domain wins, as in resolv.conf(5)
                    search.clear();
                    for (int i = 1; i < f.length; i++) search.add(f[i]);
                }
                case "options" -> {
                    for (int i = 1; i < f.length; i++) options.add(f[i]);
                }
                default -> { }
            }
        }
        return new ResolvConf(ns, search, options);
    }

    /** The servers a container on the default bridge (or the embedded server, forwarding) may use. */
    public List<String> reachableNameservers() {
        return nameservers.stream().filter(s -> !isLocalhost(s)).toList();
    }

    /** The default bridge: {@code daemonDns} when given, else the host's non-localhost servers, else Google's as Docker. */
    public ResolvConf forDefaultBridge(List<String> daemonDns) {
        List<String> ns = !daemonDns.isEmpty() ? daemonDns : reachableNameservers();
        return new ResolvConf(ns.isEmpty() ? FALLBACK : ns, search, options);
    }

    /** A user-defined network: the embedded server at {@code dnsAddress}. */
    public ResolvConf forEmbeddedDns(String dnsAddress) {
        List<String> opts = new ArrayList<>(options.stream().filter(o -> !o.startsWith("ndots:")).toList());
        opts.add("ndots:0");
        return new ResolvConf(List.of(dnsAddress), search, opts);
    }

    /** {@code --dns}, {@code --dns-search}, {@code --dns-option} of the container, over what the network gives. */
    public ResolvConf overriddenBy(List<String> dns, List<String> dnsSearch, List<String> dnsOptions) {
        return new ResolvConf(dns.isEmpty() ? nameservers : dns, dnsSearch.isEmpty() ? search : dnsSearch,
                dnsOptions.isEmpty() ? options : dnsOptions);
    }

    public String render() {
        StringBuilder b = new StringBuilder();
        for (String s : nameservers) b.append("nameserver ").append(s).append('\n');
        if (!search.isEmpty()) b.append("search ").append(String.join(" ", search)).append('\n');
        if (!options.isEmpty()) b.append("options ").append(String.join(" ", options)).append('\n');
        return b.toString();
    }

    static boolean isLocalhost(String address) {
        return address.startsWith("127.") || address.equals("::1") || address.equals("0:0:0:0:0:0:0:1");
    }
}
