package dev.berth.cli;

import java.io.PrintWriter;
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
        return Failures.report(ex, commandLine.getErr(), debug);
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
