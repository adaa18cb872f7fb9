package dev.berth.cli.image;

import dev.berth.cli.EngineCommand;
import dev.berth.engine.image.ImageReference;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/** {@code berth logout}: forget a registry's credentials. */
@Command(name = "logout", description = "Log out from a registry (default: Docker Hub).")
public final class LogoutCommand extends EngineCommand implements Callable<Integer> {

    @Parameters(arity = "0..1", paramLabel = "SERVER")
    String server;

    @Override
    public Integer call() throws Exception {
        String registry = server == null ? ImageReference.DOCKER_HUB : server;
        if (images().logout(registry)) out().println("Removing login credentials for " + registry);
        else out().println("Not logged in to " + registry);
        return 0;
    }
}
