package dev.berth.cli.container;

import dev.berth.engine.container.Container;
import dev.berth.engine.container.PortBinding;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/** {@code berth port CONTAINER [PORT[/PROTO]]}: the published ports, as {@code docker port} prints them. */
@Command(name = "port", description = "List port mappings or a specific mapping for the container.")
public final class PortCommand extends ContainerCommand implements Callable<Integer> {

    @Parameters(index = "0", paramLabel = "CONTAINER")
    String name;

    @Parameters(index = "1", arity = "0..1", paramLabel = "PRIVATE_PORT[/PROTO]")
    String port;

    @Override
    public Integer call() throws Exception {
        Container c = engine().inspect(name);
        String wanted = port == null ? null : port.contains("/") ? port : port + "/tcp";
        boolean found = false;
        for (PortBinding b : c.ports()) {
            if (wanted != null && !b.containerPort().equals(wanted)) continue;
            found = true;
            String address = b.hostIp() + ":" + b.hostPort();
            out().println(wanted != null ? address : b.containerPort() + " -> " + address);
        }
        if (wanted != null && !found) {
            err().println("Error: No public port '" + wanted + "' published for " + c.name());
            return 1;
        }
        return 0;
    }
}
