package dev.berth.cli.image;

import dev.berth.cli.EngineCommand;
import dev.berth.engine.image.Digest;
import dev.berth.engine.image.ImageReference;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code berth push NAME}: upload a local image to the registry its name points at. */
@Command(name = "push", description = "Upload an image to a registry.")
public final class PushCommand extends EngineCommand implements Callable<Integer> {

    @Option(names = {"-q", "--quiet"}, description = "Suppress verbose output.")
    boolean quiet;

    @Mixin
    RegistryOptions registry;

    @Parameters(paramLabel = "NAME[:TAG]")
    String name;

    @Override
    public Integer call() throws Exception {
        ImageReference ref = ImageReference.parse(name);
        if (!quiet) out().println("The push refers to repository [" + ref.name() + "]");
        Digest digest = images(registry.insecure).push(name, e -> { });
        if (!quiet) out().println((ref.tag() == null ? "latest" : ref.tag()) + ": digest: " + digest);
        else out().println(ref);
        return 0;
    }
}
