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
 * @param mounts      {@code --mount} (Docker's HostConfig.Mounts), besides {@code binds} ({@code -v})
 * @param sysctls     namespaced kernel parameters set in the container ({@code --sysctl})
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
        long shmSize,
        List<Ulimit> ulimits,
        List<String> dns,
        List<String> dnsSearch,
        List<String> dnsOptions,
        List<String> extraHosts,
        @com.fasterxml.jackson.databind.annotation.JsonDeserialize(using = PortBindingsDeserializer.class)
        List<PortBinding> portBindings,
        List<Mount> mounts,
        Map<String, String> sysctls) {

    /** {@code --ulimit nofile=1024:2048}: Docker's HostConfig.Ulimits entry ({@code -1}: unlimited). */
    public record Ulimit(String name, long soft, long hard) {

        /** Docker's form {@code NAME=SOFT[:HARD]} (HARD defaults to SOFT), e.g. {@code nofile=1024:2048}. */
        public static Ulimit parse(String spec) {
            int eq = spec.indexOf('=');
            if (eq <= 0) throw new IllegalArgumentException("invalid ulimit argument: " + spec + " (expected NAME=SOFT[:HARD])");
            String name = spec.substring(0, eq);
            String[] limits = spec.substring(eq + 1).split(":", -1);
            try {
                long soft = Long.parseLong(limits[0]);
                long hard = limits.length > 1 ? Long.parseLong(limits[1]) : soft;
                if (limits.length > 2) throw new NumberFormatException();
                if (soft > hard && hard != -1) {
                    throw new IllegalArgumentException("ulimit soft limit must be less than or equal to hard limit: " + soft + " > " + hard);
                }
                return new Ulimit(name, soft, hard);
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("invalid ulimit argument: " + spec + " (expected NAME=SOFT[:HARD], numbers)");
            }
        }
    }

    /** Without ulimits (berthd's own limits apply, as Docker's daemon's do). */
    public HostConfig(long memory, long memorySwap, long nanoCpus, long cpuShares, String cpusetCpus, long pidsLimit,
                      List<String> capAdd, List<String> capDrop, boolean privileged, List<String> securityOpt,
                      boolean readonlyRootfs, RestartPolicy restartPolicy, boolean init, boolean autoRemove,
                      List<String> binds, Map<String, String> tmpfs, String networkMode, long shmSize) {
        this(memory, memorySwap, nanoCpus, cpuShares, cpusetCpus, pidsLimit, capAdd, capDrop, privileged, securityOpt,
                readonlyRootfs, restartPolicy, init, autoRemove, binds, tmpfs, networkMode, shmSize, List.of(), List.of(),
                List.of(), List.of(), List.of(), List.of(), List.of(), Map.of());
    }

    public HostConfig {
        ulimits = ulimits == null ? List.of() : List.copyOf(ulimits);
        dns = dns == null ? List.of() : List.copyOf(dns);
        dnsSearch = dnsSearch == null ? List.of() : List.copyOf(dnsSearch);
        dnsOptions = dnsOptions == null ? List.of() : List.copyOf(dnsOptions);
        extraHosts = extraHosts == null ? List.of() : List.copyOf(extraHosts);
        portBindings = portBindings == null ? List.of() : List.copyOf(portBindings);
        mounts = mounts == null ? List.of() : List.copyOf(mounts);
        sysctls = sysctls == null ? Map.of() : Map.copyOf(sysctls);
        cpusetCpus = cpusetCpus == null ? "" : cpusetCpus;
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

    /** Docker's HostConfig as plain maps and lists: inspect's, and the create body the thin client writes without Jackson. */
    public Map<String, Object> toDockerMap() {
        HostConfig h = this;
        Map<String, Object> host = new java.util.LinkedHashMap<>();
        host.put("NetworkMode", h.networkMode());
        Map<String, Object> restart = new java.util.LinkedHashMap<>();
        restart.put("Name", h.restartPolicy().name());
        restart.put("MaximumRetryCount", h.restartPolicy().maximumRetryCount());
        host.put("RestartPolicy", restart);
        host.put("AutoRemove", h.autoRemove());
        host.put("CapAdd", h.capAdd());
        host.put("CapDrop", h.capDrop());
        host.put("Privileged", h.privileged());
        host.put("ReadonlyRootfs", h.readonlyRootfs());
        host.put("SecurityOpt", h.securityOpt());
        host.put("ShmSize", h.shmSize());
        host.put("Memory", h.memory());
        host.put("MemorySwap", h.memorySwap());
        host.put("NanoCpus", h.nanoCpus());
        host.put("CpuShares", h.cpuShares());
        host.put("CpusetCpus", h.cpusetCpus() == null ? "" : h.cpusetCpus());
        host.put("PidsLimit", h.pidsLimit() > 0 ? h.pidsLimit() : null);
        host.put("Init", h.init());
        host.put("Binds", h.binds());
        host.put("Tmpfs", new java.util.TreeMap<>(h.tmpfs()));
        List<Map<String, Object>> ulimits = new java.util.ArrayList<>();
        for (Ulimit u : h.ulimits()) {
            Map<String, Object> m = new java.util.LinkedHashMap<>();
            m.put("Name", u.name());
            m.put("Soft", u.soft());
            m.put("Hard", u.hard());
            ulimits.add(m);
        }
        host.put("Ulimits", ulimits);
        host.put("Dns", h.dns());
        host.put("DnsSearch", h.dnsSearch());
        host.put("DnsOptions", h.dnsOptions());
        host.put("ExtraHosts", h.extraHosts());
        host.put("PortBindings", portMap(h.portBindings()));
        List<Map<String, Object>> mounts = new java.util.ArrayList<>();
        for (Mount m : h.mounts()) mounts.add(mountMap(m));
        host.put("Mounts", mounts);
        host.put("Sysctls", new java.util.TreeMap<>(h.sysctls()));
        return host;
    }

    /** Docker's {@code {"80/tcp": [{"HostIp": "", "HostPort": "8080"}]}} shape (PortBindings, NetworkSettings.Ports). */
    public static Map<String, Object> portMap(List<PortBinding> bindings) {
        Map<String, Object> out = new java.util.TreeMap<>();
        for (PortBinding b : bindings) {
            @SuppressWarnings("unchecked")
            List<Object> list = (List<Object>) out.computeIfAbsent(b.containerPort(), k -> new java.util.ArrayList<>());
            Map<String, Object> one = new java.util.LinkedHashMap<>();
            one.put("HostIp", b.hostIp());
            one.put("HostPort", b.hostPort());
            list.add(one);
        }
        return out;
    }

    /** One Docker {@code HostConfig.Mounts} entry as plain maps (no Jackson on the client's path). */
    static Map<String, Object> mountMap(Mount m) {
        Map<String, Object> o = new java.util.LinkedHashMap<>();
        o.put("Type", m.type());
        o.put("Source", m.source());
        o.put("Target", m.target());
        o.put("ReadOnly", m.readOnly());
        if (m.bindOptions() != null) {
            Map<String, Object> b = new java.util.LinkedHashMap<>();
            b.put("Propagation", m.bindOptions().propagation());
            b.put("CreateMountpoint", m.bindOptions().createMountpoint());
            o.put("BindOptions", b);
        }
        if (m.volumeOptions() != null) {
            Mount.VolumeOptions v = m.volumeOptions();
            Map<String, Object> vo = new java.util.LinkedHashMap<>();
            vo.put("NoCopy", v.noCopy());
            vo.put("Labels", new java.util.TreeMap<>(v.labels()));
            if (v.driverConfig() != null) {
                Map<String, Object> d = new java.util.LinkedHashMap<>();
                d.put("Name", v.driverConfig().name());
                d.put("Options", new java.util.TreeMap<>(v.driverConfig().options()));
                vo.put("DriverConfig", d);
            }
            vo.put("Subpath", v.subpath());
            o.put("VolumeOptions", vo);
        }
        if (m.tmpfsOptions() != null) {
            Map<String, Object> t = new java.util.LinkedHashMap<>();
            t.put("SizeBytes", m.tmpfsOptions().sizeBytes());
            t.put("Mode", m.tmpfsOptions().mode());
            o.put("TmpfsOptions", t);
        }
        return o;
    }
}
