package dev.berth.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.berth.engine.EngineRoots;
import dev.berth.engine.api.EngineUnavailableException;
import dev.berth.engine.api.EngineVersion;
import dev.berth.engine.api.UnixHttpClient;
import dev.berth.engine.daemon.Berthd;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;

/** {@code berth version}: the client's version, and the daemon's when one runs. */
@Command(name = "version", description = "Show the berth version information.")
final class VersionCommand implements Callable<Integer> {

    @ParentCommand
    private BerthCommand berth;

    @Mixin
    private HelpOption help;

    @Option(names = "--short", description = "Show only the version number.")
    private boolean versionOnly;

    /** The daemon's side, when one answers on BERTH_RUN/berthd.sock (like docker version's Server). */
    private void server() {
        EngineRoots roots = EngineRoots.fromEnvironment(berth.invocation().environment());
        try {
            JsonNode v = new ObjectMapper().readTree(new UnixHttpClient(Berthd.socket(roots)).get("/version").body());
            berth.out().println("Server: berthd");
            berth.out().println(" Version:      " + v.path("Version").asText());
            berth.out().println(" API version:  " + v.path("ApiVersion").asText());
            berth.out().println(" Java version: " + v.path("JavaVersion").asText());
            berth.out().println(" Kernel:       " + v.path("KernelVersion").asText());
            berth.out().println(" Root:         " + v.path("Root").asText());
        } catch (EngineUnavailableException | java.io.IOException e) {
            berth.out().println("Server: none (no berthd on " + Berthd.socket(roots) + ")");
        }
    }

    @Override
    public Integer call() {
        if (versionOnly) {
            berth.out().println(BerthVersion.version());
        } else {
            berth.out().println("berth version " + BerthVersion.version());
            berth.out().println(" API version:  " + EngineVersion.API_VERSION);
            berth.out().println(" Java version: " + Runtime.version());
            berth.out().println(" OS/Arch:      linux/" + System.getProperty("os.arch"));
            server();
        }
        return 0;
    }
}
