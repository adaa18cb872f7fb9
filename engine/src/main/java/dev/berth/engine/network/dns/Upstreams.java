package dev.berth.engine.network.dns;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Where forwarded queries go: {@code BERTH_DNS} (comma-separated, like dockerd's {@code --dns}) when
 * set, else the host's {@code /etc/resolv.conf} nameservers. Docker uses at most three.
 */
public final class Upstreams {

    /** Docker's {@code maxExtDNS}: the resolver library reads at most three nameservers too. */
    public static final int MAX = 3;

    private Upstreams() {}

    /** {@code BERTH_DNS} if set and not blank, else {@code resolvConf}'s nameservers. */
    public static List<InetSocketAddress> resolve(String berthDns, Path resolvConf) throws IOException {
        if (berthDns != null && !berthDns.isBlank()) return parse(berthDns);
        return fromResolvConf(resolvConf);
    }

    /**
     * Parses {@code "1.1.1.1,10.0.0.2:5353,[fd00::1]:53"}: addresses with an optional port (53 by
     * default), IPv6 with a port in brackets. Literal addresses only: a resolver is never looked up.
     */
    public static List<InetSocketAddress> parse(String list) {
        List<InetSocketAddress> out = new ArrayList<>();
        for (String part : list.split(",")) {
            String s = part.strip();
            if (s.isEmpty()) continue;
            String host = s;
            int port = 53;
            if (s.startsWith("[")) {
                int close = s.indexOf(']');
                if (close < 0) throw invalid(s);
                host = s.substring(1, close);
                if (close + 1 < s.length()) {
                    if (s.charAt(close + 1) != ':') throw invalid(s);
                    port = port(s, s.substring(close + 2));
                }
            } else if (s.indexOf(':') >= 0 && s.indexOf(':') == s.lastIndexOf(':')) {
                host = s.substring(0, s.indexOf(':'));
                port = port(s, s.substring(s.indexOf(':') + 1));
            }
            out.add(new InetSocketAddress(literal(s, host), port));
        }
        if (out.size() > MAX) return List.copyOf(out.subList(0, MAX));
        return List.copyOf(out);
    }

    /** The {@code nameserver} lines of a resolv.conf file (first {@link #MAX}); empty when it does not exist. */
    public static List<InetSocketAddress> fromResolvConf(Path file) throws IOException {
        List<String> lines;
        try {
            lines = Files.readAllLines(file);
        } catch (NoSuchFileException e) {
            return List.of();
        }
        List<InetSocketAddress> out = new ArrayList<>();
        for (String line : lines) {
            String[] f = line.strip().split("\\s+");
            if (f.length >= 2 && f[0].equals("nameserver") && out.size() < MAX) {
                String host = f[1];
                int zone = host.indexOf('%'); // fe80::1%eth0: the zone is not ours to use
                if (zone >= 0) host = host.substring(0, zone);
                try {
                    out.add(new InetSocketAddress(literal(line, host), 53));
                } catch (IllegalArgumentException skip) {
                    // a malformed line: the C library skips it too
                }
            }
        }
        return List.copyOf(out);
    }

    private static InetAddress literal(String spec, String host) {
        if (host.isEmpty() || !(host.indexOf(':') >= 0 || host.chars().allMatch(c -> c == '.' || Character.isDigit(c)))) {
            throw invalid(spec);
        }
        try {
            return InetAddress.getByName(host); // a literal: no lookup happens
        } catch (UnknownHostException e) {
            throw invalid(spec);
        }
    }

    private static int port(String spec, String port) {
        try {
            int p = Integer.parseInt(port);
            if (p < 1 || p > 65535) throw invalid(spec);
            return p;
        } catch (NumberFormatException e) {
            throw invalid(spec);
        }
    }

    private static IllegalArgumentException invalid(String spec) {
        return new IllegalArgumentException("BERTH_DNS: \"" + spec
                + "\" is not a resolver address: give IP[:PORT] or [IPv6]:PORT, comma-separated");
    }
}
