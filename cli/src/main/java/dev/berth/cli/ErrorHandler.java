package dev.berth.cli;

import dev.berth.compose.ComposeException;
import dev.berth.engine.image.ImageException;
import dev.berth.engine.image.InvalidReferenceException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import picocli.CommandLine;
import picocli.CommandLine.IExecutionExceptionHandler;
import picocli.CommandLine.IParameterExceptionHandler;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.ParseResult;
import picocli.CommandLine.UnmatchedArgumentException;

/**
 * The one place where failures become messages and exit codes: a project that cannot be loaded
 * prints its errors as they are (one "file:line:col: key.path: what was expected" per line) and
 * exits 1; a command line that cannot be parsed exits 2; anything else exits 1 with one line, and
 * its stack trace only when BERTH_DEBUG=1.
 */
final class ErrorHandler implements IExecutionExceptionHandler, IParameterExceptionHandler {

    static final int FAILURE = 1;
    static final int USAGE = 2;

    private final boolean debug;

    ErrorHandler(boolean debug) {
        this.debug = debug;
    }

    @Override
    public int handleExecutionException(Exception ex, CommandLine commandLine, ParseResult parseResult) {
        PrintWriter err = commandLine.getErr();
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

    @Override
    public int handleParseException(ParameterException ex, String[] args) {
        CommandLine commandLine = ex.getCommandLine();
        PrintWriter err = commandLine.getErr();
        err.println("berth: " + ex.getMessage());
        UnmatchedArgumentException.printSuggestions(ex, err);
        err.println("Run '" + commandLine.getCommandSpec().qualifiedName() + " --help' for usage.");
        err.flush();
        return USAGE;
    }
}
