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
import dev.berth.engine.runtime.cgroup.Resources;
import dev.berth.engine.runtime.seccomp.DefaultSeccompProfile;
import dev.berth.engine.runtime.seccomp.KernelVersion;
import dev.berth.engine.runtime.seccomp.SeccompCompiler;
import dev.berth.engine.runtime.seccomp.SeccompProfileException;
import dev.berth.engine.runtime.shim.Capabilities;
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

    public ContainerRuntime(EngineRoots roots, ContainerStore containers, LayerStore layers) {
        this.roots = roots;
        this.containers = containers;
        this.layers = layers;
    }

    /** Everything a container needs on disk before the shim starts; returns its spec (without the cgroup). */
    private ShimSpec.Builder prepare(Container container, Image image) throws IOException {
        Path dir = containers.directory(container.id());
        HostConfig host = container.hostConfig();
        Files.createDirectories(dir.resolve("upper"));
        Files.createDirectories(dir.resolve("work"));
        Files.createDirectories(dir.resolve("rootfs"));
        String hostname = container.config().hostname().isEmpty() ? container.id().substring(0, 12) : container.config().hostname();
        Files.writeString(dir.resolve("hostname"), hostname + "\n");
        Files.writeString(dir.resolve("hosts"), "127.0.0.1\tlocalhost\n::1\tlocalhost ip6-localhost ip6-loopback\n");
        Path hostResolv = Path.of("/etc/resolv.conf");
        Files.writeString(dir.resolve("resolv.conf"), Files.isReadable(hostResolv) ? Files.readString(hostResolv) : "");

        List<Path> lowerTopFirst = new ArrayList<>();
        for (var diffId : image.diffIds().reversed()) lowerTopFirst.add(layers.directory(diffId));
        ShimSpec.Builder spec = ShimSpec.builder(
                        ShimSpec.Rootfs.overlay(dir.resolve("rootfs"), lowerTopFirst, dir.resolve("upper"), dir.resolve("work")),
                        container.config().argv())
                .hostname(hostname)
                .env(container.config().env())
                .cwd(container.config().workingDir().isEmpty() ? "/" : container.config().workingDir())
                .user(user(container.config().user()))
                .capabilities(Capabilities.of(host.capabilities()))
                .noNewPrivileges(host.noNewPrivileges())
                .bindMounts(List.of(
                        new ShimSpec.BindMount(dir.resolve("hosts"), "/etc/hosts", false),
                        new ShimSpec.BindMount(dir.resolve("hostname"), "/etc/hostname", false),
                        new ShimSpec.BindMount(dir.resolve("resolv.conf"), "/etc/resolv.conf", false)))
                .shmSize(host.shmSize())
                .network(ShimSpec.Network.NONE) // networks come with issue 5
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
        if (!host.privileged() && !host.securityOpt().contains("seccomp=unconfined")) {
            Path filter = dir.resolve("seccomp.bpf");
            try {
                SeccompCompiler.compile(DefaultSeccompProfile.profile(),
                        host.capabilities().stream().map(c -> "CAP_" + c.name()).collect(java.util.stream.Collectors.toSet()),
                        KernelVersion.running()).write(filter);
            } catch (SeccompProfileException e) {
                throw new IllegalStateException("berth's default seccomp profile does not compile: " + e.getMessage(), e);
            }
            spec.seccompFilter(filter);
        }
        return spec;
    }

    /**
     * Starts the container and returns once its command runs; berth-shim goes on monitoring it (log,
     * exit file) on its own, so the container outlives this process. A container that fails to start is recorded exited
     * with the reason, its cgroup removed, and the reason thrown.
     */
    public Container start(Container container, Image image) throws IOException, CgroupException {
        Path dir = containers.directory(container.id());
        // a restart: the last run's exit and pid files would make it look ended
        for (String f : List.of("exit.json", "container.pid", "shim.pid")) Files.deleteIfExists(dir.resolve(f));
        ShimSpec.Builder spec = prepare(container, image);
        Cgroups cgroups = Cgroups.detect();
        ContainerCgroup cgroup = createCgroup(cgroups, container.id(), resources(container.hostConfig(), cgroups.swapAccounting()));
        spec.cgroupProcs(cgroup.procsFiles()).shimPidFile(dir.resolve("shim.pid"));
        int code;
        try {
            code = new ShimRunner(ShimBinary.locate(roots.root().resolve("bin"))).startDetached(spec.build(), dir, Duration.ofSeconds(30));
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
            Cgroups cgroups = Cgroups.detect();
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
    public static ContainerCgroup cgroup(Container container) throws CgroupException {
        return Cgroups.detect().open(container.id());
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
        if (host.memory() > 0 && host.memorySwap() == 0) r = swapAccounting ? r.withDockerSwapDefault() : r.withoutSwapLimit();
        return r;
    }

    /** {@code UID[:GID]} or empty (root); names need the image's /etc/passwd, which comes next. */
    static ShimSpec.User user(String user) {
        if (user == null || user.isEmpty() || user.equals("root") || user.equals("0")) return ShimSpec.User.ROOT;
        String[] parts = user.split(":", 2);
        try {
            int uid = Integer.parseInt(parts[0]);
            int gid = parts.length > 1 ? Integer.parseInt(parts[1]) : uid;
            return new ShimSpec.User(uid, gid, List.of());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("user \"" + user + "\": give UID[:GID] (user names from the image's /etc/passwd are not read yet)");
        }
    }
}
