package dev.berth.engine.runtime.seccomp;

import dev.berth.engine.container.DockerDefaults;
import java.util.Set;
import java.util.TreeSet;

/** Capability sets the tests compile for. */
final class Capabilities {

    /** Docker's default set ({@code moby:daemon/pkg/oci/caps/defaults.go}). */
    static final Set<String> DOCKER_DEFAULT = Set.copyOf(DockerDefaults.CAPABILITIES.stream().map(c -> "CAP_" + c.name()).toList());

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
