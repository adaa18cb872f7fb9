package dev.berth.engine.container;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.TreeSet;

/**
 * Linux capabilities as a container gets them: Docker's default set, then {@code --cap-add} and
 * {@code --cap-drop} (names with or without {@code CAP_}, any case, {@code ALL}), or every
 * capability for {@code --privileged}. Bounding = permitted = effective; inheritable and ambient
 * stay empty, as in Docker.
 */
public final class Capabilities {

    /** Docker's default set (moby daemon/pkg/oci/caps/defaults.go), in that order. */
    public static final List<String> DOCKER_DEFAULT = List.of(
            "CAP_CHOWN", "CAP_DAC_OVERRIDE", "CAP_FSETID", "CAP_FOWNER", "CAP_MKNOD", "CAP_NET_RAW",
            "CAP_SETGID", "CAP_SETUID", "CAP_SETFCAP", "CAP_SETPCAP", "CAP_NET_BIND_SERVICE",
            "CAP_SYS_CHROOT", "CAP_KILL", "CAP_AUDIT_WRITE");

    /** Every capability the kernel knows, by number (capability.h): index = cap number. */
    public static final List<String> ALL = List.of(
            "CAP_CHOWN", "CAP_DAC_OVERRIDE", "CAP_DAC_READ_SEARCH", "CAP_FOWNER", "CAP_FSETID", "CAP_KILL",
            "CAP_SETGID", "CAP_SETUID", "CAP_SETPCAP", "CAP_LINUX_IMMUTABLE", "CAP_NET_BIND_SERVICE",
            "CAP_NET_BROADCAST", "CAP_NET_ADMIN", "CAP_NET_RAW", "CAP_IPC_LOCK", "CAP_IPC_OWNER",
            "CAP_SYS_MODULE", "CAP_SYS_RAWIO", "CAP_SYS_CHROOT", "CAP_SYS_PTRACE", "CAP_SYS_PACCT",
            "CAP_SYS_ADMIN", "CAP_SYS_BOOT", "CAP_SYS_NICE", "CAP_SYS_RESOURCE", "CAP_SYS_TIME",
            "CAP_SYS_TTY_CONFIG", "CAP_MKNOD", "CAP_LEASE", "CAP_AUDIT_WRITE", "CAP_AUDIT_CONTROL",
            "CAP_SETFCAP", "CAP_MAC_OVERRIDE", "CAP_MAC_ADMIN", "CAP_SYSLOG", "CAP_WAKE_ALARM",
            "CAP_BLOCK_SUSPEND", "CAP_AUDIT_READ", "CAP_PERFMON", "CAP_BPF", "CAP_CHECKPOINT_RESTORE");

    private Capabilities() {
    }

    /** {@code net_admin}, {@code NET_ADMIN}, {@code CAP_NET_ADMIN} → {@code CAP_NET_ADMIN}; unknown names are refused. */
    public static String canonical(String name) {
        String upper = name.trim().toUpperCase(Locale.ROOT);
        String full = upper.startsWith("CAP_") ? upper : "CAP_" + upper;
        if (!ALL.contains(full)) {
            throw new IllegalArgumentException("unknown capability \"" + name + "\": expected a name like NET_ADMIN or CAP_NET_ADMIN, or ALL");
        }
        return full;
    }

    /**
     * The effective set: Docker's default (every capability when privileged), plus {@code add},
     * minus {@code drop}; {@code ALL} in either list means every capability. As in Docker, an
     * explicit add wins over {@code --cap-drop ALL}.
     */
    public static Set<String> effective(boolean privileged, List<String> add, List<String> drop) {
        if (privileged) return new TreeSet<>(ALL);
        boolean addAll = add.stream().anyMatch(a -> a.equalsIgnoreCase("ALL"));
        boolean dropAll = drop.stream().anyMatch(d -> d.equalsIgnoreCase("ALL"));
        Set<String> caps = new LinkedHashSet<>(dropAll ? List.of() : DOCKER_DEFAULT);
        if (addAll) caps.addAll(ALL);
        for (String d : drop) if (!d.equalsIgnoreCase("ALL")) caps.remove(canonical(d));
        for (String a : add) if (!a.equalsIgnoreCase("ALL")) caps.add(canonical(a));
        return new TreeSet<>(caps);
    }

    /** The bit mask /proc/PID/status shows as CapEff (hex), for tests and inspect. */
    public static long mask(Set<String> caps) {
        long mask = 0;
        for (String c : caps) mask |= 1L << ALL.indexOf(c);
        return mask;
    }

    /** Names in kernel order, as a list (for specs). */
    public static List<String> ordered(Set<String> caps) {
        List<String> out = new ArrayList<>();
        for (String c : ALL) if (caps.contains(c)) out.add(c);
        return out;
    }
}
