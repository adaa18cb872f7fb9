package dev.berth.cli.image;

import dev.berth.engine.image.Digest;
import dev.berth.engine.image.ImageReference;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code berth push NAME}: upload a local image to the registry its name points at. */
@Command(name = "push", description = "Upload an image to a registry.")
public final class PushCommand extends ImageCommands implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Option(names = {"-q", "--quiet"}, description = "Suppress verbose output.")
    boolean quiet;

    @Option(names = "--insecure-registry", paramLabel = "HOST[:PORT]",
            description = "Allow plain HTTP to this registry (127.0.0.1, localhost and ::1 always are).")
    List<String> insecure = new ArrayList<>();

    @Parameters(paramLabel = "NAME[:TAG]")
    String name;

    @Override
    CommandSpec spec() {
        return spec;
    }

    @Override
    public Integer call() throws Exception {
        ImageReference ref = ImageReference.parse(name);
        if (!quiet) out().println("The push refers to repository [" + ref.name() + "]");
        Digest digest = images(insecure).push(name, e -> { });
        if (!quiet) out().println((ref.tag() == null ? "latest" : ref.tag()) + ": digest: " + digest);
        else out().println(ref);
        return 0;
    }
}
