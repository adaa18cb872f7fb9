package dev.berth.engine.runtime;

import java.util.Set;

/**
 * Which kernel parameters a container may set ({@code --sysctl}, Compose's {@code sysctls}): the
 * ones in a namespace of its own, as Docker allows them — IPC ({@code kernel.msg*}, {@code kernel.sem},
 * {@code kernel.shm*}, {@code fs.mqueue.*}) and, unless it shares the host's network, {@code net.*}.
 * Anything else would change the host.
 */
public final class Sysctls {

    private static final Set<String> IPC = Set.of("kernel.msgmax", "kernel.msgmnb", "kernel.msgmni", "kernel.sem",
            "kernel.shmall", "kernel.shmmax", "kernel.shmmni", "kernel.shm_rmid_forced");

    private Sysctls() {
    }

    public static void check(String key, String networkMode) {
        if (!key.matches("[a-z0-9_]+(\\.[a-zA-Z0-9_\\-]+)+")) throw new IllegalArgumentException("invalid sysctl name: \"" + key + "\"");
        if (IPC.contains(key) || key.startsWith("fs.mqueue.")) return;
        if (key.startsWith("net.")) {
            if (networkMode.equals("host")) {
                throw new IllegalArgumentException("sysctl \"" + key + "\" not allowed in host network namespace");
            }
            return;
        }
        throw new IllegalArgumentException("sysctl \"" + key + "\" is not in a separate kernel namespace");
    }
}
