package dev.berth.engine.runtime.seccomp;

import java.util.Set;
import java.util.TreeSet;

/** Capability sets the tests compile for. */
final class Capabilities {

    /** Docker's default set ({@code moby:daemon/pkg/oci/caps/defaults.go}). */
    static final Set<String> DOCKER_DEFAULT = Set.of("CAP_CHOWN", "CAP_DAC_OVERRIDE", "CAP_FSETID", "CAP_FOWNER",
            "CAP_MKNOD", "CAP_NET_RAW", "CAP_SETGID", "CAP_SETUID", "CAP_SETFCAP", "CAP_SETPCAP",
            "CAP_NET_BIND_SERVICE", "CAP_SYS_CHROOT", "CAP_KILL", "CAP_AUDIT_WRITE");

    /** Every capability the profiles name, on top of the default set. */
    static final Set<String> PRIVILEGED = with(DOCKER_DEFAULT, "CAP_SYS_ADMIN", "CAP_SYS_PTRACE", "CAP_SYS_BOOT",
            "CAP_SYS_MODULE", "CAP_SYS_PACCT", "CAP_SYS_RAWIO", "CAP_SYS_TIME", "CAP_SYS_TTY_CONFIG", "CAP_SYS_NICE",
            "CAP_SYSLOG", "CAP_BPF", "CAP_PERFMON", "CAP_DAC_READ_SEARCH");

    static Set<String> with(Set<String> base, String... more) {
        Set<String> caps = new TreeSet<>(base);
        caps.addAll(Set.of(more));
        return Set.copyOf(caps);
    }

    static Set<String> without(Set<String> base, String... less) {
        Set<String> caps = new TreeSet<>(base);
        Set.of(less).forEach(caps::remove);
        return Set.copyOf(caps);
    }

    private Capabilities() {
    }
}
