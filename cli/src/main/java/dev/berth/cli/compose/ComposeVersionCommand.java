package dev.berth.cli.compose;

import dev.berth.cli.BerthCommand;
import dev.berth.cli.BuildInfo;
import dev.berth.cli.HelpOption;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code docker compose version}: berth's version in compose's shape, {@code Berth Compose version
 * v0.1.0} ({@code --short}: {@code 0.1.0}; {@code --format json}: {@code {"version":"v0.1.0"}}). It is
 * berth's own number, not a Compose release's, so a script that parses the line sees berth, not a
 * compose version it would compare against Docker's. No project options: {@code -f} is {@code --format}, as in compose.
 */
@Command(name = "version", description = "Show the berth version information, in Docker Compose's shape.")
public final class ComposeVersionCommand implements Callable<Integer> {

    @Spec
    private CommandSpec spec;

    @Mixin
    private HelpOption help;

    @Option(names = {"-f", "--format"}, paramLabel = "FORMAT", description = "pretty (default) or json.")
    private String format = "pretty";

    @Option(names = "--short", description = "Shows only the version number.")
    private boolean versionOnly;

    @Override
    public Integer call() {
        var out = ((BerthCommand) spec.root().userObject()).out();
        String version = "v" + BuildInfo.version();
        if (versionOnly) {
            out.println(BuildInfo.version());
        } else if (format.equalsIgnoreCase("json")) {
            out.println("{\"version\":" + new GoJson(false).write(version) + "}");
        } else if (format.isEmpty() || format.equalsIgnoreCase("pretty")) {
            out.println("Berth Compose version " + version);
        } else {
            throw new IllegalArgumentException("format value \"" + format + "\" could not be parsed: parsing failed");
        }
        out.flush();
        return 0;
    }
}
