package dev.berth.cli.image;

import dev.berth.cli.EngineCommand;
import dev.berth.engine.image.ImageReference;
import dev.berth.engine.registry.Credentials;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code berth login}: check credentials against a registry and keep them (root-only file). */
@Command(name = "login", description = "Log in to a registry (default: Docker Hub).")
public final class LoginCommand extends EngineCommand implements Callable<Integer> {

    @Option(names = {"-u", "--username"}, required = true)
    String username;

    @Option(names = {"-p", "--password"}, description = "Password (prefer --password-stdin: a password on the command line is visible to other users).")
    String password;

    @Option(names = "--password-stdin", description = "Take the password from standard input.")
    boolean passwordStdin;

    @Mixin
    RegistryOptions registry;

    @Parameters(arity = "0..1", paramLabel = "SERVER")
    String server;

    @Override
    public Integer call() throws Exception {
        if (passwordStdin) {
            if (password != null) {
                err().println("Error: --password and --password-stdin are mutually exclusive");
                return 1;
            }
            password = new BufferedReader(new InputStreamReader(berth().invocation().stdin(), StandardCharsets.UTF_8))
                    .readLine();
        } else if (password != null) {
            err().println("WARNING! Using --password via the CLI is insecure. Use --password-stdin.");
        }
        if (password == null || password.isEmpty()) {
            err().println("Error: a password is required: --password-stdin (or -p)");
            return 1;
        }
        images(registry.insecure).login(server == null ? ImageReference.DOCKER_HUB : server, new Credentials(username, password));
        out().println("Login Succeeded");
        return 0;
    }
}
