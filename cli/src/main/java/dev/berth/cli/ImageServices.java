package dev.berth.cli;

import dev.berth.engine.EngineRoots;
import dev.berth.engine.container.ContainerStore;
import dev.berth.engine.image.Digest;
import dev.berth.engine.image.ImageService;
import dev.berth.engine.image.layer.DirectoryLayerStore;
import java.io.IOException;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** The in-process image service over BERTH_ROOT, as every command that handles images opens it. */
public final class ImageServices {

    private ImageServices() {
    }

    /** {@code BERTH_INSECURE_REGISTRIES} (comma-separated) and {@code extraInsecure} may use plain HTTP. */
    public static ImageService open(Map<String, String> environment, List<String> extraInsecure) throws IOException {
        EngineRoots roots = EngineRoots.fromEnvironment(environment);
        Set<String> insecure = new HashSet<>(extraInsecure);
        String env = environment.get("BERTH_INSECURE_REGISTRIES");
        if (env != null) Arrays.stream(env.split(",")).map(String::trim).filter(s -> !s.isEmpty()).forEach(insecure::add);
        // an image is in use while any container, running or not, was made from it (as in Docker)
        ContainerStore containers = new ContainerStore(roots.containers());
        return new ImageService(roots, DirectoryLayerStore.under(roots.root(), unpacked -> { }),
                id -> usedBy(containers, id), insecure);
    }

    private static boolean usedBy(ContainerStore containers, Digest imageId) {
        try {
            return containers.list(true, List.of()).stream().anyMatch(c -> imageId.toString().equals(c.imageId()));
        } catch (IOException e) {
            return true; // cannot tell: keep the image
        }
    }
}
