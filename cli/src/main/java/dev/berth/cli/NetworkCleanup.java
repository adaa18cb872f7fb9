package dev.berth.cli;

import dev.berth.engine.EngineRoots;
import dev.berth.engine.network.NetworkService;
import java.nio.file.Path;

/**
 * Takes an engine's networks off the host with no berthd running (bridges, rules, namespaces,
 * records): for samples and benchmarks that use an engine of their own and must leave nothing.
 * {@code java -cp berth.jar dev.berth.cli.NetworkCleanup BERTH_ROOT BERTH_RUN}.
 */
public final class NetworkCleanup {

    private NetworkCleanup() {
    }

    public static void main(String[] args) throws Exception {
        NetworkService.removeAll(new EngineRoots(Path.of(args[0]), Path.of(args[1])));
    }
}
