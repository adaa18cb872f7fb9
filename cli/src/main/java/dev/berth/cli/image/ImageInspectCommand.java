package dev.berth.cli.image;

import dev.berth.cli.EngineCommand;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/** {@code berth image inspect}: the JSON array {@code docker image inspect} prints. */
@Command(name = "inspect", description = "Display detailed information on one or more images.")
public final class ImageInspectCommand extends EngineCommand implements Callable<Integer> {

    @Parameters(arity = "1..*", paramLabel = "IMAGE")
    List<String> names;

    @Override
    public Integer call() throws Exception {
        out().println(DockerJson.pretty(images().inspect(names)));
        return 0;
    }
}
