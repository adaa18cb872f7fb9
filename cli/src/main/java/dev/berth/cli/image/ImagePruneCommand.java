package dev.berth.cli.image;

import dev.berth.cli.EngineCommand;
import dev.berth.engine.image.store.ImageRemoval;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code berth image prune}: remove untagged images (with {@code -a}, every image no container uses). */
@Command(name = "prune", description = "Remove unused images.")
public final class ImagePruneCommand extends EngineCommand implements Callable<Integer> {

    @Option(names = {"-a", "--all"}, description = "Remove all unused images, not just dangling ones.")
    boolean all;

    @Option(names = {"-f", "--force"}, description = "Do not prompt for confirmation (berth never prompts).")
    boolean force;

    @Override
    public Integer call() throws Exception {
        ImageRemoval removal = images().prune(all);
        if (!removal.untagged().isEmpty() || !removal.deleted().isEmpty()) {
            out().println("Deleted Images:");
            removal.untagged().forEach(t -> out().println("untagged: " + t));
            removal.deleted().forEach(d -> out().println("deleted: " + d));
            out().println();
        }
        out().println("Total reclaimed space: " + HumanUnits.size(removal.reclaimedBytes()));
        return 0;
    }
}
