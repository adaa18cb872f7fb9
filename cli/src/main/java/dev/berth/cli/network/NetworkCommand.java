package dev.berth.cli.network;

import dev.berth.cli.EngineCommand;
import dev.berth.cli.image.DockerJson;
import dev.berth.cli.image.Table;
import dev.berth.engine.network.Network;
import dev.berth.engine.network.NetworkNotFoundException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code berth network create|ls|inspect|rm|prune}: bridge networks, as {@code docker network}. */
@Command(name = "network", description = "Manage networks.",
        subcommands = {NetworkCommand.Create.class, NetworkCommand.List.class, NetworkCommand.Inspect.class,
                NetworkCommand.Remove.class, NetworkCommand.Prune.class, NetworkCommand.Connect.class,
                NetworkCommand.Disconnect.class})
public final class NetworkCommand implements Callable<Integer> {

    @picocli.CommandLine.Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() {
        spec.commandLine().usage(spec.commandLine().getOut());
        return 0;
    }

    @Command(name = "create", description = "Create a network.")
    public static final class Create extends EngineCommand implements Callable<Integer> {
        @Option(names = {"-d", "--driver"}, description = "Driver to manage the network (bridge).")
        String driver = "bridge";

        @Option(names = "--subnet", description = "Subnet in CIDR format (172.28.0.0/16).")
        String subnet;

        @Option(names = "--ip-range", description = "Allocate container IPs from a sub-range.")
        String ipRange;

        @Option(names = "--gateway", description = "Gateway for the subnet.")
        String gateway;

        @Option(names = "--internal", description = "Restrict external access to the network.")
        boolean internal;

        @Option(names = "--label", paramLabel = "KEY=VALUE", description = "Set metadata on a network.")
        java.util.List<String> labels = new ArrayList<>();

        @Parameters(paramLabel = "NETWORK")
        String name;

        @Override
        public Integer call() throws Exception {
            out().println(engine().createNetwork(name, driver, subnet, ipRange, gateway, internal,
                    dev.berth.cli.LabelArguments.toMap(labels)));
            return 0;
        }
    }

    @Command(name = "ls", aliases = "list", description = "List networks.")
    public static final class List extends EngineCommand implements Callable<Integer> {
        @Option(names = {"-q", "--quiet"}, description = "Only display network IDs.")
        boolean quiet;

        @Option(names = {"-f", "--filter"}, paramLabel = "KEY=VALUE", description = "Filter: name, id, label, driver.")
        java.util.List<String> filters = new ArrayList<>();

        @Option(names = "--no-trunc", description = "Do not truncate the output.")
        boolean noTrunc;

        @Override
        public Integer call() throws Exception {
            java.util.List<Network> networks = engine().networks(filters);
            if (quiet) {
                networks.forEach(n -> out().println(noTrunc ? n.id() : n.shortId()));
                return 0;
            }
            Table table = new Table("NETWORK ID", "NAME", "DRIVER", "SCOPE");
            for (Network n : networks) table.row(noTrunc ? n.id() : n.shortId(), n.name(), n.driver(), "local");
            table.print(out());
            return 0;
        }
    }

    @Command(name = "inspect", description = "Display detailed information on one or more networks.")
    public static final class Inspect extends EngineCommand implements Callable<Integer> {
        @Parameters(arity = "1..*", paramLabel = "NETWORK")
        java.util.List<String> names;

        @Override
        public Integer call() throws Exception {
            var out = com.fasterxml.jackson.databind.node.JsonNodeFactory.instance.arrayNode();
            int status = 0;
            for (String n : names) {
                try {
                    out.add(engine().inspectNetwork(n));
                } catch (NetworkNotFoundException e) {
                    err().println("Error response from daemon: " + e.getMessage());
                    status = 1;
                }
            }
            out().println(DockerJson.pretty(out));
            return status;
        }
    }

    @Command(name = "rm", aliases = "remove", description = "Remove one or more networks.")
    public static final class Remove extends EngineCommand implements Callable<Integer> {
        @Parameters(arity = "1..*", paramLabel = "NETWORK")
        java.util.List<String> names;

        @Override
        public Integer call() throws Exception {
            int status = 0;
            for (String n : names) {
                try {
                    engine().removeNetwork(n);
                    out().println(n);
                } catch (RuntimeException e) {
                    if (e instanceof dev.berth.engine.api.EngineUnavailableException) throw e;
                    err().println("Error response from daemon: " + e.getMessage());
                    status = 1;
                }
            }
            return status;
        }
    }

    @Command(name = "connect", description = "Connect a container to a network.")
    public static final class Connect extends EngineCommand implements Callable<Integer> {
        @Option(names = "--alias", description = "Add network-scoped alias for the container.")
        java.util.List<String> aliases = new ArrayList<>();

        @Parameters(index = "0", paramLabel = "NETWORK")
        String network;

        @Parameters(index = "1", paramLabel = "CONTAINER")
        String container;

        @Override
        public Integer call() throws Exception {
            engine().connectNetwork(network, container, aliases);
            return 0;
        }
    }

    @Command(name = "disconnect", description = "Disconnect a container from a network.")
    public static final class Disconnect extends EngineCommand implements Callable<Integer> {
        @Parameters(index = "0", paramLabel = "NETWORK")
        String network;

        @Parameters(index = "1", paramLabel = "CONTAINER")
        String container;

        @Override
        public Integer call() throws Exception {
            engine().disconnectNetwork(network, container);
            return 0;
        }
    }

    @Command(name = "prune", description = "Remove all unused networks.")
    public static final class Prune extends EngineCommand implements Callable<Integer> {
        @Option(names = {"-f", "--force"}, description = "Do not prompt for confirmation.")
        boolean force;

        @Override
        public Integer call() throws Exception {
            java.util.List<String> removed = engine().pruneNetworks();
            if (!removed.isEmpty()) {
                out().println("Deleted Networks:");
                removed.forEach(out()::println);
            }
            return 0;
        }
    }
}
