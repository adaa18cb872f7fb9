package dev.berth.cli.container;

import dev.berth.cli.BerthVersion;
import dev.berth.cli.EngineCommand;
import dev.berth.engine.EngineRoots;
import dev.berth.engine.api.BerthdLauncher;
import dev.berth.engine.api.EngineClient;
import java.io.IOException;

/** A command that talks to berthd (started on first use, as Docker's CLI cannot but berth can). */
abstract class ContainerCommand extends EngineCommand {

    private EngineClient engine;

    protected EngineClient engine() throws IOException {
        if (engine == null) {
            engine = BerthdLauncher.connect(EngineRoots.fromEnvironment(environment()), environment(), BerthVersion.version());
        }
        return engine;
    }
}
