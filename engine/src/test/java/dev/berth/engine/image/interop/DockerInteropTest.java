package dev.berth.engine.image.interop;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.berth.engine.EngineRoots;
import dev.berth.engine.image.ImageService;
import dev.berth.engine.image.archive.ArchiveFormat;
import dev.berth.engine.image.build.BusyboxRootfs;
import dev.berth.engine.image.build.ImportOptions;
import dev.berth.engine.image.layer.DirectoryLayerStore;
import dev.berth.engine.image.store.Image;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Interop with real Docker (Debian's dockerd, isolated in a temp dir): what berth saves,
 * {@code docker load} takes with the same image ID; what {@code docker save} writes, berth loads
 * with the same image ID.
 */
class DockerInteropTest {

    private static final Path BUSYBOX = Path.of("/usr/bin/busybox");

    @TempDir
    Path tmp;

    private ImageService berth() throws Exception {
        EngineRoots roots = new EngineRoots(tmp.resolve("berth"), tmp.resolve("berth-run"));
        return new ImageService(roots, DirectoryLayerStore.under(roots.root(), e -> { }), id -> false, Set.of());
    }

    @Test
    void dockerLoadsWhatBerthSavesAndBerthLoadsWhatDockerSaves() throws Exception {
        Assumptions.assumeTrue(Files.isExecutable(BUSYBOX), "skipped: /usr/bin/busybox missing (apt-get install busybox-static)");
        ImageService berth = berth();
        Path rootfs = BusyboxRootfs.create(BUSYBOX, tmp.resolve("rootfs"));
        Image image = berth.importRootfs(rootfs, ImportOptions.defaults()
                .withChanges(List.of("CMD [\"sh\"]")).withTags("berth-made/busybox:1"));
        Path saved = tmp.resolve("berth.tar");
        try (OutputStream out = Files.newOutputStream(saved)) {
            berth.save(List.of("berth-made/busybox:1"), ArchiveFormat.DOCKER, out);
        }

        try (LocalDockerd docker = LocalDockerd.start(tmp.resolve("docker"))) {
            String loaded = docker.docker("load", "-i", saved.toString());
            assertTrue(loaded.contains("Loaded image: berth-made/busybox:1"), loaded);
            assertEquals(image.id().toString(), docker.docker("image", "inspect", "-f", "{{.Id}}", "berth-made/busybox:1").strip());
            assertEquals("[sh]", docker.docker("image", "inspect", "-f", "{{.Config.Cmd}}", "berth-made/busybox:1").strip());

            // an image Docker made itself (docker import), saved by docker in its own format
            Path tarball = tmp.resolve("docker-rootfs.tar");
            new ProcessBuilder("tar", "-C", rootfs.toString(), "-cf", tarball.toString(), ".").inheritIO().start().waitFor();
            docker.docker("import", "-c", "CMD [\"echo\", \"from docker\"]", tarball.toString(), "docker-made/busybox:2");
            String dockerId = docker.docker("image", "inspect", "-f", "{{.Id}}", "docker-made/busybox:2").strip();
            Path dockerSaved = tmp.resolve("docker.tar");
            docker.docker("save", "-o", dockerSaved.toString(), "docker-made/busybox:2");

            ImageService other = berth();
            List<ImageService.LoadedImage> back = other.load(dockerSaved);
            assertEquals(1, back.size());
            assertEquals(dockerId, back.getFirst().image().id().toString(), "the same image ID as in Docker");
            assertEquals(List.of("docker-made/busybox:2"), back.getFirst().names());
            assertEquals(List.of("echo", "from docker"), back.getFirst().image().config().config().cmd());
        }
    }
}
