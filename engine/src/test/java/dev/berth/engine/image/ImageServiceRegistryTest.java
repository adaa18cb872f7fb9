package dev.berth.engine.image;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.berth.engine.EngineRoots;
import dev.berth.engine.image.build.BusyboxRootfs;
import dev.berth.engine.image.build.ImportOptions;
import dev.berth.engine.image.layer.DirectoryLayerStore;
import dev.berth.engine.image.store.Image;
import dev.berth.engine.registry.LocalRegistry;
import dev.berth.engine.registry.Skopeo;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 3's round trip through a real registry (Debian's docker-registry on 127.0.0.1): an image
 * berth imported is pushed, deleted locally and pulled back with the same digests; skopeo, an
 * independent client, copies it from the registry into an OCI layout that berth then loads.
 */
class ImageServiceRegistryTest {

    private static final Path BUSYBOX = Path.of("/usr/bin/busybox");

    @TempDir
    Path tmp;

    private ImageService service(String name) throws Exception {
        EngineRoots roots = new EngineRoots(tmp.resolve(name), tmp.resolve(name + "-run"));
        return new ImageService(roots, DirectoryLayerStore.under(roots.root(), e -> { }), id -> false, Set.of());
    }

    private Image importBusybox(ImageService service, String tag) throws Exception {
        Assumptions.assumeTrue(Files.isExecutable(BUSYBOX), "skipped: /usr/bin/busybox missing (apt-get install busybox-static)");
        Path rootfs = tmp.resolve("rootfs-" + Math.abs(tag.hashCode()));
        BusyboxRootfs.create(BUSYBOX, rootfs);
        return service.importRootfs(rootfs, ImportOptions.defaults().withChanges(List.of("CMD [\"sh\"]")).withTags(tag));
    }

    @Test
    void pushDeletePullKeepsTheDigests() throws Exception {
        try (LocalRegistry registry = LocalRegistry.start(tmp.resolve("registry"))) {
            ImageService berth = service("root");
            String name = registry.address() + "/berth/busybox:1";
            Image imported = importBusybox(berth, name);

            Digest pushed = berth.push(name, e -> { });
            assertEquals(imported.manifestDigest(), pushed, "the registry holds the manifest as berth stored it");

            berth.remove(name, false);
            assertTrue(berth.list().isEmpty(), "deleted locally");
            assertTrue(berth.store().blobs().list().isEmpty(), "no blob left after the last image went");

            Image pulled = berth.pull(name, e -> { });
            assertEquals(imported.id(), pulled.id(), "same image ID (config digest)");
            assertEquals(imported.manifestDigest(), pulled.manifestDigest(), "same manifest digest");
            assertEquals(imported.diffIds(), pulled.diffIds());
            assertEquals(List.of(ImageReference.parse(name).familiarTagged()), pulled.repoTags());
            assertEquals(List.of(ImageReference.parse(name).name() + "@" + pushed), pulled.repoDigests());
        }
    }

    @Test
    void skopeoCopiesFromTheRegistryIntoAnOciLayoutThatBerthLoads() throws Exception {
        Skopeo.assumeInstalled();
        try (LocalRegistry registry = LocalRegistry.start(tmp.resolve("registry"))) {
            ImageService berth = service("root");
            String name = registry.address() + "/berth/busybox:2";
            Image imported = importBusybox(berth, name);
            berth.push(name, e -> { });

            Path layout = tmp.resolve("layout");
            Skopeo.run(tmp, "copy", "--src-tls-verify=false", "docker://" + name, "oci:" + layout + ":busybox");

            ImageService other = service("other");
            List<ImageService.LoadedImage> loaded = other.load(layout);
            assertEquals(1, loaded.size());
            Image image = loaded.getFirst().image();
            assertEquals(imported.diffIds(), image.diffIds(), "the same layers, unpacked from skopeo's copy");
            assertEquals(imported.config().config().cmd(), image.config().config().cmd());
            assertFalse(other.store().layers().list().isEmpty());
        }
    }
}
