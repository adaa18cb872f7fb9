package dev.berth.engine.runtime;

import java.util.Set;

/**
 * Where a mount may not go. {@code /}, {@code /proc}, {@code /sys}, {@code /dev} are refused (the
 * container's own filesystems are there); under {@code /proc} only the files lxcfs-style tools
 * replace are allowed, as runc allows them — anything else would cover the kernel's masked and
 * read-only paths.
 */
public final class MountTargets {

    /** runc's list (libcontainer/rootfs_linux.go checkProcMount). */
    private static final Set<String> PROC_FILES = Set.of("/proc/cpuinfo", "/proc/diskstats", "/proc/meminfo", "/proc/stat",
            "/proc/swaps", "/proc/uptime", "/proc/loadavg", "/proc/slabinfo", "/proc/net/dev", "/proc/sys/kernel/ns_last_pid");

    private MountTargets() {
    }

    /** Refuses a target a container must not have a mount at; {@code spec} is what the user wrote, for the message. */
    public static void check(String target, String spec) {
        String t = java.nio.file.Path.of(target).normalize().toString();
        if (t.equals("/")) throw new IllegalArgumentException("invalid mount config: destination can't be '/' (in '" + spec + "')");
        for (String own : new String[] {"/proc", "/sys", "/dev"}) {
            if (t.equals(own)) throw new IllegalArgumentException("invalid volume specification: '" + spec + "': cannot mount over " + own);
        }
        if (t.startsWith("/proc/") && !PROC_FILES.contains(t)) {
            throw new IllegalArgumentException("invalid volume specification: '" + spec + "': cannot mount under /proc (" + t
                    + "): only " + new java.util.TreeSet<>(PROC_FILES) + " may be replaced");
        }
    }
}
