package dev.berth.cli;

import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;

/** {@code berth version}: the client's version, and the server's once there is one. */
@Command(name = "version", description = "Show the berth version information.")
final class VersionCommand implements Callable<Integer> {

    @ParentCommand
    private BerthCommand berth;

    @Mixin
    private HelpOption help;

    @Option(names = "--short", description = "Show only the version number.")
    private boolean versionOnly;

    @Override
    public Integer call() {
        if (versionOnly) {
            berth.out().println(BerthVersion.version());
        } else {
            berth.out().println("berth version " + BerthVersion.version());
            berth.out().println("Server: none (berthd, the engine's daemon, is not built yet: issues 3-6)");
        }
        return 0;
    }
}
