package dev.berth.cli.image;

import dev.berth.cli.EngineCommand;
import dev.berth.engine.image.ImageService.LoadedImage;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code berth image load}: images from a {@code docker save} or OCI archive, or an OCI layout directory. */
@Command(name = "load", description = "Load images from a tar archive (docker save or OCI) or an OCI layout directory.")
public final class ImageLoadCommand extends EngineCommand implements Callable<Integer> {

    @Option(names = {"-i", "--input"}, paramLabel = "FILE", description = "Read from an archive file or OCI layout directory instead of standard input.")
    String input;

    @Option(names = {"-q", "--quiet"}, description = "Suppress the load output.")
    boolean quiet;

    @Override
    public Integer call() throws Exception {
        List<LoadedImage> loaded = input == null
                ? images().load(berth().invocation().stdin(), "standard input")
                : images().load(berth().invocation().cwd().resolve(input));
        for (LoadedImage l : loaded) {
            if (l.names().isEmpty()) out().println("Loaded image ID: " + l.image().id());
            l.names().forEach(n -> out().println("Loaded image: " + n));
        }
        return 0;
    }
}
