package dev.berth.engine.container;

import java.util.ArrayList;
import java.util.List;

/**
 * One {@code -p} publication, in Docker's terms: the container's port ({@code 80/tcp}) and the
 * host's address and port ({@code hostPort} empty: a free one is picked).
 */
public record PortBinding(String containerPort, String hostIp, String hostPort) {

    public PortBinding {
        hostIp = hostIp == null ? "" : hostIp;
        hostPort = hostPort == null ? "" : hostPort;
    }

    public int port() {
        return Integer.parseInt(containerPort.substring(0, containerPort.indexOf('/')));
    }

    public String protocol() {
        return containerPort.substring(containerPort.indexOf('/') + 1);
    }

    /**
     * Docker's {@code -p [IP:][HOST_PORT:]CONTAINER_PORT[/PROTO]} ({@code -p 80}, {@code -p 8080:80},
     * {@code -p 127.0.0.1:8080:80/udp}, {@code -p 127.0.0.1::80}); ranges are not taken yet.
     */
    public static List<PortBinding> parse(String spec) {
        String s = spec;
        String proto = "tcp";
        int slash = s.lastIndexOf('/');
        if (slash >= 0) {
            proto = s.substring(slash + 1).toLowerCase(java.util.Locale.ROOT);
            s = s.substring(0, slash);
            if (!proto.equals("tcp") && !proto.equals("udp")) throw new IllegalArgumentException("invalid proto: " + proto + " (in " + spec + ")");
        }
        String[] parts = s.split(":", -1);
        String ip = "";
        String host = "";
        String container;
        switch (parts.length) {
            case 1 -> container = parts[0];
            case 2 -> {
                host = parts[0];
                container = parts[1];
            }
            case 3 -> {
                ip = parts[0];
                host = parts[1];
                container = parts[2];
            }
            default -> throw new IllegalArgumentException("invalid port specification: \"" + spec + "\"");
        }
        if (container.contains("-") || host.contains("-")) {
            throw new IllegalArgumentException("port ranges are not supported yet: \"" + spec + "\"");
        }
        check(container, spec, false);
        check(host, spec, true);
        List<PortBinding> out = new ArrayList<>();
        out.add(new PortBinding(Integer.parseInt(container) + "/" + proto, ip, host));
        return out;
    }

    private static void check(String port, String spec, boolean mayBeEmpty) {
        if (port.isEmpty() && mayBeEmpty) return;
        try {
            int p = Integer.parseInt(port);
            if (p < 1 || p > 65535) throw new NumberFormatException();
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("invalid port specification: \"" + spec + "\" (ports are 1-65535)");
        }
    }
}
