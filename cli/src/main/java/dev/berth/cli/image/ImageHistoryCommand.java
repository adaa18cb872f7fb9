package dev.berth.cli.image;

import dev.berth.cli.EngineCommand;
import dev.berth.engine.image.store.HistoryRow;
import java.time.Instant;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code berth image history}: how the image's layers were made, newest first. */
@Command(name = "history", description = "Show the history of an image.")
public final class ImageHistoryCommand extends EngineCommand implements Callable<Integer> {

    @Option(names = "--no-trunc", description = "Don't truncate output.")
    boolean noTrunc;

    @Option(names = {"-q", "--quiet"}, description = "Only show image IDs.")
    boolean quiet;

    @Parameters(paramLabel = "IMAGE")
    String name;

    @Override
    public Integer call() throws Exception {
        Instant now = Instant.now();
        Table table = new Table("IMAGE", "CREATED", "CREATED BY", "SIZE", "COMMENT");
        for (HistoryRow row : images().history(name)) {
            String id = row.id().equals(HistoryRow.MISSING) || noTrunc ? row.id() : row.id().substring(7, 19);
            if (quiet) {
                out().println(id);
                continue;
            }
            String by = row.createdBy() == null ? "" : row.createdBy();
            if (!noTrunc && by.length() > 45) by = by.substring(0, 44) + "…";
            table.row(id, HumanUnits.ago(row.created(), now), by, HumanUnits.size(row.size()),
                    row.comment() == null ? "" : row.comment());
        }
        if (!quiet) table.print(out());
        return 0;
    }
}
