package dev.berth.cli.container;

import dev.berth.cli.image.Table;
import dev.berth.engine.api.ContainerTop;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/** {@code berth top}: the container's processes, in {@code ps -ef}'s columns as {@code docker top} shows them. */
@Command(name = "top", description = "Display the running processes of a container.")
public final class TopCommand extends ContainerCommand implements Callable<Integer> {

    @Parameters(paramLabel = "CONTAINER")
    String name;

    @Override
    public Integer call() throws Exception {
        ContainerTop top = engine().top(name);
        Table table = new Table(top.titles().toArray(String[]::new));
        for (List<String> row : top.processes()) table.row(row.toArray(String[]::new));
        table.print(out());
        return 0;
    }
}
