package dev.berth.engine.container;

/** Linux capabilities, numbered as in {@code linux/capability.h} (the ordinal is the number). */
public enum Capability {
    CHOWN, DAC_OVERRIDE, DAC_READ_SEARCH, FOWNER, FSETID, KILL, SETGID, SETUID, SETPCAP,
    LINUX_IMMUTABLE, NET_BIND_SERVICE, NET_BROADCAST, NET_ADMIN, NET_RAW, IPC_LOCK, IPC_OWNER,
    SYS_MODULE, SYS_RAWIO, SYS_CHROOT, SYS_PTRACE, SYS_PACCT, SYS_ADMIN, SYS_BOOT, SYS_NICE,
    SYS_RESOURCE, SYS_TIME, SYS_TTY_CONFIG, MKNOD, LEASE, AUDIT_WRITE, AUDIT_CONTROL, SETFCAP,
    MAC_OVERRIDE, MAC_ADMIN, SYSLOG, WAKE_ALARM, BLOCK_SUSPEND, AUDIT_READ, PERFMON, BPF,
    CHECKPOINT_RESTORE;

    /** The kernel's capability number. */
    public int number() {
        return ordinal();
    }

    /** Parses {@code CAP_CHOWN} or {@code chown}, as Docker's cap_add/cap_drop accept both. */
    public static Capability parse(String name) {
        String n = name.toUpperCase(java.util.Locale.ROOT);
        if (n.startsWith("CAP_")) n = n.substring(4);
        try {
            return valueOf(n);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("unknown capability " + name + " (see capabilities(7) for the names)", e);
        }
    }

    /** The bit mask the kernel shows in /proc/PID/status (CapEff etc.) for these capabilities. */
    public static long mask(Iterable<Capability> caps) {
        long m = 0;
        for (Capability c : caps) m |= 1L << c.number();
        return m;
    }
}
