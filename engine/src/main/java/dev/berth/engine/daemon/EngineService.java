package dev.berth.engine.daemon;

import dev.berth.engine.EngineRoots;
import dev.berth.engine.api.ContainerEngine;
import dev.berth.engine.api.ContainerStats;
import dev.berth.engine.api.ContainerTop;
import dev.berth.engine.api.CreateRequest;
import dev.berth.engine.api.EngineInfo;
import dev.berth.engine.api.EngineVersion;
import dev.berth.engine.api.ExecHandle;
import dev.berth.engine.api.ExecRequest;
import dev.berth.engine.api.LogOptions;
import dev.berth.engine.api.WaitCondition;
import dev.berth.engine.api.WaitResult;
import dev.berth.engine.container.Container;
import dev.berth.engine.container.ContainerConflictException;
import dev.berth.engine.container.ContainerNotFoundException;
import dev.berth.engine.container.ContainerStore;
import dev.berth.engine.image.ImageService;
import dev.berth.engine.image.layer.DirectoryLayerStore;
import dev.berth.engine.image.store.Image;
import dev.berth.engine.image.store.ImageNotFoundException;
import dev.berth.engine.container.Endpoint;
import dev.berth.engine.container.HostConfig;
import dev.berth.engine.network.Network;
import dev.berth.engine.network.NetworkService;
import dev.berth.engine.network.dns.DnsEntry;
import dev.berth.engine.runtime.ContainerProcesses;
import dev.berth.engine.runtime.ContainerRuntime;
import dev.berth.engine.runtime.ContainerStartException;
import dev.berth.engine.runtime.Signals;
import dev.berth.engine.runtime.cgroup.CgroupException;
import dev.berth.engine.runtime.cgroup.CgroupStats;
import dev.berth.engine.runtime.cgroup.Cgroups;
import dev.berth.engine.runtime.cgroup.ContainerCgroup;
import dev.berth.engine.runtime.shim.LogEntry;
import dev.berth.engine.sys.ProcessSignals;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Consumer;

/**
 * The engine in process: the one owner of live containers. It starts them (through
 * {@link ContainerRuntime}), learns of their ends ({@link ExitWatcher}), applies restart policies
 * with Docker's back-off, removes {@code --rm} containers, answers waiters, and on start re-adopts
 * what a previous berthd left running. berthd serves it over HTTP; tests may use it directly.
 */
public final class EngineService implements ContainerEngine, AutoCloseable {

    /** Docker's restart back-off: 100 ms, doubled each time, at most a minute; reset after 10 s of running. */
    static final Duration FIRST_BACKOFF = Duration.ofMillis(100);
    static final Duration MAX_BACKOFF = Duration.ofMinutes(1);
    static final Duration BACKOFF_RESET = Duration.ofSeconds(10);
    static final int DEFAULT_STOP_TIMEOUT = 10;

    private final EngineRoots roots;
    private final EngineVersion version;
    private final ContainerStore store;
    private final ContainerRuntime runtime;
    private final ImageService images;
    private final ExitWatcher exits;
    private final NetworkService networks;
    private final dev.berth.engine.volume.VolumeService volumes;
    private final HealthMonitor health;
    private final EventLog events = new EventLog();
    /** Filled while re-adopting: the addresses running containers hold, per network ID. */
    private final Map<String, List<String>> addressesInUse = new ConcurrentHashMap<>();
    private final ScheduledExecutorService timers = Executors.newSingleThreadScheduledExecutor(
            r -> Thread.ofPlatform().name("berthd-restarts").daemon().unstarted(r));
    private final Map<String, ReentrantLock> locks = new ConcurrentHashMap<>();
    private final Map<String, List<Waiter>> waiters = new ConcurrentHashMap<>();
    private final Map<String, ScheduledFuture<?>> pendingRestarts = new ConcurrentHashMap<>();
    private final Map<String, Duration> backoff = new ConcurrentHashMap<>();

    private record Waiter(WaitCondition condition, CompletableFuture<WaitResult> result) {}

    private EngineService(EngineRoots roots, EngineVersion version) throws IOException {
        this.roots = roots;
        this.version = version;
        this.store = new ContainerStore(roots.containers());
        var layers = DirectoryLayerStore.under(roots.root(), e -> { });
        this.images = new ImageService(roots, layers, id -> inUse(id.toString()), Set.of());
        this.runtime = new ContainerRuntime(roots, store, layers, daemonDns(System.getenv("BERTH_DNS")));
        this.exits = new ExitWatcher(this::onExit);
        this.networks = NetworkService.open(roots, System.getenv("BERTH_DNS"));
        this.volumes = new dev.berth.engine.volume.VolumeService(roots.root().resolve("volumes"),
                dev.berth.engine.sys.Syscalls.linux(), this::volumeUsers);
        this.health = new HealthMonitor(new HealthMonitor.Containers() {
            @Override
            public ExecHandle createExec(String id, ExecRequest request) throws IOException {
                return EngineService.this.createExec(id, request);
            }

            @Override
            public Container update(String id, java.util.function.UnaryOperator<Container> change) throws IOException {
                return underLock(id, c -> {
                    Container next = change.apply(c); // c is the record as it is under the lock
                    if (next != c) events.health(c, next);
                    return next == c ? c : store.update(c.id(), x -> next);
                });
            }
        });
    }

    /** The containers (running or not) that mount a volume: the store is the one record of it. */
    private List<String> volumeUsers(String volume) {
        try {
            return store.list(true, List.of()).stream()
                    .filter(c -> c.mounts().stream().anyMatch(m -> m.type().equals(dev.berth.engine.container.Mount.VOLUME)
                            && m.name().equals(volume)))
                    .map(Container::id).toList();
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    /** {@code BERTH_DNS}: comma-separated resolver addresses berthd uses instead of the host's. */
    static List<String> daemonDns(String env) {
        if (env == null || env.isBlank()) return List.of();
        return java.util.Arrays.stream(env.split(",")).map(String::strip).filter(s -> !s.isEmpty()).toList();
    }

    /** Opens the engine over {@code roots} and re-adopts the containers a previous berthd left. */
    public static EngineService open(EngineRoots roots, EngineVersion version) throws IOException {
        EngineService engine = new EngineService(roots, version);
        engine.readopt();
        engine.volumes.unmountUnused(engine.runningVolumeUsers());
        for (var e : engine.addressesInUse.entrySet()) engine.networks.restore(engine.networks.get(e.getKey()), e.getValue());
        return engine;
    }

    /** Volumes with driver options by the running containers that use them (mounted while they run). */
    private Map<String, Set<String>> runningVolumeUsers() throws IOException {
        Map<String, Set<String>> out = new java.util.HashMap<>();
        for (Container c : store.list(false, List.of())) {
            for (var m : c.mounts()) {
                if (m.type().equals(dev.berth.engine.container.Mount.VOLUME)) out.computeIfAbsent(m.name(), k -> new java.util.HashSet<>()).add(c.id());
            }
        }
        return out;
    }

    public dev.berth.engine.volume.VolumeService volumeService() {
        return volumes;
    }

    public ContainerStore store() {
        return store;
    }

    public NetworkService networks() {
        return networks;
    }

    /** berthd's events ({@code GET /events}). */
    public dev.berth.engine.events.EventBus eventBus() {
        return events.bus();
    }

    @Override
    public void events(dev.berth.engine.api.EventOptions o, Consumer<dev.berth.engine.events.EngineEvent> sink) {
        events.bus().stream(o.since(), o.until(), dev.berth.engine.events.EventFilter.of(o.filters()), sink);
    }

    /**
     * Running containers are watched again (their shims kept them running); one that ended while
     * no berthd ran is recorded exited with its status and its restart policy applied; one caught
     * between two restarts is started; {@code always}/{@code unless-stopped} ones start again, as
     * Docker's daemon does when it starts.
     */
    private void readopt() throws IOException {
        for (Container c : store.list(true, List.of())) {
            try {
                if (c.state().running()) {
                    readoptEndpoints(c);
                    health.begin(c, c.state().health()); // before the watch: an exit seen at once ends it
                    exits.watch(c.id(), store.directory(c.id()));
                } else if (c.state().restarting()) {
                    scheduleRestart(c.id(), Duration.ZERO);
                } else if (c.state().status().equals("exited") && !c.state().stoppedByUser()
                        && (c.hostConfig().restartPolicy().name().equals("always")
                        || c.hostConfig().restartPolicy().name().equals("unless-stopped"))) {
                    scheduleRestart(c.id(), Duration.ZERO);
                }
            } catch (IOException | RuntimeException e) {
                System.err.println("berthd: re-adopting " + c.name() + ": " + e.getMessage());
            }
        }
    }

    /** A running container's addresses are held again and its names answered again. */
    private void readoptEndpoints(Container c) throws IOException {
        for (var e : c.networks().entrySet()) {
            Network n = networks.get(e.getValue().networkId());
            if (!c.ports().isEmpty()) {
                // its proxies ended with the previous berthd: the same host ports again
                networks.unpublish(c.id());
                networks.publish(c.id(), n, e.getValue().ipAddress(), c.ports());
            }
            addressesInUse.computeIfAbsent(n.id(), k -> new ArrayList<>()).add(e.getValue().ipAddress());
            if (n.userDefined()) registerName(n, c, e.getValue());
        }
    }

    // --- networks ------------------------------------------------------------------------------

    /** {@code docker network create}: a bridge network (the only driver here). */
    public Network createNetwork(String name, String driver, String subnet, String ipRange, String gateway, boolean internal,
                                 Map<String, String> labels) throws IOException {
        if (driver != null && !driver.isEmpty() && !driver.equals("bridge")) {
            throw new IllegalArgumentException("plugin \"" + driver + "\" not found: berth has the bridge driver only");
        }
        if (name == null || name.isEmpty()) throw new IllegalArgumentException("network name is required");
        Network n = networks.create(name, blankToNull(subnet), blankToNull(ipRange), blankToNull(gateway), internal, labels);
        events.network(n.id(), n.name(), "create");
        return n;
    }

    private static String blankToNull(String s) {
        return s == null || s.isEmpty() ? null : s;
    }

    /** {@code docker network rm}: refused while a running container is on it. */
    public void removeNetwork(String ref) throws IOException {
        Network gone = networks.get(ref);
        networks.remove(ref, n -> {
            try {
                return store.list(false, List.of()).stream().anyMatch(c -> c.networks().values().stream()
                        .anyMatch(e -> e.networkId().equals(n.id())));
            } catch (IOException e) {
                return true; // cannot tell: keep it
            }
        });
        events.network(gone.id(), gone.name(), "destroy");
    }

    /**
     * {@code docker network connect}: a running container gets another endpoint ({@code eth<N>}, no
     * default route: the first network keeps it) and is known by name there; {@code aliases} as
     * {@code --alias}. (A stopped container is refused for now: Docker records it for its next start.)
     */
    public void connectNetwork(String networkRef, String containerRef, List<String> aliases) throws IOException {
        Network n = networks.get(networkRef);
        underLock(containerRef, c -> {
            if (!c.state().running()) {
                throw new ContainerConflictException("container " + c.name() + " is not running: berth connects running containers only");
            }
            if (c.networks().containsKey(n.name()) && !c.networks().get(n.name()).ipAddress().isEmpty()) {
                throw new ContainerConflictException("endpoint with name " + c.name() + " already exists in network " + n.name());
            }
            String mode = c.hostConfig().networkMode();
            if (mode.equals("none") || mode.equals("host")) {
                throw new ContainerConflictException("container cannot be disconnected from host network or connected to host network");
            }
            int index = (int) c.networks().values().stream().filter(x -> !x.ipAddress().isEmpty()).count();
            Endpoint e = networks.connect(c.id(), n, index, aliases,
                    n.userDefined() ? List.of(c.name(), c.id().substring(0, 12)) : List.of(), "");
            if (n.userDefined()) registerName(n, c, e);
            events.network(n.id(), n.name(), "connect", c.id());
            Map<String, Endpoint> all = new java.util.LinkedHashMap<>(c.networks());
            all.put(n.name(), e);
            return store.update(c.id(), x -> x.withNetworks(all));
        });
    }

    /** {@code docker network disconnect}: a running container off one of its networks. */
    public void disconnectNetwork(String networkRef, String containerRef) throws IOException {
        Network n = networks.get(networkRef);
        underLock(containerRef, c -> {
            Endpoint e = c.networks().get(n.name());
            if (e == null || e.ipAddress().isEmpty()) {
                throw new ContainerConflictException("container " + c.name() + " is not connected to network " + n.name());
            }
            networks.disconnect(c.id(), e);
            networks.dnsRecords().remove(n.name(), c.id());
            events.network(n.id(), n.name(), "disconnect", c.id());
            Map<String, Endpoint> rest = new java.util.LinkedHashMap<>(c.networks());
            rest.remove(n.name());
            return store.update(c.id(), x -> x.withNetworks(rest));
        });
    }

    /** {@code docker network prune}: the user-defined networks no running container is on; their names. */
    public List<String> pruneNetworks() throws IOException {
        List<String> removed = new ArrayList<>();
        for (Network n : networks.list(Network::userDefined)) {
            try {
                removeNetwork(n.id());
                removed.add(n.name());
            } catch (dev.berth.engine.network.NetworkConflictException inUse) {
                // in use: kept, as Docker does
            }
        }
        return removed;
    }

    /** A network in {@code docker network inspect}'s shape, with the containers on it. */
    public com.fasterxml.jackson.databind.node.ObjectNode inspectNetwork(Network n) throws IOException {
        return dev.berth.engine.network.NetworkInspectView.of(n, store.list(true, List.of()));
    }

    // --- create, start -------------------------------------------------------------------------

    @Override
    public String create(CreateRequest request) throws IOException {
        if (request.image() == null || request.image().isEmpty()) throw new IllegalArgumentException("no image given");
        Image image = images.store().resolve(request.image()).orElseThrow(() -> new ImageNotFoundException(request.image()));
        validate(request.hostConfig());
        validateEndpoints(request);
        HealthMonitor.validate(request.healthcheck());
        var config = ImageDefaults.apply(request, image.config().config());
        var mounts = dev.berth.engine.volume.MountResolver.plan(request.hostConfig(), config.volumes(), volumes);
        Container c = store.create(request.name(), image.id().toString(), config, request.hostConfig());
        try {
            dev.berth.engine.volume.MountResolver.realize(mounts, volumes);
        } catch (IOException | RuntimeException e) {
            store.remove(c.id());
            throw e;
        }
        mounts.volumes().forEach(v -> events.volume(v.name(), "create"));
        c = store.update(c.id(), x -> x.withMounts(mounts.mounts()));
        copyUp(c, image);
        if (!request.endpoints().isEmpty()) {
            // as Docker: the endpoints are configured at create (aliases, addresses), their addresses come at start
            Map<String, Endpoint> configured = new java.util.LinkedHashMap<>();
            for (var e : request.endpoints().entrySet()) {
                Network n = networks.forMode(e.getKey());
                configured.put(n.name(), new Endpoint(n.id(), "", 0, "", "", e.getValue().aliases(), List.of(), e.getValue().ipv4Address()));
            }
            c = store.update(c.id(), x -> x.withNetworks(configured));
        }
        Files.createFile(store.directory(c.id()).resolve("container.log")); // readers may hold it open before the start
        events.container(c, "create");
        return c.id();
    }

    /**
     * Docker's copy-up: a volume still empty, mounted where the image has files, starts with them
     * (owners and modes kept). Volumes with driver options are filled by nothing: their filesystem is
     * mounted only while a container runs.
     */
    private void copyUp(Container c, Image image) throws IOException {
        for (var m : c.mounts()) {
            if (!m.copyUp() || !m.type().equals(dev.berth.engine.container.Mount.VOLUME)) continue;
            var v = volumes.get(m.name());
            if (!v.options().isEmpty()) continue;
            Path data = Path.of(v.mountpoint());
            try (var entries = Files.list(data)) {
                if (entries.findAny().isPresent()) continue;
            }
            runtime.copyUp(c, image, m.destination(), data);
        }
    }

    /** The networks a new container joins: each exists; aliases and addresses only where Docker allows them. */
    private void validateEndpoints(CreateRequest request) throws IOException {
        String mode = request.hostConfig().networkMode();
        boolean special = mode.equals("none") || mode.equals("host");
        for (var e : request.endpoints().entrySet()) {
            if (special) {
                throw new IllegalArgumentException("container cannot be connected to network " + e.getKey() + " and to the "
                        + mode + " network mode");
            }
            Network n = networks.forMode(e.getKey()); // "network X not found"
            if (!n.userDefined() && !e.getValue().aliases().isEmpty()) {
                throw new IllegalArgumentException("network-scoped aliases are supported only for containers in user defined networks");
            }
            if (!e.getValue().ipv4Address().isEmpty() && !n.userDefined()) {
                throw new IllegalArgumentException("user specified IP address is supported on user defined networks only");
            }
        }
        if (!special && !request.endpoints().isEmpty()
                && !request.endpoints().containsKey(mode) && !(mode.equals("default") && request.endpoints().containsKey("bridge"))) {
            Network first = networks.forMode(mode);
            if (!request.endpoints().containsKey(first.name())) {
                throw new IllegalArgumentException("the endpoints must include the network of NetworkMode (" + mode + ")");
            }
        }
    }

    /** Docker's --ulimit names. */
    private static final List<String> ULIMITS = List.of("core", "cpu", "data", "fsize", "locks", "memlock", "msgqueue", "nice",
            "nofile", "nproc", "rss", "rtprio", "rttime", "sigpending", "stack");

    /** Everything a start would refuse, refused before anything is recorded. */
    private void validate(HostConfig host) throws IOException {
        if (host.autoRemove() && !host.restartPolicy().name().equals("no")) {
            throw new IllegalArgumentException("conflicting options: cannot specify both --restart and --rm");
        }
        host.extraHosts().forEach(dev.berth.engine.network.HostsFile.ExtraHost::parse);
        for (String key : host.sysctls().keySet()) dev.berth.engine.runtime.Sysctls.check(key, host.networkMode());
        for (var u : host.ulimits()) {
            if (!ULIMITS.contains(u.name())) throw new IllegalArgumentException("invalid ulimit type: " + u.name() + " (one of " + ULIMITS + ")");
        }
        ContainerRuntime.capabilities(host.privileged(), host.capabilities());
        for (String target : host.tmpfs().keySet()) {
            if (!target.startsWith("/")) throw new IllegalArgumentException("invalid tmpfs mount point \"" + target + "\": must be absolute");
        }
        switch (host.networkMode()) {
            case "none", "host", "bridge", "default" -> { }
            default -> networks.get(host.networkMode()); // "network X not found"
        }
        if (!host.portBindings().isEmpty() && (host.networkMode().equals("none") || host.networkMode().equals("host"))) {
            throw new IllegalArgumentException("conflicting options: port publishing and the container type network mode ("
                    + host.networkMode() + ": published ports need a bridge network)");
        }
    }

    @Override
    public void start(String ref, boolean holdForAttach) throws IOException {
        startContainer(ref, holdForAttach);
    }

    private Container startContainer(String ref, boolean holdForAttach) throws IOException {
        return underLock(ref, c -> {
            if (c.state().paused()) throw new ContainerConflictException("cannot start a paused container, try unpause instead");
            if (c.state().running()) return c; // Docker: 304, already started
            cancelRestart(c.id());
            return launch(c, holdForAttach);
        });
    }

    /** Starts a container (lock held): its volumes mounted first (those with driver options), released if the start fails. */
    private Container launch(Container container, boolean holdForAttach) throws IOException {
        for (var m : container.mounts()) {
            if (m.type().equals(dev.berth.engine.container.Mount.VOLUME)) volumes.acquire(m.name(), container.id());
        }
        container.mounts().stream().filter(m -> m.type().equals(dev.berth.engine.container.Mount.VOLUME)).forEach(m -> events.mounted(m.name(), container, m));
        try {
            return launchMounted(container, holdForAttach);
        } catch (IOException | RuntimeException e) {
            releaseVolumes(container);
            throw e;
        }
    }

    /** A container no longer running leaves its volumes (the last one out unmounts a volume with driver options). */
    private void releaseVolumes(Container c) throws IOException {
        for (var m : c.mounts()) {
            if (m.type().equals(dev.berth.engine.container.Mount.VOLUME)) volumes.release(m.name(), c.id());
        }
    }

    /** Removes a removed container's anonymous volumes ({@code rm -v}, {@code --rm}); one another container uses stays. */
    private void removeAnonymousVolumes(Container c) throws IOException {
        for (var m : c.mounts()) {
            if (!m.anonymous()) continue;
            try {
                volumes.remove(m.name(), true);
                events.volume(m.name(), "destroy");
            } catch (dev.berth.engine.volume.VolumeInUseException stillUsed) {
                // Docker keeps it too
            }
        }
    }

    /** Starts a container (lock held): watched before the shim starts, so no exit goes unseen. */
    private Container launchMounted(Container container, boolean holdForAttach) throws IOException {
        Container c = container;
        Image image = images.store().resolve(container.imageId()).orElseThrow(() -> new ImageNotFoundException(container.imageId()));
        Path netns = null;
        String embeddedDns = null;
        String mode = c.hostConfig().networkMode();
        if (!mode.equals("none") && !mode.equals("host")) {
            // its endpoints first: the shim joins the namespace with eth0 (NetworkMode's network) ready
            Network n = networks.forMode(mode);
            String shortId = c.id().substring(0, 12);
            List<Network> joined = new ArrayList<>(List.of(n));
            for (String other : c.networks().keySet()) {
                if (!other.equals(n.name())) joined.add(networks.get(other));
            }
            Map<String, Endpoint> endpoints = new java.util.LinkedHashMap<>();
            Endpoint primary = null;
            try {
                for (Network net : joined) {
                    Endpoint configured = c.networks().get(net.name());
                    Endpoint e = networks.connect(c.id(), net, endpoints.size(),
                            configured == null ? List.of() : configured.aliases(),
                            net.userDefined() ? List.of(c.name(), shortId) : List.of(),
                            configured == null ? "" : configured.ipamAddress());
                    endpoints.put(net.name(), e);
                    if (primary == null) primary = e;
                }
            } catch (IOException | RuntimeException failed) {
                // an address taken, a network gone: nothing of this start stays
                networks.disconnectAll(c.id(), endpoints);
                throw failed;
            }
            Map<String, Endpoint> all = new java.util.LinkedHashMap<>(c.networks());
            all.putAll(endpoints);
            c = store.update(c.id(), x -> x.withNetworks(all));
            for (Network net : joined) events.network(net.id(), net.name(), "connect", c.id());
            netns = networks.namespace(c.id());
            if (!c.hostConfig().portBindings().isEmpty()) {
                try {
                    var published = networks.publish(c.id(), n, primary.ipAddress(), c.hostConfig().portBindings());
                    c = store.update(c.id(), x -> x.withPorts(published));
                } catch (RuntimeException failed) {
                    // a port already taken: nothing of this start stays (Docker: the container is not started)
                    disconnect(c);
                    throw failed;
                }
            }
            if (n.userDefined()) embeddedDns = n.gateway();
            for (Network net : joined) {
                if (net.userDefined()) registerName(net, c, endpoints.get(net.name()));
            }
        }
        exits.watch(c.id(), store.directory(c.id()));
        Container started;
        try {
            started = runtime.start(c, image, holdForAttach, netns, embeddedDns);
        } catch (ContainerStartException e) {
            exits.unwatch(c.id());
            settle(store.get(c.id()), false);
            throw e;
        } catch (IOException | RuntimeException e) {
            exits.unwatch(c.id());
            disconnect(store.get(c.id()));
            throw e;
        }
        events.container(started, "start");
        return health.begin(started, c.state().health()); // the start dropped the last run's health: its log is kept
    }

    /** Takes an ended container off its networks: endpoints, namespace, addresses, DNS names. */
    private Container disconnect(Container c) throws IOException {
        if (c.networks().values().stream().allMatch(e -> e.ipAddress().isEmpty())) return c; // never connected
        networks.unpublish(c.id());
        networks.dnsRecords().removeContainer(c.id());
        networks.disconnectAll(c.id(), c.networks());
        c.networks().forEach((name, e) -> { if (!e.ipAddress().isEmpty()) events.network(e.networkId(), name, "disconnect", c.id()); });
        // what was configured stays (aliases), what the run got goes (address, MAC, gateway)
        Map<String, Endpoint> configured = new java.util.LinkedHashMap<>();
        c.networks().forEach((name, e) -> {
            if (!e.aliases().isEmpty() || !e.ipamAddress().isEmpty()) configured.put(name, e.configuredPart());
        });
        return store.update(c.id(), x -> x.withNetworks(configured).withPorts(List.of()));
    }

    // --- ends and restarts ---------------------------------------------------------------------

    /** Called by the watcher when a container's shim has written its exit (or died). */
    private void onExit(String id) {
        ReentrantLock lock = lock(id);
        lock.lock();
        try {
            Container c;
            try {
                c = store.get(id);
            } catch (ContainerNotFoundException gone) {
                exits.unwatch(id);
                return;
            }
            if (!c.state().running()) return;
            c = runtime.refresh(c);
            if (c.state().running()) return; // not over yet
            exits.unwatch(id);
            settle(c, true);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } finally {
            lock.unlock();
        }
    }

    /**
     * An ended container (lock held): waiters for the next exit hear of it; then it is removed
     * ({@code --rm}), restarted after its back-off (its policy says so), or done.
     */
    private void settle(Container c, boolean ran) throws IOException {
        health.end(c.id());
        events.died(c);
        c = disconnect(c);
        releaseVolumes(c);
        WaitResult result = new WaitResult(c.state().exitCode(), c.state().error());
        complete(c.id(), result, WaitCondition.NEXT_EXIT);
        if (c.hostConfig().autoRemove()) {
            store.remove(c.id());
            events.container(c, "destroy");
            removeAnonymousVolumes(c);
            complete(c.id(), result, WaitCondition.NOT_RUNNING);
            complete(c.id(), result, WaitCondition.REMOVED);
            return;
        }
        var policy = c.hostConfig().restartPolicy();
        if (ran && policy.restarts(c.state().exitCode(), c.restartCount(), c.state().stoppedByUser())) {
            boolean ranLong = c.state().startedAt() != null && c.state().finishedAt() != null
                    && Duration.between(c.state().startedAt(), c.state().finishedAt()).compareTo(BACKOFF_RESET) >= 0;
            Duration delay = ranLong ? FIRST_BACKOFF : backoff.getOrDefault(c.id(), FIRST_BACKOFF);
            backoff.put(c.id(), min(delay.multipliedBy(2), MAX_BACKOFF));
            store.update(c.id(), x -> x.withState(x.state().withStatus("restarting")));
            scheduleRestart(c.id(), delay);
            return;
        }
        backoff.remove(c.id());
        complete(c.id(), result, WaitCondition.NOT_RUNNING);
    }

    private void scheduleRestart(String id, Duration delay) {
        pendingRestarts.put(id, timers.schedule(() -> restartNow(id), delay.toMillis(), TimeUnit.MILLISECONDS));
    }

    private void restartNow(String id) {
        ReentrantLock lock = lock(id);
        lock.lock();
        try {
            pendingRestarts.remove(id);
            Container c = store.get(id);
            boolean stillWanted = c.state().restarting() || c.state().status().equals("exited") && !c.state().stoppedByUser();
            if (!stillWanted) return;
            c = store.update(id, x -> x.withRestartCount(x.restartCount() + 1));
            try {
                launch(c, false);
            } catch (ContainerStartException failed) {
                // recorded exited by launch; its policy was applied there
            }
        } catch (ContainerNotFoundException gone) {
            // removed meanwhile
        } catch (IOException | RuntimeException e) {
            System.err.println("berthd: restarting " + id + ": " + e.getMessage());
        } finally {
            lock.unlock();
        }
    }

    private void cancelRestart(String id) {
        ScheduledFuture<?> pending = pendingRestarts.remove(id);
        if (pending != null) pending.cancel(false);
    }

    // --- stop, kill, pause, remove -------------------------------------------------------------

    @Override
    public Container stop(String ref, Integer timeoutSeconds) throws IOException {
        Container c = store.get(ref);
        return stopContainer(c.id(), timeoutSeconds);
    }

    private Container stopContainer(String id, Integer timeoutSeconds) throws IOException {
        CompletableFuture<WaitResult> ended;
        Container c;
        ReentrantLock lock = lock(id);
        lock.lock();
        try {
            c = store.get(id);
            cancelRestart(id);
            if (c.state().restarting()) {
                return store.update(id, x -> x.withState(x.state().withStatus("exited").withStoppedByUser(true)));
            }
            if (!c.state().running()) return c;
            c = store.update(id, x -> x.withState(x.state().withStoppedByUser(true)));
            ended = register(id, WaitCondition.NEXT_EXIT);
        } finally {
            lock.unlock();
        }
        int timeout = timeoutSeconds != null ? timeoutSeconds
                : c.config().stopTimeout() != null ? c.config().stopTimeout() : DEFAULT_STOP_TIMEOUT;
        String stopSignal = c.config().stopSignal() == null || c.config().stopSignal().isEmpty() ? "SIGTERM" : c.config().stopSignal();
        events.killed(c, Signals.parse(stopSignal)); // before the signal: its die cannot come first
        ProcessSignals.send(c.state().pid(), Signals.parse(stopSignal));
        if (c.state().paused()) thaw(c); // a frozen process cannot act on its signal
        if (!await(ended, Duration.ofSeconds(Math.max(0, timeout)))) {
            killHard(c);
            if (!await(ended, Duration.ofSeconds(30))) throw new IOException("container " + c.name() + " did not end after SIGKILL");
        }
        Container stopped = current(c);
        events.container(stopped, "stop");
        return stopped;
    }

    /** The record now, or the last one known when the container has gone ({@code --rm}). */
    private Container current(Container last) throws IOException {
        try {
            return store.get(last.id());
        } catch (ContainerNotFoundException removed) {
            return last.withState(last.state().exited(last.state().exitCode(), false, "", Instant.now()));
        }
    }

    private void killHard(Container c) throws IOException {
        events.killed(c, 9);
        ProcessSignals.send(c.state().pid(), 9);
        ContainerCgroup cgroup;
        try {
            cgroup = runtime.cgroup(c);
        } catch (CgroupException e) {
            throw new IOException("cannot kill the processes of " + c.name() + ": " + e.getMessage(), e);
        }
        try {
            if (Files.isDirectory(cgroup.directories().getFirst())) {
                if (cgroup.frozen()) cgroup.thaw();
                cgroup.killAll();
            }
        } catch (CgroupException e) {
            // the container ended meanwhile and its exit took the cgroup with it: nothing left to kill
            if (Files.isDirectory(cgroup.directories().getFirst())) {
                throw new IOException("cannot kill the processes of " + c.name() + ": " + e.getMessage(), e);
            }
        }
    }

    private static boolean await(CompletableFuture<?> f, Duration timeout) throws IOException {
        try {
            f.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
            return true;
        } catch (TimeoutException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while waiting for a container to end", e);
        } catch (ExecutionException e) {
            throw new IOException(e.getCause());
        }
    }

    @Override
    public Container restart(String ref, Integer timeoutSeconds) throws IOException {
        Container c = stop(ref, timeoutSeconds);
        Container started = startContainer(c.id(), false);
        events.container(started, "restart");
        return started;
    }

    @Override
    public Container kill(String ref, String signal) throws IOException {
        int sig = Signals.parse(signal == null || signal.isEmpty() ? "KILL" : signal);
        return underLock(ref, c -> {
            requireRunning(c);
            String stopSignal = c.config().stopSignal() == null ? "SIGTERM" : c.config().stopSignal();
            // Docker: KILL or the stop signal counts as stopping it by hand (no restart by policy)
            if (sig == 9 || sig == Signals.parse(stopSignal)) {
                c = store.update(c.id(), x -> x.withState(x.state().withStoppedByUser(true)));
            }
            events.killed(c, sig);
            ProcessSignals.send(c.state().pid(), sig);
            return c;
        });
    }

    @Override
    public Container pause(String ref) throws IOException {
        return freezer(ref, true);
    }

    @Override
    public Container unpause(String ref) throws IOException {
        return freezer(ref, false);
    }

    private Container freezer(String ref, boolean freeze) throws IOException {
        return underLock(ref, c -> {
            requireRunning(c);
            if (freeze && c.state().paused()) throw new ContainerConflictException("Container " + c.id() + " is already paused");
            if (!freeze && !c.state().paused()) throw new ContainerConflictException("Container " + c.id() + " is not paused");
            try {
                ContainerCgroup cgroup = runtime.cgroup(c);
                if (freeze) cgroup.freeze();
                else cgroup.thaw();
            } catch (CgroupException e) {
                throw new IOException((freeze ? "pause " : "unpause ") + c.name() + ": " + e.getMessage(), e);
            }
            Container changed = store.update(c.id(), x -> x.withState(x.state().withStatus(freeze ? "paused" : "running")));
            events.container(changed, freeze ? "pause" : "unpause");
            return changed;
        });
    }

    private void thaw(Container c) throws IOException {
        try {
            ContainerCgroup cgroup = runtime.cgroup(c);
            try {
                cgroup.thaw();
            } catch (CgroupException e) {
                if (Files.isDirectory(cgroup.directories().getFirst())) throw e; // else it has ended meanwhile
            }
            try {
                store.update(c.id(), x -> x.state().paused() ? x.withState(x.state().withStatus("running")) : x);
            } catch (java.nio.file.NoSuchFileException removed) {
                // --rm: it ended and went meanwhile
            }
        } catch (CgroupException e) {
            throw new IOException("unpause " + c.name() + ": " + e.getMessage(), e);
        }
    }

    @Override
    public void remove(String ref, boolean force, boolean removeVolumes) throws IOException {
        Container c = store.get(ref);
        if (c.state().running()) {
            if (!force) {
                throw new ContainerConflictException("cannot remove container \"/" + c.name() + "\": container is "
                        + c.state().status() + ": stop the container before removing or force remove");
            }
            CompletableFuture<WaitResult> ended;
            ReentrantLock lock = lock(c.id());
            lock.lock();
            try {
                c = store.update(c.id(), x -> x.withState(x.state().withStoppedByUser(true)));
                ended = register(c.id(), WaitCondition.NEXT_EXIT);
            } finally {
                lock.unlock();
            }
            if (c.state().running()) {
                killHard(c);
                if (!await(ended, Duration.ofSeconds(30))) throw new IOException("container " + c.name() + " did not end after SIGKILL");
            }
        }
        ReentrantLock lock = lock(c.id());
        lock.lock();
        try {
            cancelRestart(c.id());
            Container last;
            try {
                last = store.get(c.id());
            } catch (ContainerNotFoundException alreadyGone) {
                return; // --rm took it
            }
            if (last.state().running()) throw new ContainerConflictException("container " + c.name() + " started again while being removed");
            exits.unwatch(c.id());
            health.end(c.id());
            store.remove(c.id());
            events.container(last, "destroy");
            if (removeVolumes) removeAnonymousVolumes(last);
            WaitResult result = new WaitResult(last.state().exitCode(), last.state().error());
            complete(c.id(), result, WaitCondition.NOT_RUNNING);
            complete(c.id(), result, WaitCondition.REMOVED);
        } finally {
            lock.unlock();
            locks.remove(c.id());
            backoff.remove(c.id());
        }
    }

    // --- wait ----------------------------------------------------------------------------------

    @Override
    public CompletableFuture<WaitResult> waitAsync(String ref, WaitCondition condition) throws IOException {
        Container c = store.get(ref);
        ReentrantLock lock = lock(c.id());
        lock.lock();
        try {
            try {
                c = store.get(c.id());
            } catch (ContainerNotFoundException removed) {
                if (condition == WaitCondition.REMOVED) return CompletableFuture.completedFuture(new WaitResult(c.state().exitCode(), c.state().error()));
                throw removed;
            }
            boolean over = !c.state().running() && !c.state().restarting();
            if (condition == WaitCondition.NOT_RUNNING && over) {
                return CompletableFuture.completedFuture(new WaitResult(c.state().exitCode(), c.state().error()));
            }
            return register(c.id(), condition);
        } finally {
            lock.unlock();
        }
    }

    private CompletableFuture<WaitResult> register(String id, WaitCondition condition) {
        CompletableFuture<WaitResult> f = new CompletableFuture<>();
        waiters.computeIfAbsent(id, k -> new CopyOnWriteArrayList<>()).add(new Waiter(condition, f));
        return f;
    }

    private void complete(String id, WaitResult result, WaitCondition condition) {
        List<Waiter> list = waiters.get(id);
        if (list == null) return;
        for (Waiter w : list) {
            if (w.condition() == condition) {
                w.result().complete(result);
                list.remove(w);
            }
        }
    }

    // --- reading -------------------------------------------------------------------------------

    @Override
    public List<Container> list(boolean all, List<String> filters) throws IOException {
        return store.list(all, filters);
    }

    @Override
    public Container inspect(String ref) throws IOException {
        return store.get(ref);
    }

    /** Whether berthd is running a container's health checks now (tests). */
    boolean healthMonitored(String id) {
        return health.monitoring(id);
    }

    /** Where a container's files are (log, exit file), for the inspect view's LogPath. */
    public Path directory(Container c) {
        return store.directory(c.id());
    }

    @Override
    public void logs(String ref, LogOptions options, Consumer<LogEntry> sink) throws IOException {
        Container c = store.get(ref);
        try (LogReader reader = new LogReader(store.directory(c.id()).resolve("container.log"), options)) {
            reader.readExisting(sink);
            if (!options.follow()) return;
            follow(reader, sink, () -> {
                try {
                    Container now = store.get(c.id());
                    return !now.state().running() && !now.state().restarting();
                } catch (ContainerNotFoundException removed) {
                    return true;
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            });
        }
    }

    @Override
    public AttachedOutput attach(String ref) throws IOException {
        Container c = store.get(ref);
        LogReader reader = new LogReader(store.directory(c.id()).resolve("container.log"), LogOptions.ALL);
        reader.readNew(e -> { }); // from the end: only what the next run writes
        CompletableFuture<WaitResult> ended = register(c.id(), WaitCondition.NEXT_EXIT);
        return new AttachedOutput() {
            @Override
            public void forEach(Consumer<LogEntry> sink) throws IOException {
                follow(reader, sink, ended::isDone);
            }

            @Override
            public void close() throws IOException {
                reader.close();
                ended.cancel(false);
            }
        };
    }

    /** Delivers new log lines until {@code over} says the container has ended, then the last ones. */
    private static void follow(LogReader reader, Consumer<LogEntry> sink, java.util.function.BooleanSupplier over) throws IOException {
        while (true) {
            boolean ended = over.getAsBoolean();
            reader.readNew(sink);
            if (ended) return;
            try {
                Thread.sleep(5);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }

    @Override
    public ContainerTop top(String ref) throws IOException {
        Container c = store.get(ref);
        if (!c.state().running()) throw new ContainerConflictException("Container " + c.id() + " is not running");
        try {
            var table = new ContainerProcesses().top(runtime.cgroup(c));
            return new ContainerTop(table.titles(), table.processes());
        } catch (CgroupException e) {
            throw new IOException("top " + c.name() + ": " + e.getMessage(), e);
        }
    }

    @Override
    public ContainerStats stats(String ref) throws IOException {
        Container c = store.get(ref);
        if (!c.state().running()) {
            return new ContainerStats(c.id(), c.name(), Instant.now(), 0, systemCpuNanos(), Runtime.getRuntime().availableProcessors(), 0, 0, 0);
        }
        try {
            CgroupStats s = runtime.cgroup(c).stats();
            long limit = s.memoryLimitBytes() < 0 || s.memoryLimitBytes() > hostMemory() ? hostMemory() : s.memoryLimitBytes();
            return new ContainerStats(c.id(), c.name(), Instant.now(), s.cpuUsageNanos(), systemCpuNanos(),
                    Runtime.getRuntime().availableProcessors(), s.memoryUsageBytes(), limit, s.pidsCurrent());
        } catch (CgroupException e) {
            throw new IOException("stats of " + c.name() + ": " + e.getMessage(), e);
        }
    }

    /** All CPUs' time since boot in nanoseconds, from /proc/stat (Docker's system_cpu_usage). */
    static long systemCpuNanos() throws IOException {
        String cpu = Files.readAllLines(Path.of("/proc/stat")).getFirst();
        long ticks = 0;
        String[] f = cpu.trim().split("\\s+");
        for (int i = 1; i < f.length && i <= 7; i++) ticks += Long.parseLong(f[i]);
        return ticks * (1_000_000_000L / 100); // USER_HZ is 100 on Linux
    }

    static long hostMemory() throws IOException {
        for (String line : Files.readAllLines(Path.of("/proc/meminfo"))) {
            if (line.startsWith("MemTotal:")) return Long.parseLong(line.replaceAll("[^0-9]", "")) * 1024;
        }
        return Long.MAX_VALUE;
    }

    @Override
    public ExecHandle createExec(String ref, ExecRequest request) throws IOException {
        return underLock(ref, c -> {
            requireRunning(c);
            // joining a frozen cgroup would hang the exec until unpause
            if (c.state().paused()) throw new ContainerConflictException("Container " + c.id() + " is paused, unpause the container before exec");
            if (request.cmd().isEmpty()) throw new IllegalArgumentException("No exec command specified");
            Image image = images.store().resolve(c.imageId()).orElseThrow(() -> new ImageNotFoundException(c.imageId()));
            String id = dev.berth.engine.container.ContainerNames.newId();
            try {
                Path bundle = runtime.prepareExec(c, image, id, request.cmd(), request.env(), request.user(), request.workingDir(),
                        request.tty(), request.privileged());
                return new ExecHandle(id, runtime.shimBinary(), bundle);
            } catch (CgroupException e) {
                throw new IOException("exec in " + c.name() + ": " + e.getMessage(), e);
            }
        });
    }

    @Override
    public EngineVersion version() {
        return version;
    }

    @Override
    public EngineInfo info() throws IOException {
        List<Container> all = store.list(true, List.of());
        int running = (int) all.stream().filter(c -> c.state().status().equals("running")).count();
        int paused = (int) all.stream().filter(c -> c.state().paused()).count();
        String cgroupVersion;
        try {
            cgroupVersion = Cgroups.detect().layout() instanceof dev.berth.engine.runtime.cgroup.CgroupLayout.V2 ? "2" : "1";
        } catch (CgroupException e) {
            cgroupVersion = "none";
        }
        String os = "Linux";
        Path osRelease = Path.of("/etc/os-release");
        if (Files.isReadable(osRelease)) {
            for (String line : Files.readAllLines(osRelease)) {
                if (line.startsWith("PRETTY_NAME=")) os = line.substring("PRETTY_NAME=".length()).replace("\"", "");
            }
        }
        String hostname = Files.readString(Path.of("/proc/sys/kernel/hostname")).strip();
        return new EngineInfo(all.size(), running, paused, all.size() - running - paused, images.list().size(),
                "overlay", "cgroupfs", cgroupVersion, version.kernelVersion(), os, "linux", version.arch(),
                Runtime.getRuntime().availableProcessors(), hostMemory(), roots.root().toString(), hostname,
                version.version(), List.of("name=seccomp,profile=builtin"));
    }

    // --- helpers -------------------------------------------------------------------------------

    private boolean inUse(String imageId) {
        try {
            return store.list(true, List.of()).stream().anyMatch(c -> imageId.equals(c.imageId()));
        } catch (IOException e) {
            return true; // cannot tell: keep the image
        }
    }

    /** The work on a container under its lock, given its record as it is once the lock is held. */
    private <T> T underLock(String ref, LockedWork<T> work) throws IOException {
        String id = store.get(ref).id();
        ReentrantLock lock = lock(id);
        lock.lock();
        try {
            return work.run(store.get(id));
        } finally {
            lock.unlock();
        }
    }

    private interface LockedWork<T> {
        T run(Container current) throws IOException;
    }

    private static void requireRunning(Container c) {
        if (!c.state().running()) throw new ContainerConflictException("Container " + c.id() + " is not running");
    }

    /** The container's name, short ID and its aliases answered by the network's DNS server. */
    /**
     * {@code docker rename}: the record's name, and on the user networks of a running container the
     * name other containers find it by (the old one no longer answers).
     */
    @Override
    public Container rename(String ref, String newName) throws IOException {
        return underLock(ref, c -> {
            if (c.name().equals(newName)) return c;
            Container renamed = store.rename(c.id(), newName);
            events.container(renamed, "rename", Map.of("oldName", "/" + c.name()));
            if (!c.state().running()) return renamed;
            networks.dnsRecords().removeContainer(c.id());
            Map<String, Endpoint> endpoints = new java.util.LinkedHashMap<>();
            for (var e : renamed.networks().entrySet()) {
                Endpoint old = e.getValue();
                List<String> dnsNames = old.dnsNames().stream().map(n -> n.equals(c.name()) ? newName : n).toList();
                Endpoint now = new Endpoint(old.networkId(), old.ipAddress(), old.prefixLength(), old.gateway(), old.macAddress(),
                        old.aliases(), dnsNames, old.ipamAddress());
                endpoints.put(e.getKey(), now);
            }
            Container updated = store.update(c.id(), x -> x.withNetworks(endpoints));
            for (var e : updated.networks().entrySet()) {
                Network n = networks.get(e.getKey());
                if (n.userDefined() && !e.getValue().ipAddress().isEmpty()) registerName(n, updated, e.getValue());
            }
            return updated;
        });
    }

    private void registerName(Network n, Container c, Endpoint e) {
        networks.dnsRecords().put(n.name(), DnsEntry.of(c.id(), c.name(), dev.berth.engine.network.ipam.Ipv4.toInet(
                dev.berth.engine.network.ipam.Ipv4.parse(e.ipAddress())), e.aliases().toArray(String[]::new)));
    }

    private ReentrantLock lock(String id) {
        return locks.computeIfAbsent(id, k -> new ReentrantLock());
    }

    private static Duration min(Duration a, Duration b) {
        return a.compareTo(b) <= 0 ? a : b;
    }

    /** Stops watching; running containers keep running under their shims (re-adopted by the next berthd). */
    @Override
    public void close() throws IOException {
        events.bus().close();
        health.close();
        timers.shutdownNow();
        exits.close();
        networks.close();
        for (var w : new ArrayList<>(waiters.values())) w.forEach(x -> x.result().completeExceptionally(new IOException("berthd is stopping")));
    }

    // --- volumes -------------------------------------------------------------------------------

    @Override
    public dev.berth.engine.volume.Volume createVolume(String name, Map<String, String> driverOpts, Map<String, String> labels)
            throws IOException {
        var v = volumes.create(name, driverOpts, labels);
        events.volume(v.name(), "create");
        return v;
    }

    @Override
    public List<dev.berth.engine.volume.Volume> volumes(List<String> filters) throws IOException {
        return volumes.list(filters);
    }

    @Override
    public dev.berth.engine.volume.Volume inspectVolume(String name) throws IOException {
        return volumes.get(name);
    }

    @Override
    public void removeVolume(String name, boolean force) throws IOException {
        boolean existed = volumes.exists(name);
        volumes.remove(name, force);
        if (existed) events.volume(name, "destroy");
    }

    @Override
    public List<String> pruneVolumes(boolean all, List<String> filters) throws IOException {
        List<String> removed = volumes.prune(all, filters);
        removed.forEach(v -> events.volume(v, "destroy"));
        return removed;
    }
}
