package dev.berth.engine.daemon;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.berth.engine.EngineRoots;
import dev.berth.engine.image.ImageService;
import dev.berth.engine.image.build.BusyboxRootfs;
import dev.berth.engine.image.layer.DirectoryLayerStore;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;
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
        // a container's veth goes with its namespace, in the kernel's own time (~30 ms): wait for it, then check
        List<String> ours = List.of();
        for (int i = 0; i < 60; i++) {
            try (Stream<Path> links = Files.list(Path.of("/sys/class/net"))) {
                ours = links.map(p -> p.getFileName().toString()).filter(n -> n.startsWith("bt") || n.startsWith("vb")).toList();
            }
            if (ours.isEmpty()) break;
            try {
                Thread.sleep(50);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
        }
        assertEquals(List.of(), ours, "no bridge or veth of berth's left");
        String parentName = roots.cgroupParent();
        try (Stream<Path> cg = Files.list(Path.of("/sys/fs/cgroup"))) {
            for (Path hierarchy : cg.toList()) {
                Path parent = hierarchy.resolve(parentName);
                if (!Files.isDirectory(parent)) continue;
                try (Stream<Path> children = Files.list(parent)) {
                    assertEquals(List.of(), children.filter(Files::isDirectory).toList(), "no container cgroup left in " + parent);
                }
            }
        }
        assertTrue(Files.readString(Path.of("/proc/self/mountinfo")).lines().noneMatch(l -> l.contains(dir.toString())),
                "no mount under the test's directory");
        List<String> shims = ProcessHandle.allProcesses()
                .filter(p -> p.info().commandLine().map(c -> c.contains("berth-shim") && c.contains(dir.toString())).orElse(false))
                .map(p -> p.pid() + " " + p.info().commandLine().orElse(""))
                .toList();
        assertEquals(List.of(), shims, "no shim of this test's containers left");
    }
}
