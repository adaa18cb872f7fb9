package dev.berth.cli.image;

import dev.berth.cli.EngineCommand;
import dev.berth.engine.image.ImageException;
import dev.berth.engine.image.store.ImageRemoval;
import dev.berth.engine.image.ImageService;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code berth rmi} / {@code berth image rm}: untag, and delete what no name and no container holds. */
@Command(name = "rm", aliases = {"remove"}, description = "Remove one or more images.")
public final class RemoveImageCommand extends EngineCommand implements Callable<Integer> {

    @Option(names = {"-f", "--force"}, description = "Force removal of the image.")
    boolean force;

    @Parameters(arity = "1..*", paramLabel = "IMAGE")
    List<String> names;

    @Override
    public Integer call() throws Exception {
        ImageService service = images();
        int status = 0;
        for (String name : names) {
            try {
                print(service.remove(name, force));
            } catch (ImageException e) {
                // like docker: report each failure, go on with the other names, exit 1 at the end
                err().println("Error: " + e.getMessage());
                status = 1;
            }
        }
        return status;
    }

    void print(ImageRemoval removal) {
        removal.untagged().forEach(t -> out().println("Untagged: " + t));
        removal.deleted().forEach(d -> out().println("Deleted: " + d));
    }
}
