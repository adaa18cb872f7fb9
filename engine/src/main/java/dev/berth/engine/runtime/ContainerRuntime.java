package dev.berth.engine.runtime;

import dev.berth.engine.EngineRoots;
import dev.berth.engine.container.Container;
import dev.berth.engine.container.ContainerStore;
import dev.berth.engine.container.DockerDefaults;
import dev.berth.engine.container.HostConfig;
import dev.berth.engine.image.layer.LayerStore;
import dev.berth.engine.image.store.Image;
import dev.berth.engine.runtime.cgroup.CgroupException;
import dev.berth.engine.runtime.cgroup.Cgroups;
import dev.berth.engine.runtime.cgroup.ContainerCgroup;
import dev.berth.engine.network.HostsFile;
import dev.berth.engine.network.ResolvConf;
import dev.berth.engine.runtime.cgroup.DeviceRules;
import dev.berth.engine.runtime.cgroup.Resources;
import dev.berth.engine.runtime.seccomp.DefaultSeccompProfile;
import dev.berth.engine.runtime.seccomp.KernelVersion;
import dev.berth.engine.runtime.seccomp.SeccompCompiler;
import dev.berth.engine.runtime.seccomp.SeccompProfileException;
import dev.berth.engine.runtime.shim.Capabilities;
import dev.berth.engine.runtime.shim.ExecSpec;
import dev.berth.engine.runtime.shim.ExitStatus;
import dev.berth.engine.runtime.shim.ShimBinary;
import dev.berth.engine.runtime.shim.ShimRunner;
import dev.berth.engine.runtime.shim.ShimSpec;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.ArrayList;
import java.util.List;

/**
 * Starts recorded containers and brings their records up to date: prepares a container's
 * directory (writable layer, hosts, hostname, resolv.conf, seccomp filter), makes its cgroup,
 * starts berth-shim detached on the image's layers, and, once the shim has written the exit
 * file, records the exit and removes the cgroup. Used by berthd's {@code EngineService}, the one
 * owner of live containers.
 */
public final class ContainerRuntime {

    private final EngineRoots roots;
    private final ContainerStore containers;
    private final LayerStore layers;
    private final ImageUsers users = ImageUsers.onHost();
    private final List<String> daemonDns;
    /** Extracted once per runtime (copying the static binary out of the jar on each start cost ~6 ms). */
    private volatile Path shim;
    /** Compiled filters by capability set: compiling the default profile took ~5 ms of every start. */
    private static final java.util.Map<java.util.Set<String>, byte[]> SECCOMP_FILTERS = new java.util.concurrent.ConcurrentHashMap<>();

    /** @param daemonDns berthd's own resolvers ({@code BERTH_DNS}, like dockerd's {@code --dns}); empty: the host's */
    public ContainerRuntime(EngineRoots roots, ContainerStore containers, LayerStore layers, List<String> daemonDns) {
        this.daemonDns = List.copyOf(daemonDns);
        this.roots = roots;
        this.containers = containers;
        this.layers = layers;
    }

    /** Everything a container needs on disk before the shim starts; returns its spec (without the cgroup). */
    private ShimSpec.Builder prepare(Container container, Image image, Path netns, String embeddedDns) throws IOException {
        Path dir = containers.directory(container.id());
        Files.createDirectories(dir.resolve("upper"));
        Files.createDirectories(dir.resolve("work"));
        Files.createDirectories(dir.resolve("rootfs"));
        Files.writeString(dir.resolve("hostname"), hostname(container) + "\n");
        Path hostResolv = Path.of("/etc/resolv.conf");
        String hostResolvText = Files.isReadable(hostResolv) ? Files.readString(hostResolv) : "";
        if (container.hostConfig().networkMode().equals("host")) {
            // the host's network: its names and resolvers as they are, as Docker does
            Path hostHosts = Path.of("/etc/hosts");
            Files.writeString(dir.resolve("hosts"), Files.isReadable(hostHosts) ? Files.readString(hostHosts) : "");
            Files.writeString(dir.resolve("resolv.conf"), hostResolvText);
        } else {
            HostConfig host = container.hostConfig();
            List<String> addresses = container.networks().values().stream().map(e -> e.ipAddress()).toList();
            Files.writeString(dir.resolve("hosts"), HostsFile.render(hostname(container), container.config().domainname(),
                    addresses, host.extraHosts().stream().map(HostsFile.ExtraHost::parse).toList()));
            ResolvConf hostConf = ResolvConf.parse(hostResolvText);
            // a user-defined network's embedded server, else (default bridge, none) the host's or berthd's resolvers
            ResolvConf resolv = embeddedDns != null ? hostConf.forEmbeddedDns(embeddedDns) : hostConf.forDefaultBridge(daemonDns);
            Files.writeString(dir.resolve("resolv.conf"), resolv.overriddenBy(host.dns(), host.dnsSearch(), host.dnsOptions()).render());
        }
        ShimSpec.Builder spec = spec(container, image);
        if (netns != null) spec.network(new ShimSpec.Network(netns.toString()));
        if (!container.hostConfig().privileged() && !container.hostConfig().securityOpt().contains("seccomp=unconfined")) {
            Files.write(dir.resolve("seccomp.bpf"), seccompFilter(container.hostConfig()));
        }
        return spec;
    }

    /** Given, or the short ID; on the host's network the host's name, as Docker does. */
    private static String hostname(Container container) throws IOException {
        if (!container.config().hostname().isEmpty()) return container.config().hostname();
        if (container.hostConfig().networkMode().equals("host")) return Files.readString(Path.of("/proc/sys/kernel/hostname")).strip();
        return container.id().substring(0, 12);
    }

    /** The container's spec as its files on disk make it (nothing written: an exec reads it too). */
    private ShimSpec.Builder spec(Container container, Image image) throws IOException {
        Path dir = containers.directory(container.id());
        HostConfig host = container.hostConfig();
        String hostname = hostname(container);

        List<Path> lowerTopFirst = new ArrayList<>();
        for (var diffId : image.diffIds().reversed()) lowerTopFirst.add(layers.directory(diffId));
        // a name is looked up in the container's own files as they are now (its layer over the image's), as Docker does at each start
        List<Path> merged = new ArrayList<>();
        merged.add(dir.resolve("upper"));
        merged.addAll(lowerTopFirst);
        ResolvedUser user = users.resolve(container.config().user(), merged);
        ShimSpec.Builder spec = ShimSpec.builder(
                        ShimSpec.Rootfs.overlay(dir.resolve("rootfs"), lowerTopFirst, dir.resolve("upper"), dir.resolve("work")),
                        container.config().argv())
                .hostname(hostname)
                .env(user.withHome(container.config().env()))
                .cwd(container.config().workingDir().isEmpty() ? "/" : container.config().workingDir())
                .user(user.shimUser())
                .capabilities(Capabilities.of(capabilities(host.privileged(), host.capabilities())))
                .noNewPrivileges(host.noNewPrivileges())
                .mounts(mounts(container, dir))
                .sysctls(host.sysctls())
                .rlimits(host.ulimits().stream().map(u -> new ShimSpec.Rlimit(u.name(), u.soft(), u.hard())).toList())
                .shmSize(host.shmSize())
                .network(host.networkMode().equals("host") ? ShimSpec.Network.HOST : ShimSpec.Network.NONE)
                .init(host.init())
                .logFile(dir.resolve("container.log"))
                .exitFile(dir.resolve("exit.json"))
                .pidFile(dir.resolve("container.pid"));
        if (host.readonlyRootfs()) {
            spec.rootfs(new ShimSpec.Rootfs(dir.resolve("rootfs"), lowerTopFirst, dir.resolve("upper"), dir.resolve("work"), true));
        }
        if (host.privileged()) {
            spec.maskedPaths(List.of()).readonlyPaths(List.of());
        } else {
            spec.maskedPaths(DockerDefaults.maskedPaths()).readonlyPaths(DockerDefaults.READONLY_PATHS);
        }
        if (!host.privileged() && !host.securityOpt().contains("seccomp=unconfined")) spec.seccompFilter(dir.resolve("seccomp.bpf"));
        return spec;
    }

    /**
     * An exec's bundle ({@code <container>/exec/<id>/spec}) for {@code berth-shim exec}: the running
     * container's settings (env, working dir, user, capabilities, seccomp, cgroups), with what the
     * exec says over them, as {@code docker exec} does; {@code privileged}: all capabilities, no seccomp.
     */
    public Path prepareExec(Container container, Image image, String execId, List<String> cmd, List<String> env, String user,
                            String workingDir, boolean tty, boolean privileged) throws IOException, CgroupException {
        Path dir = containers.directory(container.id());
        ShimSpec.Builder spec = spec(container, image).cgroupProcs(cgroup(container).procsFiles());
        ShimSpec base = spec.build();
        ExecSpec exec = ExecSpec.of(base, container.state().pid(), cmd).withTty(tty);
        if (!env.isEmpty()) {
            java.util.Map<String, String> merged = new java.util.LinkedHashMap<>();
            for (String e : base.env()) merged.put(e.substring(0, Math.max(0, e.indexOf('='))), e);
            for (String e : env) merged.put(e.contains("=") ? e.substring(0, e.indexOf('=')) : e, e);
            exec = exec.withEnv(List.copyOf(merged.values()));
        }
        if (!workingDir.isEmpty()) exec = exec.withCwd(workingDir);
        if (!user.isEmpty()) {
            List<Path> merged = new ArrayList<>();
            merged.add(dir.resolve("upper"));
            for (var diffId : image.diffIds().reversed()) merged.add(layers.directory(diffId));
            exec = exec.withUser(users.resolve(user, merged).shimUser());
        }
        if (privileged) {
            exec = exec.withCapabilities(Capabilities.of(capabilities(true, java.util.EnumSet.allOf(dev.berth.engine.container.Capability.class))))
                    .withSeccompFilter(null);
        }
        Path bundle = dir.resolve("exec").resolve(execId);
        Files.createDirectories(bundle);
        exec.write(bundle);
        return bundle;
    }

    /**
     * What a container (or exec) gets: privileged means every capability this host can give — berthd's
     * own bounding set (here root lacks CAP_SYS_RESOURCE: asking the kernel for it fails the capset);
     * a capability asked for by name that the host cannot give is refused, naming it.
     */
    public static java.util.Set<dev.berth.engine.container.Capability> capabilities(boolean privileged,
                                                                                    java.util.Set<dev.berth.engine.container.Capability> wanted) {
        java.util.Set<dev.berth.engine.container.Capability> available = hostBounding();
        if (privileged) {
            java.util.Set<dev.berth.engine.container.Capability> all = java.util.EnumSet.noneOf(dev.berth.engine.container.Capability.class);
            for (var c : wanted) if (available.contains(c)) all.add(c);
            return all;
        }
        for (var c : wanted) {
            if (!available.contains(c)) {
                throw new IllegalArgumentException("capability CAP_" + c.name() + " is not available on this host"
                        + " (it is not in berthd's bounding set)");
            }
        }
        return wanted;
    }

    private static volatile java.util.Set<dev.berth.engine.container.Capability> hostBounding;

    /** berthd's capability bounding set, from /proc/self/status (CapBnd). */
    static java.util.Set<dev.berth.engine.container.Capability> hostBounding() {
        var b = hostBounding;
        if (b != null) return b;
        long mask = -1;
        try {
            for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
                if (line.startsWith("CapBnd:")) mask = Long.parseUnsignedLong(line.substring(7).strip(), 16);
            }
        } catch (IOException e) {
            // no procfs: assume everything
        }
        var set = java.util.EnumSet.noneOf(dev.berth.engine.container.Capability.class);
        for (var c : dev.berth.engine.container.Capability.values()) if ((mask & (1L << c.number())) != 0) set.add(c);
        return hostBounding = java.util.Set.copyOf(set);
    }

    private static byte[] seccompFilter(HostConfig host) throws IOException {
        java.util.Set<String> caps = host.capabilities().stream().map(c -> "CAP_" + c.name()).collect(java.util.stream.Collectors.toSet());
        byte[] cached = SECCOMP_FILTERS.get(caps);
        if (cached != null) return cached;
        try {
            byte[] filter = SeccompCompiler.compile(DefaultSeccompProfile.profile(), caps, KernelVersion.running()).toBytes();
            SECCOMP_FILTERS.put(java.util.Set.copyOf(caps), filter);
            return filter;
        } catch (SeccompProfileException e) {
            throw new IllegalStateException("berth's default seccomp profile does not compile: " + e.getMessage(), e);
        }
    }

    /**
     * The container's mounts in the order they are made: berth's /etc/hosts, /etc/hostname and
     * /etc/resolv.conf (unless the container mounts something at that very path, as Docker lets it) and
     * its own binds, volumes and tmpfs mounts, parents first (a stable sort by depth keeps the given order
     * among equals).
     */
    static List<ShimSpec.UserMount> mounts(Container container, Path dir) {
        List<ShimSpec.UserMount> out = new ArrayList<>();
        java.util.Set<String> taken = new java.util.HashSet<>();
        for (var m : container.mounts()) taken.add(m.destination());
        for (String file : List.of("hosts", "hostname", "resolv.conf")) {
            if (!taken.contains("/etc/" + file)) out.add(new ShimSpec.BindMount(dir.resolve(file), "/etc/" + file, false));
        }
        for (var m : container.mounts()) {
            out.add(switch (m.type()) {
                case dev.berth.engine.container.Mount.TMPFS -> new ShimSpec.Tmpfs(m.destination(), m.options());
                case dev.berth.engine.container.Mount.BIND ->
                        new ShimSpec.BindMount(Path.of(m.source()), m.destination(), m.readOnly(), m.propagation());
                default -> new ShimSpec.BindMount(Path.of(m.source()), m.destination(), m.readOnly());
            });
        }
        out.sort(java.util.Comparator.comparingInt(m -> Path.of(m.target()).getNameCount()));
        return out;
    }

    /**
     * Fills {@code destination} (a new volume) with what the container's files hold at {@code path}
     * — its layer over the image's — as Docker's copy-up does; false when there is no directory there.
     */
    public boolean copyUp(Container container, Image image, String path, Path destination) throws IOException {
        List<Path> merged = new ArrayList<>();
        merged.add(containers.directory(container.id()).resolve("upper"));
        for (var diffId : image.diffIds().reversed()) merged.add(layers.directory(diffId));
        return new LayeredRootfs(merged, dev.berth.engine.sys.Syscalls.linux()).copyDirectory(path, destination);
    }

    /**
     * The berth-shim this runtime runs (extracted from the jar once). Synchronized: parallel first starts
     * (an {@code up} starts many containers at once) each extracting it let one exec a file another's
     * fork still held open for writing (ETXTBSY, "Text file busy").
     */
    public synchronized Path shimBinary() {
        Path p = shim;
        if (p == null || !Files.isExecutable(p)) shim = p = ShimBinary.locate(roots.root().resolve("bin"));
        return p;
    }

    /**
     * Starts the container and returns once its command runs; berth-shim goes on monitoring it (log,
     * exit file) on its own, so the container outlives this process. A container that fails to start
     * is recorded exited with the reason, its cgroup removed, and the reason thrown.
     */

    /** How long a held container waits for its first client before it runs anyway. */
    static final Duration ATTACH_WAIT = Duration.ofSeconds(10);

    /**
     * Where a container's attach and resize sockets are: under BERTH_RUN with the short ID (a unix
     * socket path has at most 107 bytes; the container's directory under a test's BERTH_ROOT is longer).
     */
    public static Path attachSocket(EngineRoots roots, String id) {
        return roots.run().resolve("attach").resolve(id.substring(0, 12) + ".sock");
    }

    public static Path controlSocket(EngineRoots roots, String id) {
        return roots.run().resolve("attach").resolve(id.substring(0, 12) + ".ctl");
    }

    /**
     * @param holdForAttach the container waits (up to {@link #ATTACH_WAIT}) for its first attach client
     *                      before its command runs: a foreground {@code run -i/-t} misses nothing
     * @param netns         the network namespace to join (its endpoints made by the network service); null:
     *                      {@code none} (an empty one of its own) or {@code host}
     * @param embeddedDns   the embedded DNS server's address on a user-defined network, for resolv.conf; else null
     */
    public Container start(Container container, Image image, boolean holdForAttach, Path netns, String embeddedDns)
            throws IOException, CgroupException {
        Path dir = containers.directory(container.id());
        // a restart: the last run's exit and pid files would make it look ended
        for (String f : List.of("exit.json", "container.pid", "shim.pid")) Files.deleteIfExists(dir.resolve(f));
        ShimSpec.Builder spec;
        try {
            spec = prepare(container, image, netns, embeddedDns);
        } catch (IllegalArgumentException e) {
            // an unknown user, a bad bind: the start fails as a runtime failure does in Docker (125)
            Container failed = containers.update(container.id(), c -> c.withState(c.state().started(0, Instant.now())
                    .exited(125, false, e.getMessage(), Instant.now())));
            throw new ContainerStartException(failed, e.getMessage(), 125);
        }
        Cgroups cgroups = Cgroups.detect(roots.cgroupParent());
        ContainerCgroup cgroup = createCgroup(cgroups, container.id(), resources(container.hostConfig(), cgroups.swapAccounting()));
        spec.cgroupProcs(cgroup.procsFiles()).shimPidFile(dir.resolve("shim.pid"));
        var config = container.config();
        if (config.openStdin() || config.tty()) {
            Files.createDirectories(attachSocket(roots, container.id()).getParent());
            spec.interactive(ShimSpec.Interactive.attached(config.openStdin(), config.tty(), attachSocket(roots, container.id()),
                    controlSocket(roots, container.id()), holdForAttach ? ATTACH_WAIT : Duration.ZERO));
        }
        int code;
        try {
            code = new ShimRunner(shimBinary()).startDetached(spec.build(), dir, Duration.ofSeconds(30));
        } catch (InterruptedException | java.util.concurrent.TimeoutException e) {
            cgroup.killAll();
            cgroup.remove();
            throw new IOException("berth-shim did not report the start of " + container.name() + ": " + e.getMessage(), e);
        }
        if (code != 0) {
            Container failed = refresh(containers.update(container.id(), c -> c.withState(c.state().started(0, Instant.now()))));
            String why = ExitStatus.read(dir.resolve("exit.json")).flatMap(ExitStatus::error).orElse("exit code " + code);
            throw new ContainerStartException(failed, why, code);
        }
        long pid = Long.parseLong(Files.readString(dir.resolve("container.pid")).strip());
        return containers.update(container.id(), c -> c.withState(c.state().started(pid, Instant.now())));
    }

    /**
     * Brings a record up to date with what its monitor wrote: a container that has ended is recorded
     * exited (with OOM) and its cgroup removed. What berthd does for every container when it starts
     * again after a restart.
     */
    public Container refresh(Container container) throws IOException {
        if (!container.state().running()) return container;
        Path dir = containers.directory(container.id());
        Optional<ExitStatus> exit = ExitStatus.read(dir.resolve("exit.json"));
        if (exit.isEmpty()) {
            if (monitorAlive(dir)) return container;
            exit = Optional.of(new ExitStatus(255, 0, Instant.now(), Optional.of("the container's monitor is gone")));
        }
        boolean oom = false;
        try {
            Cgroups cgroups = Cgroups.detect(roots.cgroupParent());
            ContainerCgroup cgroup = cgroups.open(container.id());
            if (Files.isDirectory(cgroup.directories().getFirst())) {
                oom = cgroup.oomKilled();
                cgroup.killAll();
                cgroup.remove();
            }
            removeParentIfEmpty(cgroups);
        } catch (CgroupException e) {
            throw new IOException("cannot clean up the cgroup of " + container.name() + ": " + e.getMessage(), e);
        }
        ExitStatus status = exit.get();
        boolean oomKilled = oom;
        return containers.update(container.id(), c -> c.withState(c.state().exited(status.exitCode(), oomKilled, status.error().orElse(""), status.finishedAt())));
    }

    /** Whether the container's berth-shim still runs (it writes the exit file before it ends). */
    public static boolean monitorAlive(Path dir) throws IOException {
        Path pidFile = dir.resolve("shim.pid");
        if (!Files.exists(pidFile)) return false;
        long pid = Long.parseLong(Files.readString(pidFile).strip());
        return ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false);
    }

    /** The container's cgroup (for pause, stats, top), whether or not its directories exist. */
    public ContainerCgroup cgroup(Container container) throws CgroupException {
        return Cgroups.detect(roots.cgroupParent()).open(container.id());
    }

    /**
     * Creates the container's cgroup; tried again when it fails because another berth process
     * removed the shared parent in between (its last container had just ended).
     */
    private static ContainerCgroup createCgroup(Cgroups cgroups, String id, Resources resources) throws CgroupException {
        for (int attempt = 1; ; attempt++) {
            try {
                return cgroups.create(id, resources);
            } catch (CgroupException e) {
                boolean parentGone = cgroups.parentDirectories().stream().anyMatch(p -> !Files.isDirectory(p));
                if (attempt >= 3 || !parentGone) throw e;
            }
        }
    }

    /** The shared {@code berth} parent cgroup goes with the last container (another may still use it). */
    private static void removeParentIfEmpty(Cgroups cgroups) {
        try {
            if (cgroups.list().isEmpty()) cgroups.removeParent();
        } catch (CgroupException stillInUse) {
            // a container started meanwhile: it keeps the parent
        }
    }

    /** Docker's limits as cgroup resources; Docker's swap default (swap = memory) where swap is accounted. */
    static Resources resources(HostConfig host, boolean swapAccounting) {
        Resources r = Resources.NONE;
        if (host.memory() > 0) r = r.withMemory(host.memory());
        if (host.memorySwap() != 0) r = r.withMemorySwap(host.memorySwap());
        if (host.nanoCpus() > 0) r = r.withCpus(host.nanoCpus() / 1e9);
        if (host.cpuShares() > 0) r = r.withCpuShares(host.cpuShares());
        if (host.cpusetCpus() != null && !host.cpusetCpus().isEmpty()) r = r.withCpusetCpus(host.cpusetCpus());
        if (host.pidsLimit() > 0) r = r.withPidsLimit(host.pidsLimit());
        r = r.withDevices(host.privileged() ? DeviceRules.allowAllDevices() : DeviceRules.dockerDefault());
        if (host.memory() > 0 && host.memorySwap() == 0) r = swapAccounting ? r.withDockerSwapDefault() : r.withoutSwapLimit();
        return r;
    }

}
