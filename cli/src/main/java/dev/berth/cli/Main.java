package dev.berth.cli;

import java.io.BufferedOutputStream;
import java.io.FileDescriptor;
import java.io.FileOutputStream;
import java.io.OutputStreamWriter;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import picocli.CommandLine;

/** The {@code berth} command: {@link #main} for the launcher, {@link #run} for it and for tests. */
public final class Main {

    private Main() {
    }

    public static void main(String[] args) {
        // Compose files are UTF-8 and so is what we print, whatever the locale says.
        PrintStream out = new PrintStream(new BufferedOutputStream(new FileOutputStream(FileDescriptor.out)), false,
                StandardCharsets.UTF_8);
        PrintStream err = new PrintStream(new FileOutputStream(FileDescriptor.err), true, StandardCharsets.UTF_8);
        int exitCode = run(new Invocation(System.getenv(), Path.of("").toAbsolutePath(), System.in, out, err, true), args);
        out.flush();
        err.flush();
        System.exit(exitCode);
    }

    /** Runs one command line and returns its exit code; never calls System.exit. */
    public static int run(Invocation invocation, String... args) {
        // berth run's usual lines skip picocli (its start costs more than the container's)
        var fast = dev.berth.cli.container.FastRun.tryRun(invocation, java.util.List.of(args));
        if (fast.isPresent()) return fast.getAsInt();
        var fastUp = FastUp.tryRun(invocation, java.util.List.of(args)); // and up -d's
        if (fastUp.isPresent()) return fastUp.getAsInt();
        CommandLine commandLine = commandLine(invocation, java.util.List.of(args));
        try {
            return commandLine.execute(args);
        } finally {
            commandLine.getOut().flush();
            commandLine.getErr().flush();
        }
    }

    /** The command line with every sub-command (help, tests that look at the whole tree). */
    static CommandLine commandLine(Invocation invocation) {
        return commandLine(invocation, java.util.List.of());
    }

    static CommandLine commandLine(Invocation invocation, java.util.List<String> args) {
        CommandLine commandLine = new CommandLine(new BerthCommand(invocation));
        int index = SubCommands.index(args);
        if (index >= 0 && args.get(index).equals("compose")) {
            commandLine.addSubcommand("compose", SubCommands.composeNamespace());
        } else if (index >= 0) {
            commandLine.addSubcommand(args.get(index), SubCommands.make(args, index));
        } else {
            SubCommands.ALL.forEach((name, command) -> {
                if (name.equals("compose")) commandLine.addSubcommand(name, SubCommands.composeNamespace());
                else commandLine.addSubcommand(name, command.get());
            });
        }
        // everything after the image is the container's command line, options included (`sh -c …`)
        for (String name : java.util.List.of("run", "exec")) {
            if (commandLine.getSubcommands().containsKey(name)) commandLine.getSubcommands().get(name).setStopAtPositional(true);
            var compose = commandLine.getSubcommands().get("compose");
            if (compose != null && compose.getSubcommands().containsKey(name)) compose.getSubcommands().get(name).setStopAtPositional(true);
        }
        commandLine.setOut(new PrintWriter(new OutputStreamWriter(invocation.out(), StandardCharsets.UTF_8)));
        commandLine.setErr(new PrintWriter(new OutputStreamWriter(invocation.err(), StandardCharsets.UTF_8), true));
        commandLine.setCaseInsensitiveEnumValuesAllowed(true);
        commandLine.setOverwrittenOptionsAllowed(true); // repeated options: the last wins, -f/--profile/--env-file add up
        ErrorHandler errors = new ErrorHandler(invocation.debug());
        commandLine.setExecutionExceptionHandler(errors);
        commandLine.setParameterExceptionHandler(errors);
        return commandLine;
    }
}
