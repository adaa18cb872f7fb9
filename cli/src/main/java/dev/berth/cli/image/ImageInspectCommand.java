package dev.berth.cli.image;

import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code berth image inspect}: the JSON array {@code docker image inspect} prints. */
@Command(name = "inspect", description = "Display detailed information on one or more images.")
public final class ImageInspectCommand extends ImageCommands implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Parameters(arity = "1..*", paramLabel = "IMAGE")
    List<String> names;

    @Override
    CommandSpec spec() {
        return spec;
    }

    @Override
    public Integer call() throws Exception {
        out().println(DockerJson.pretty(images().inspect(names)));
        return 0;
    }
}
