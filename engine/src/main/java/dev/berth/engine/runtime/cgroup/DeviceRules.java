package dev.berth.engine.runtime.cgroup;

import java.util.ArrayList;
import java.util.List;

/**
 * Which devices a container may use: everything ({@code --privileged}) or only an allow list, the
 * rest denied — the form every Docker rule set takes once applied in order, as the v1 kernel (and
 * runc's emulator for v2) applies them. On v1 it becomes {@code devices.deny a} plus one
 * {@code devices.allow} line per rule; on v2 an eBPF program ({@link DeviceFilterProgram}).
 *
 * @param allowAll every device, every access; {@code allowed} is then empty
 * @param allowed  what is allowed when not {@code allowAll}
 */
public record DeviceRules(boolean allowAll, List<DeviceRule> allowed) {

    public DeviceRules {
        allowed = List.copyOf(allowed);
        if (allowAll && !allowed.isEmpty()) throw new IllegalArgumentException("allow-all rules list no exceptions");
        if (allowed.stream().anyMatch(r -> !r.allow())) throw new IllegalArgumentException("only allow rules are listed");
    }

    /** {@code --privileged}: no device restriction (Docker: one rule {@code a *:* rwm} allow). */
    public static DeviceRules allowAllDevices() {
        return new DeviceRules(true, List.of());
    }

    /**
     * Docker's rules for a container without {@code --privileged}: moby's {@code oci/defaults.go}
     * (deny all; allow null, zero, full… ; deny fuse), then the list runc always appends
     * ({@code specconv.AllowedDevices}): mknod of any char and block device, the standard
     * {@code /dev} nodes, {@code /dev/pts/*}, {@code /dev/ptmx} and {@code /dev/net/tun}.
     */
    public static DeviceRules dockerDefault() {
        List<DeviceRule> docker = List.of(
                DeviceRule.deny('a', DeviceRule.ANY, DeviceRule.ANY, "rwm"),
                DeviceRule.allow('c', 1, 5, "rwm"),     // /dev/zero
                DeviceRule.allow('c', 1, 3, "rwm"),     // /dev/null
                DeviceRule.allow('c', 1, 9, "rwm"),     // /dev/urandom
                DeviceRule.allow('c', 1, 8, "rwm"),     // /dev/random
                DeviceRule.allow('c', 5, 0, "rwm"),     // /dev/tty
                DeviceRule.allow('c', 5, 1, "rwm"),     // /dev/console
                DeviceRule.deny('c', 10, 229, "rwm"),   // /dev/fuse
                DeviceRule.allow('c', DeviceRule.ANY, DeviceRule.ANY, "m"),
                DeviceRule.allow('b', DeviceRule.ANY, DeviceRule.ANY, "m"),
                DeviceRule.allow('c', 1, 3, "rwm"),
                DeviceRule.allow('c', 1, 8, "rwm"),
                DeviceRule.allow('c', 1, 7, "rwm"),     // /dev/full
                DeviceRule.allow('c', 5, 0, "rwm"),
                DeviceRule.allow('c', 1, 5, "rwm"),
                DeviceRule.allow('c', 1, 9, "rwm"),
                DeviceRule.allow('c', 136, DeviceRule.ANY, "rwm"), // /dev/pts/*
                DeviceRule.allow('c', 5, 2, "rwm"),     // /dev/ptmx
                DeviceRule.allow('c', 10, 200, "rwm")); // /dev/net/tun
        return applied(docker);
    }

    /** These rules with {@code more} applied after them ({@code --device}, {@code --device-cgroup-rule}). */
    public DeviceRules with(List<DeviceRule> more) {
        List<DeviceRule> all = new ArrayList<>();
        if (allowAll) all.add(DeviceRule.allow('a', DeviceRule.ANY, DeviceRule.ANY, "rwm"));
        else all.add(DeviceRule.deny('a', DeviceRule.ANY, DeviceRule.ANY, "rwm"));
        all.addAll(allowed);
        all.addAll(more);
        return applied(all);
    }

    /**
     * The outcome of writing {@code rules} in order, as the v1 kernel keeps it: {@code a} allow or
     * deny resets to allow-all or deny-all; starting from allow-all, a specific deny is refused (as
     * runc refuses it: a blacklist is not expressible as an eBPF allow list here); starting from
     * deny-all, an allow adds access to the exception with the same type and numbers, a deny removes
     * access from it (and from nothing else: denying {@code c 10:229} under an allowed
     * {@code c *:* m} leaves mknod of it allowed, as on v1).
     */
    public static DeviceRules applied(List<DeviceRule> rules) {
        boolean allowAll = true; // a new cgroup inherits its parent's; berth's parents allow everything
        List<DeviceRule> exceptions = new ArrayList<>();
        for (DeviceRule r : rules) {
            if (r.type() == 'a' && r.major() == DeviceRule.ANY && r.minor() == DeviceRule.ANY) {
                allowAll = r.allow();
                exceptions.clear();
                continue;
            }
            if (allowAll) {
                if (r.allow()) continue; // already allowed
                throw new IllegalArgumentException("device rule '" + r.cgroupText() + "' denies inside an allow-all set;"
                        + " start the list with a deny of everything ('a *:* rwm')");
            }
            int same = indexOfSame(exceptions, r);
            String current = same < 0 ? "" : exceptions.get(same).access();
            String access = r.allow() ? union(current, r.access()) : minus(current, r.access());
            if (same >= 0) exceptions.remove(same);
            if (!access.isEmpty()) {
                DeviceRule merged = DeviceRule.allow(r.type(), r.major(), r.minor(), access);
                if (same >= 0) exceptions.add(same, merged);
                else exceptions.add(merged);
            }
        }
        return allowAll ? allowAllDevices() : new DeviceRules(false, exceptions);
    }

    /** Whether a process in the cgroup may do {@code access} ({@code r}, {@code w}, {@code m}) on the device. */
    public boolean allows(char type, long major, long minor, String access) {
        return allowAll || allowed.stream().anyMatch(r -> r.covers(type, major, minor, access));
    }

    private static int indexOfSame(List<DeviceRule> list, DeviceRule r) {
        for (int i = 0; i < list.size(); i++) {
            DeviceRule e = list.get(i);
            if (e.type() == r.type() && e.major() == r.major() && e.minor() == r.minor()) return i;
        }
        return -1;
    }

    private static String union(String a, String b) {
        StringBuilder out = new StringBuilder();
        for (char c : "rwm".toCharArray()) if (a.indexOf(c) >= 0 || b.indexOf(c) >= 0) out.append(c);
        return out.toString();
    }

    private static String minus(String a, String b) {
        StringBuilder out = new StringBuilder();
        for (char c : "rwm".toCharArray()) if (a.indexOf(c) >= 0 && b.indexOf(c) < 0) out.append(c);
        return out.toString();
    }
}
