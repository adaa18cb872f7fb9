package dev.berth.cli;

import dev.berth.engine.EngineRoots;
import dev.berth.engine.container.ContainerStore;
import dev.berth.engine.image.ImageService;
import dev.berth.engine.image.layer.DirectoryLayerStore;
import java.io.IOException;
import java.io.PrintWriter;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** What every engine command (images, containers) needs: the root command's streams and the engine's services. */
public abstract class EngineCommand {

    @Spec
    protected CommandSpec spec;

    protected BerthCommand berth() {
        return (BerthCommand) spec.root().userObject();
    }

    /** The environment this command runs with (BERTH_ROOT, BERTH_RUN, …). */
    public java.util.Map<String, String> environment() {
        return berth().invocation().environment();
    }

    protected PrintWriter out() {
        return berth().out();
    }

    protected PrintWriter err() {
        return berth().err();
    }

    /** The in-process image service over BERTH_ROOT (the daemon comes with the container issue). */
    protected ImageService images(List<String> extraInsecure) throws IOException {
        EngineRoots roots = EngineRoots.fromEnvironment(berth().invocation().environment());
        Set<String> insecure = new HashSet<>(extraInsecure);
        String env = berth().invocation().environment().get("BERTH_INSECURE_REGISTRIES");
        if (env != null) Arrays.stream(env.split(",")).map(String::trim).filter(s -> !s.isEmpty()).forEach(insecure::add);
        // an image is in use while any container, running or not, was made from it (as in Docker)
        ContainerStore containers = new ContainerStore(roots.containers());
        return new ImageService(roots, DirectoryLayerStore.under(roots.root(), unpacked -> { }),
                id -> usedBy(containers, id), insecure);
    }

    private static boolean usedBy(ContainerStore containers, dev.berth.engine.image.Digest imageId) {
        try {
            return containers.list(true, List.of()).stream().anyMatch(c -> imageId.toString().equals(c.imageId()));
        } catch (IOException e) {
            return true; // cannot tell: keep the image
        }
    }

    protected ImageService images() throws IOException {
        return images(List.of());
    }
}
