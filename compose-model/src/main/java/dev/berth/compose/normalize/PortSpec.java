package dev.berth.compose.normalize;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The port short syntax ({@code [ip:][host[-host]:]container[-container][/proto]}) expanded to
 * long-syntax entries as compose-go's {@code ParsePortConfig} does (docker/go-connections' nat rules).
 */
public final class PortSpec {

    private PortSpec() {
    }

    /** One long-syntax map per container port; errors carry nat's messages ({@code Invalid containerPort: …}). */
    public static List<Map<String, Object>> parse(String raw) {
        String[] parts = raw.split(":", -1);
        int n = parts.length;
        String ip = "";
        String hostPort = "";
        String containerPart = parts[n - 1];
        if (n == 2) {
            hostPort = parts[0];
        } else if (n == 3) {
            ip = parts[0];
            hostPort = parts[1];
        } else if (n > 3) {
            ip = String.join(":", java.util.Arrays.copyOfRange(parts, 0, n - 2));
            hostPort = parts[n - 2];
        }
        String[] protoPort = splitProtoPort(containerPart);
        String proto = protoPort[0];
        String containerPort = protoPort[1];
        if (!ip.isEmpty() && ip.charAt(0) == '[') {
            if (!ip.endsWith("]")) throw new IllegalArgumentException("Invalid ip address " + ip);
            ip = ip.substring(1, ip.length() - 1);
        }
        if (!ip.isEmpty() && !IpAddress.isValid(ip)) throw new IllegalArgumentException("Invalid ip address: " + ip);
        if (containerPort.isEmpty()) throw new IllegalArgumentException("No port specified: " + raw + "<empty>");
        long[] container = portRange(containerPort, "Invalid containerPort: " + containerPort);
        long[] host = {0, 0};
        if (!hostPort.isEmpty()) host = portRange(hostPort, "Invalid hostPort: " + hostPort);
        if (!hostPort.isEmpty() && container[1] - container[0] != host[1] - host[0] && container[1] != container[0]) {
            throw new IllegalArgumentException("Invalid ranges specified for container and host Ports: "
                    + containerPort + " and " + hostPort);
        }
        String protocol = proto.toLowerCase();
        if (!protocol.equals("tcp") && !protocol.equals("udp") && !protocol.equals("sctp")) {
            throw new IllegalArgumentException("Invalid proto: " + proto);
        }
        // nat keys bindings by "port/proto" and compose-go sorts those keys as strings
        TreeMap<String, Map<String, Object>> byKey = new TreeMap<>();
        for (long i = 0; i <= container[1] - container[0]; i++) {
            long target = container[0] + i;
            String published = hostPort.isEmpty() ? "" : Long.toString(host[0] + i);
            if (container[0] == container[1] && host[0] != host[1]) published = published + "-" + host[1];
            Map<String, Object> port = new LinkedHashMap<>();
            port.put("mode", "ingress");
            if (!ip.isEmpty()) port.put("host_ip", ip);
            port.put("target", target);
            if (!published.isEmpty()) port.put("published", published);
            port.put("protocol", protocol);
            byKey.put(target + "/" + protocol, port);
        }
        return new ArrayList<>(byKey.values());
    }

    /** Long syntax: mode ingress and protocol tcp by default, published as a string, target as a number. */
    public static Map<String, Object> withDefaults(Map<String, Object> port) {
        Map<String, Object> out = new LinkedHashMap<>(port);
        out.putIfAbsent("mode", "ingress");
        out.putIfAbsent("protocol", "tcp");
        Object published = out.get("published");
        if (published != null && !(published instanceof String)) out.put("published", GoValues.sprint(published));
        if (out.get("target") instanceof String s && s.chars().allMatch(Character::isDigit) && !s.isEmpty()) {
            out.put("target", Long.parseLong(s));
        }
        return out;
    }

    private static String[] splitProtoPort(String raw) {
        String[] parts = raw.split("/", -1);
        if (raw.isEmpty() || parts[0].isEmpty()) return new String[] {"", ""};
        if (parts.length == 1) return new String[] {"tcp", raw};
        if (parts[1].isEmpty()) return new String[] {"tcp", parts[0]};
        return new String[] {parts[1], parts[0]};
    }

    private static long[] portRange(String ports, String error) {
        int dash = ports.indexOf('-');
        if (dash < 0) {
            long p = port(ports, error);
            return new long[] {p, p};
        }
        String[] parts = ports.split("-", -1);
        long start = port(parts[0], error);
        long end = port(parts[1], error);
        if (end < start) throw new IllegalArgumentException(error);
        return new long[] {start, end};
    }

    private static long port(String s, String error) {
        if (s.isEmpty() || !s.chars().allMatch(Character::isDigit) || s.length() > 5) {
            throw new IllegalArgumentException(error);
        }
        long p = Long.parseLong(s);
        if (p > 65535) throw new IllegalArgumentException(error);
        return p;
    }
}
