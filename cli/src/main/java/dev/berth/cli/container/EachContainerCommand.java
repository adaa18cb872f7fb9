package dev.berth.cli.container;

import dev.berth.engine.api.EngineClient;
import java.io.IOException;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Parameters;

/**
 * stop, start, kill, rm, pause, …: one action per named container, as Docker's CLI does them —
 * the name printed for each success, an error line for each failure, exit 1 if any failed.
 */
abstract class EachContainerCommand extends ContainerCommand implements Callable<Integer> {

    @Parameters(arity = "1..*", paramLabel = "CONTAINER")
    List<String> containers;

    /** Acts on one container; returns what to print (null: nothing). */
    abstract String apply(EngineClient engine, String container) throws IOException;

    @Override
    public Integer call() throws Exception {
        EngineClient engine = engine();
        int status = 0;
        for (String c : containers) {
            try {
                String line = apply(engine, c);
                if (line != null) out().println(line);
                out().flush();
            } catch (RuntimeException | IOException e) {
                if (e instanceof dev.berth.engine.api.EngineUnavailableException) throw e;
                err().println("Error response from daemon: " + e.getMessage());
                err().flush();
                status = 1;
            }
        }
        return status;
    }
}
