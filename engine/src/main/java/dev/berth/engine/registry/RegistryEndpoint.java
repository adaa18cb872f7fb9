package dev.berth.engine.registry;

import java.net.URI;
import java.util.Locale;
import java.util.Set;

/**
 * Where a registry's API answers, and over which protocol. HTTPS unless the registry is on the
 * loopback names Docker trusts by default ({@code 127.0.0.1}, {@code localhost}, {@code ::1}) or is
 * listed as insecure ({@code host} or {@code host:port}); Docker Hub's API is {@code registry-1.docker.io}.
 *
 * @param registry the name images use: {@code docker.io}, {@code 127.0.0.1:5000}
 * @param host     the host the API is on, without brackets for IPv6
 * @param port     explicit or the scheme's default
 * @param secure   HTTPS when true, plain HTTP when false
 */
public record RegistryEndpoint(String registry, String host, int port, boolean secure) {

    private static final Set<String> LOOPBACK = Set.of("127.0.0.1", "localhost", "::1");

    public static RegistryEndpoint of(String registry, Set<String> insecureRegistries) {
        String hostPort = registry.equals("docker.io") || registry.equals("index.docker.io")
                ? "registry-1.docker.io" : registry;
        String host;
        int port = -1;
        if (hostPort.startsWith("[")) {
            int close = hostPort.indexOf(']');
            if (close < 0) throw new IllegalArgumentException("registry \"" + registry + "\": unclosed '[' in IPv6 address");
            host = hostPort.substring(1, close);
            if (hostPort.length() > close + 1) port = parsePort(registry, hostPort.substring(close + 2));
        } else {
            int colon = hostPort.lastIndexOf(':');
            host = colon < 0 ? hostPort : hostPort.substring(0, colon);
            if (colon >= 0) port = parsePort(registry, hostPort.substring(colon + 1));
        }
        host = host.toLowerCase(Locale.ROOT);
        boolean insecure = LOOPBACK.contains(host)
                || insecureRegistries.contains(registry) || insecureRegistries.contains(host);
        return new RegistryEndpoint(registry, host, port > 0 ? port : insecure ? 80 : 443, !insecure);
    }

    private static int parsePort(String registry, String port) {
        try {
            int p = Integer.parseInt(port);
            if (p > 0 && p < 65536) return p;
        } catch (NumberFormatException e) {
            // fall through to the error below
        }
        throw new IllegalArgumentException("registry \"" + registry + "\": \"" + port + "\" is not a port number");
    }

    /** {@code host:port} as a person types it ({@code [::1]:5000} for IPv6). */
    public String hostPort() {
        return (host.contains(":") ? "[" + host + "]" : host) + ":" + port;
    }

    /** The API root, {@code https://host:port/v2/}. */
    public URI base() {
        return URI.create((secure ? "https" : "http") + "://" + hostPort() + "/v2/");
    }
}
