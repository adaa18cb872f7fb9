package dev.berth.cli;

import dev.berth.engine.image.ImageService;
import java.io.IOException;
import java.io.PrintWriter;
import java.util.List;
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

    private dev.berth.engine.api.EngineClient engine;

    /** A client of berthd (started on first use, as Docker's CLI cannot but berth can), made once per command. */
    protected dev.berth.engine.api.EngineClient engine() throws IOException {
        if (engine == null) {
            engine = dev.berth.engine.api.BerthdLauncher.connect(dev.berth.engine.EngineRoots.fromEnvironment(environment()),
                    environment(), BuildInfo.version());
        }
        return engine;
    }

    /** The in-process image service over BERTH_ROOT (images are not served by berthd yet). */
    protected ImageService images(List<String> extraInsecure) throws IOException {
        return ImageServices.open(environment(), extraInsecure);
    }

    protected ImageService images() throws IOException {
        return images(List.of());
    }
}
