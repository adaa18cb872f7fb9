package dev.berth.planner.execute;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.berth.engine.EngineRoots;
import dev.berth.engine.HostLeftovers;
import dev.berth.engine.api.CreateRequest;
import dev.berth.engine.api.EngineVersion;
import dev.berth.engine.container.Container;
import dev.berth.engine.container.HostConfig;
import dev.berth.engine.container.NetworkEndpointConfig;
import dev.berth.engine.daemon.EngineService;
import dev.berth.engine.image.ImageService;
import dev.berth.engine.image.build.BusyboxRootfs;
import dev.berth.engine.image.layer.DirectoryLayerStore;
import dev.berth.engine.network.NetworkService;
import dev.berth.planner.desired.DesiredNetwork;
import dev.berth.planner.desired.DesiredService;
import dev.berth.planner.desired.DesiredService.Dependency;
import dev.berth.planner.engine.ComposeLabels;
import dev.berth.planner.engine.StackEngine;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Assumptions;

/**
 * A real engine in process (its own BERTH_ROOT/BERTH_RUN under a test's directory, busybox:latest
 * imported offline from Debian's busybox-static), and services for it as the desired state gives
 * them: busybox containers of project {@code proj} on its network {@code proj_default}.
 */
final class BusyboxStack implements AutoCloseable {

    static final String PROJECT = "proj";
    static final String NETWORK = PROJECT + "_default";

    final Path dir;
    final EngineRoots roots;
    final EngineService engine;
    final StackEngine stack;
    private boolean engineClosed;

    private BusyboxStack(Path dir, EngineRoots roots, EngineService engine) {
        this.dir = dir;
        this.roots = roots;
        this.engine = engine;
        this.stack = StackEngine.of(engine);
    }

    static BusyboxStack open(Path dir) throws IOException {
        EngineRoots roots = rootsWithBusybox(dir);
        EngineService engine = EngineService.open(roots, new EngineVersion("test", EngineVersion.API_VERSION, "linux", "amd64", "",
                "", 0, roots.root().toString()));
        return new BusyboxStack(dir, roots, engine);
    }

    /** An engine root under {@code dir} with busybox:latest; the test is skipped where it cannot run containers. */
    static EngineRoots rootsWithBusybox(Path dir) throws IOException {
        Assumptions.assumeTrue("root".equals(System.getProperty("user.name")), "skipped: containers need root");
        Assumptions.assumeTrue(Files.isExecutable(BusyboxRootfs.DEFAULT_BINARY),
                "skipped: /usr/bin/busybox missing (apt-get install busybox-static)");
        EngineRoots roots = new EngineRoots(dir.resolve("root"), dir.resolve("run"));
        ImageService images = new ImageService(roots, DirectoryLayerStore.under(roots.root(), e -> { }), id -> false, Set.of());
        BusyboxRootfs.importInto(images.store(), BusyboxRootfs.DEFAULT_BINARY, "busybox:latest");
        return roots;
    }

    static DesiredNetwork network() {
        return new DesiredNetwork("default", NETWORK, false, null, false, Map.of(), null, null, null);
    }

    /** A service running {@code sh -c script}, its config hash {@code hash}, joined to {@code proj_default} by its name. */
    static DesiredService service(String name, int replicas, String hash, String script, Map<String, Dependency> dependsOn) {
        HostConfig host = new HostConfig(0, 0, 0, 0, null, 0, null, null, false, null, false, null, false, false, null, null,
                NETWORK, 0);
        return new DesiredService(name, replicas, hash, dependsOn, n -> CreateRequest.of("busybox:latest")
                .withName(PROJECT + "-" + name + "-" + n)
                .withCmd(List.of("sh", "-c", script))
                .withHostConfig(host)
                .withEndpoints(Map.of(NETWORK, new NetworkEndpointConfig(List.of(name), "")))
                .withLabels(Map.of(ComposeLabels.PROJECT, PROJECT, ComposeLabels.SERVICE, name, ComposeLabels.ONEOFF, "False",
                        ComposeLabels.CONTAINER_NUMBER, String.valueOf(n), ComposeLabels.CONFIG_HASH, hash)),
                List.of("default"), List.of(), "busybox:latest", "");
    }

    Container container(String name) throws IOException {
        return engine.inspect(name);
    }

    List<String> containerNames() throws IOException {
        return engine.list(true, List.of()).stream().map(Container::name).sorted().toList();
    }

    /** Stops the engine (as berthd stopping): containers and networks stay on the host. */
    void closeEngine() throws IOException {
        if (!engineClosed) engine.close();
        engineClosed = true;
    }

    /** Whatever a test left goes (containers outlive the engine, networks too), then: nothing of the test's on the host. */
    @Override
    public void close() throws IOException {
        if (!engineClosed) {
            for (Container c : engine.list(true, List.of())) engine.remove(c.id(), true);
        }
        closeEngine();
        NetworkService.removeAll(roots);
        assertEquals(List.of(), HostLeftovers.of(roots, dir), "nothing of the test's engine left on the host");
    }
}
