package dev.berth.cli.container;

import dev.berth.cli.EngineCommand;
import dev.berth.engine.EngineRoots;
import dev.berth.engine.container.ContainerStore;
import dev.berth.engine.image.layer.DirectoryLayerStore;
import dev.berth.engine.runtime.ContainerRuntime;
import java.io.IOException;

/** The container store and runtime over BERTH_ROOT, for the container commands. */
record Containers(ContainerStore store, ContainerRuntime runtime) {

    static Containers open(EngineCommand command) throws IOException {
        EngineRoots roots = EngineRoots.fromEnvironment(command.environment());
        ContainerStore store = new ContainerStore(roots.containers());
        return new Containers(store, new ContainerRuntime(roots, store, DirectoryLayerStore.under(roots.root(), e -> { })));
    }
}
