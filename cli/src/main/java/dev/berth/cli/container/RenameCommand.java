package dev.berth.cli.container;

import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/** {@code berth rename CONTAINER NEW_NAME}, as {@code docker rename}: prints nothing. */
@Command(name = "rename", description = "Rename a container.")
public final class RenameCommand extends ContainerCommand implements Callable<Integer> {

    @Parameters(index = "0", paramLabel = "CONTAINER")
    String container;

    @Parameters(index = "1", paramLabel = "NEW_NAME")
    String newName;

    @Override
    public Integer call() throws Exception {
        engine().rename(container, newName);
        return 0;
    }
}
