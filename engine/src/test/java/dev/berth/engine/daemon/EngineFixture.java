package dev.berth.engine.daemon;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.berth.engine.EngineRoots;
import dev.berth.engine.image.ImageService;
import dev.berth.engine.image.build.BusyboxRootfs;
import dev.berth.engine.image.layer.DirectoryLayerStore;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Assumptions;

/** An engine root with busybox:latest imported offline, and the leak check every engine test ends with. */
final class EngineFixture {

    private EngineFixture() {
    }

    static EngineRoots rootsWithBusybox(Path dir) throws IOException {
        Assumptions.assumeTrue("root".equals(System.getProperty("user.name")), "skipped: containers need root");
        Assumptions.assumeTrue(Files.isExecutable(BusyboxRootfs.DEFAULT_BINARY),
                "skipped: /usr/bin/busybox missing (apt-get install busybox-static)");
        EngineRoots roots = new EngineRoots(dir.resolve("root"), dir.resolve("run"));
        ImageService images = new ImageService(roots, DirectoryLayerStore.under(roots.root(), e -> { }), id -> false, Set.of());
        BusyboxRootfs.importInto(images.store(), BusyboxRootfs.DEFAULT_BINARY, "busybox:latest");
        return roots;
    }

    /** No cgroup of the engine's, no mount under the test's directory, no shim of the test's containers. */
    static void assertNothingLeft(Path dir) throws IOException {
        EngineRoots roots = new EngineRoots(dir.resolve("root"), dir.resolve("run"));
        // containers on the default network made its bridge and rules; networks outlive berthd by design
        dev.berth.engine.network.NetworkService.removeAll(roots);
        assertEquals(List.of(), dev.berth.engine.HostLeftovers.of(roots, dir), "nothing of the test's engine left on the host");
    }
}
