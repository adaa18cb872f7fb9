package dev.berth.cli.image;

import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine.Option;

/** How to reach a registry: shared by pull, push and login. */
final class RegistryOptions {

    @Option(names = "--insecure-registry", paramLabel = "HOST[:PORT]",
            description = "Allow plain HTTP to this registry (127.0.0.1, localhost and ::1 always are).")
    List<String> insecure = new ArrayList<>();
}
