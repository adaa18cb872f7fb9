package dev.berth.compose.validate;

import dev.berth.compose.ComposeError;
import dev.berth.compose.tree.KeyPath;
import java.net.Inet6Address;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * Checks on long-form port entries the way Docker reads them: port numbers 0..65535, ranges
 * {@code start-end} with start ≤ end, a published range may serve one target port but a target
 * range needs a published range of the same size, and {@code host_ip} must be an IP literal.
 */
final class PortRules {

    private static final Pattern IPV4 = Pattern.compile(
            "(25[0-5]|2[0-4]\\d|1\\d\\d|[1-9]?\\d)(\\.(25[0-5]|2[0-4]\\d|1\\d\\d|[1-9]?\\d)){3}");

    private PortRules() {
    }

    /** A port or port range; null when unparseable. */
    record Range(long start, long end) {
        long size() {
            return end - start + 1;
        }
    }

    static void check(KeyPath path, Map<String, Object> port, List<ComposeError> errors) {
        Object hostIp = port.get("host_ip");
        if (hostIp != null && !isIpLiteral(hostIp.toString())) {
            errors.add(new ComposeError(null, path.child("host_ip"), "invalid ip address: " + hostIp));
        }
        Range target = null;
        Object rawTarget = port.get("target");
        if (rawTarget != null) {
            target = parse(rawTarget.toString());
            if (target == null) {
                errors.add(new ComposeError(null, path.child("target"),
                        "Invalid containerPort: " + rawTarget + " (expected a port number 0-65535 or a range start-end)"));
            }
        }
        Range published = null;
        Object rawPublished = port.get("published");
        if (rawPublished != null && !rawPublished.toString().isEmpty()) {
            published = parse(rawPublished.toString());
            if (published == null) {
                errors.add(new ComposeError(null, path.child("published"),
                        "Invalid hostPort: " + rawPublished + " (expected a port number 0-65535 or a range start-end)"));
            }
        }
        if (target != null && published != null && target.size() > 1 && target.size() != published.size()) {
            errors.add(new ComposeError(null, path, "Invalid ranges specified for container and host Ports: "
                    + rawTarget + " and " + rawPublished + " (a target range needs a published range of the same size)"));
        }
    }

    static Range parse(String spec) {
        String s = spec.trim();
        int dash = s.indexOf('-', 1);
        Long start = port(dash < 0 ? s : s.substring(0, dash));
        Long end = dash < 0 ? start : port(s.substring(dash + 1));
        if (start == null || end == null || end < start) return null;
        return new Range(start, end);
    }

    private static Long port(String s) {
        if (s.isEmpty() || s.length() > 5 || !s.chars().allMatch(Character::isDigit)) return null;
        long n = Long.parseLong(s);
        return n <= 65535 ? n : null;
    }

    /** An IPv4 dotted quad or IPv6 literal, as Go's net.ParseIP accepts (no zones, no brackets). */
    static boolean isIpLiteral(String s) {
        if (IPV4.matcher(s).matches()) return true;
        if (!s.contains(":") || s.contains("%") || s.contains("[")) return false;
        try {
            Inet6Address.ofLiteral(s);
            return true;
        } catch (IllegalArgumentException e) {
            return false;
        }
    }
}
