package dev.berth.engine.container;

import java.util.List;
import java.util.Map;

/**
 * How the host runs a container, as Docker's {@code HostConfig} says it: limits, security,
 * restart policy, mounts. Zero means "not set" for the limits, as in Docker.
 *
 * @param memory      bytes ({@code --memory}); 0 = unlimited
 * @param memorySwap  memory + swap bytes; -1 = unlimited swap, 0 = not set
 * @param nanoCpus    CPUs × 10⁹ ({@code --cpus 0.5} = 500000000)
 * @param pidsLimit   {@code --pids-limit}; 0 = unlimited
 */
public record HostConfig(
        long memory,
        long memorySwap,
        long nanoCpus,
        long cpuShares,
        String cpusetCpus,
        long pidsLimit,
        List<String> capAdd,
        List<String> capDrop,
        boolean privileged,
        List<String> securityOpt,
        boolean readonlyRootfs,
        RestartPolicy restartPolicy,
        boolean init,
        boolean autoRemove,
        List<String> binds,
        Map<String, String> tmpfs,
        String networkMode,
        long shmSize) {

    public HostConfig {
        capAdd = capAdd == null ? List.of() : List.copyOf(capAdd);
        capDrop = capDrop == null ? List.of() : List.copyOf(capDrop);
        securityOpt = securityOpt == null ? List.of() : List.copyOf(securityOpt);
        restartPolicy = restartPolicy == null ? RestartPolicy.NO : restartPolicy;
        binds = binds == null ? List.of() : List.copyOf(binds);
        tmpfs = tmpfs == null ? Map.of() : Map.copyOf(tmpfs);
        networkMode = networkMode == null || networkMode.isEmpty() ? "bridge" : networkMode;
        shmSize = shmSize == 0 ? DockerDefaults.SHM_SIZE : shmSize;
    }

    public static HostConfig defaults() {
        return new HostConfig(0, 0, 0, 0, null, 0, null, null, false, null, false, null, false, false, null, null, null, 0);
    }

    /** {@code --security-opt no-new-privileges} (also {@code no-new-privileges=true}). */
    public boolean noNewPrivileges() {
        return securityOpt.stream().anyMatch(o -> o.equals("no-new-privileges") || o.equals("no-new-privileges=true")
                || o.equals("no-new-privileges:true"));
    }

    /** The effective capabilities. */
    public java.util.Set<Capability> capabilities() {
        return DockerDefaults.capabilities(privileged, capAdd, capDrop);
    }
}
