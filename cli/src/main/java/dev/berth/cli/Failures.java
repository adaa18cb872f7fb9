package dev.berth.cli;

import dev.berth.compose.ComposeException;
import dev.berth.engine.image.ImageException;
import dev.berth.engine.image.InvalidReferenceException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;

/**
 * How a failed command reads: the message for each kind of failure and the exit code. Kept free
 * of picocli so the fast {@code run} path ({@link dev.berth.cli.container.FastRun}) reports
 * exactly as the full command line does.
 */
public final class Failures {

    static final int FAILURE = 1;

    private Failures() {
    }

    public static int report(Exception ex, PrintWriter err, boolean debug) {
        switch (ex) {
            case ComposeException e -> err.println(e.getMessage());
            case ImageException e -> err.println("Error: " + e.getMessage());
            case InvalidReferenceException e -> err.println("Error: " + e.getMessage());
            case dev.berth.engine.container.ContainerNotFoundException e -> err.println("Error: " + e.getMessage());
            case dev.berth.engine.container.ContainerConflictException e -> err.println("Error: " + e.getMessage());
            case dev.berth.engine.api.RemoteStartException e -> {
                err.println("Error: " + e.getMessage());
                err.flush();
                return e.exitCode();
            }
            case dev.berth.engine.api.EngineUnavailableException e -> err.println("Error: " + e.getMessage());
            case UnsupportedOperationException e -> err.println("Error: " + e.getMessage());
            case dev.berth.engine.network.NetworkNotFoundException e -> err.println("Error response from daemon: " + e.getMessage());
            case dev.berth.engine.network.NetworkConflictException e -> err.println("Error response from daemon: " + e.getMessage());
            case dev.berth.engine.volume.VolumeNotFoundException e -> err.println("Error response from daemon: " + e.getMessage());
            case dev.berth.engine.volume.VolumeInUseException e -> err.println("Error response from daemon: " + e.getMessage());
            case dev.berth.planner.PlanException e -> err.println("berth: " + e.getMessage());
            case dev.berth.planner.execute.PlanFailedException e -> err.println("berth: " + e.getMessage());
            case IllegalArgumentException e -> err.println("Error: " + e.getMessage());
            case java.nio.file.NoSuchFileException e -> err.println("berth: " + e.getFile() + ": no such file or directory");
            case java.nio.file.AccessDeniedException e -> err.println("berth: " + e.getFile() + ": permission denied");
            case java.io.IOException e -> err.println("berth: " + e.getMessage());
            case UncheckedIOException e -> err.println("berth: " + e.getMessage());
            default -> {
                err.println("berth: unexpected error: " + ex
                        + (debug ? "" : " (run with BERTH_DEBUG=1 for the stack trace)"));
                if (debug) ex.printStackTrace(err);
            }
        }
        err.flush();
        return FAILURE;
    }
}
