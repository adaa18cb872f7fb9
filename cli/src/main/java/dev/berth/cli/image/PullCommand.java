package dev.berth.cli.image;

import dev.berth.cli.EngineCommand;
import dev.berth.engine.image.ImageReference;
import dev.berth.engine.image.store.Image;
import dev.berth.engine.registry.ProgressEvent;
import dev.berth.engine.registry.ProgressListener;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code berth pull NAME}: download an image (linux/amd64) from its registry. */
@Command(name = "pull", description = "Download an image from a registry.")
public final class PullCommand extends EngineCommand implements Callable<Integer> {

    @Option(names = {"-q", "--quiet"}, description = "Suppress verbose output.")
    boolean quiet;

    @Mixin
    RegistryOptions registry;

    @Parameters(paramLabel = "NAME[:TAG|@DIGEST]")
    String name;

    @Override
    public Integer call() throws Exception {
        ImageReference ref = ImageReference.parse(name);
        if (!quiet) out().println((ref.tag() != null ? ref.tag() : ref.digest().toString()) + ": Pulling from " + ref.repository());
        out().flush();
        ProgressListener progress = quiet ? e -> { } : this::report;
        Image image = images(registry.insecure).pull(name, progress);
        if (!quiet) {
            image.repoDigests().stream().filter(d -> d.startsWith(ref.familiarName() + "@")).findFirst()
                    .ifPresent(d -> out().println("Digest: " + d.substring(d.indexOf('@') + 1)));
            out().println("Status: Downloaded image for " + ref.familiarName() + (ref.tag() != null ? ":" + ref.tag() : ""));
        }
        out().println(ref);
        return 0;
    }

    private void report(ProgressEvent event) {
        // plain progress, one line per blob state change (a tty renderer comes with --progress)
        switch (event) {
            case ProgressEvent.BlobSkipped e -> line(e.digest().shortHex() + ": Already exists");
            case ProgressEvent.BlobDone e -> line(e.digest().shortHex() + ": Pull complete");
            case ProgressEvent.BlobRetrying e -> line(e.digest().shortHex() + ": Retrying (" + e.reason() + ")");
            default -> { }
        }
    }

    private synchronized void line(String s) {
        out().println(s);
        out().flush();
    }
}
