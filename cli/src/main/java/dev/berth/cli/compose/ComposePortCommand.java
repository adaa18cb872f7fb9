package dev.berth.cli.compose;

import dev.berth.cli.compose.ProjectContainers.OneOff;
import dev.berth.compose.ComposeException;
import dev.berth.engine.container.Container;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code docker compose port SERVICE PRIVATE_PORT}: the host address a running container of the service
 * publishes that port on ({@code 0.0.0.0:32768}); without PRIVATE_PORT every mapping, one a line
 * ({@code 80/tcp -> 0.0.0.0:32768}).
 */
@Command(name = "port", description = "Print the public port for a port binding.")
public final class ComposePortCommand extends StackCommand implements Callable<Integer> {

    @Option(names = "--index", paramLabel = "N", description = "Index of the container if service has multiple replicas.")
    private int index;

    @Option(names = "--protocol", paramLabel = "PROTO", description = "tcp or udp (default tcp).")
    private String protocol;

    @Parameters(index = "0", paramLabel = "SERVICE")
    private String service;

    @Parameters(index = "1", arity = "0..1", paramLabel = "PRIVATE_PORT")
    private String privatePort;

    @Override
    public Integer call() throws Exception {
        int port = 0;
        if (privatePort != null) {
            try {
                port = Integer.parseInt(privatePort);
                if (port < 0 || port > 65535) throw new ComposeException("strconv.ParseUint: parsing \"" + privatePort + "\": value out of range");
            } catch (NumberFormatException e) {
                throw new ComposeException("strconv.ParseUint: parsing \"" + privatePort + "\": invalid syntax");
            }
        }
        // compose: --protocol defaults to tcp for one port; listing all mappings takes every protocol unless it is given
        String proto = protocol != null ? protocol.toLowerCase(Locale.ROOT) : privatePort != null ? "tcp" : "";
        ProjectScope scope = ProjectScope.name(berth(), berth().loadOptions());
        Container c = ProjectContainers.specified(session().client(), scope.name(), OneOff.INCLUDE, false, service, index);
        List<ComposePsCommand.Port> ports = ComposePsCommand.Port.of(c);
        if (port != 0) {
            for (ComposePsCommand.Port p : ports) {
                if (p.privatePort() == port && p.type().equals(proto) && p.publicPort() != 0) {
                    out().println(p.ip() + ":" + p.publicPort());
                    out().flush();
                    return 0;
                }
            }
            List<String> published = new ArrayList<>();
            for (ComposePsCommand.Port p : ports) published.add(p.publicPort() + "/" + p.type());
            throw new ComposeException("no port " + port + "/" + proto + " for container " + c.name() + ": " + String.join(", ", published));
        }
        for (ComposePsCommand.Port p : ports) {
            if (proto.isEmpty() || p.type().equals(proto)) out().println(p.privatePort() + "/" + p.type() + " -> " + p.ip() + ":" + p.publicPort());
        }
        out().flush();
        return 0;
    }
}
