package dev.berth.cli.volume;

import dev.berth.cli.EngineCommand;
import dev.berth.cli.image.DockerJson;
import dev.berth.cli.image.Table;
import dev.berth.engine.volume.Volume;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code berth volume create|ls|inspect|rm|prune}: named volumes with the local driver, as {@code docker volume}. */
@Command(name = "volume", description = "Manage volumes.",
        subcommands = {VolumeCommand.Create.class, VolumeCommand.List.class, VolumeCommand.Inspect.class,
                VolumeCommand.Remove.class, VolumeCommand.Prune.class})
public final class VolumeCommand implements Callable<Integer> {

    @picocli.CommandLine.Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() {
        spec.commandLine().usage(spec.commandLine().getOut());
        return 0;
    }

    @Command(name = "create", description = "Create a volume.")
    public static final class Create extends EngineCommand implements Callable<Integer> {
        @Option(names = {"-d", "--driver"}, description = "Volume driver name (local).")
        String driver = "local";

        @Option(names = {"-o", "--opt"}, paramLabel = "KEY=VALUE", description = "Driver options: type, o, device (as mount(8)).")
        java.util.List<String> options = new ArrayList<>();

        @Option(names = "--label", paramLabel = "KEY=VALUE", description = "Set metadata for a volume.")
        java.util.List<String> labels = new ArrayList<>();

        @Parameters(arity = "0..1", paramLabel = "VOLUME")
        String name;

        @Override
        public Integer call() throws Exception {
            if (!driver.equals("local")) throw new IllegalArgumentException("volume driver " + driver + " is not available: berth has the local driver only");
            Map<String, String> opts = new LinkedHashMap<>();
            for (String o : options) {
                int eq = o.indexOf('=');
                if (eq <= 0) throw new IllegalArgumentException("invalid option \"" + o + "\": expected KEY=VALUE");
                opts.put(o.substring(0, eq), o.substring(eq + 1));
            }
            out().println(engine().createVolume(name, opts, dev.berth.cli.LabelArguments.toMap(labels)).name());
            return 0;
        }
    }

    @Command(name = "ls", aliases = "list", description = "List volumes.")
    public static final class List extends EngineCommand implements Callable<Integer> {
        @Option(names = {"-q", "--quiet"}, description = "Only display volume names.")
        boolean quiet;

        @Option(names = {"-f", "--filter"}, paramLabel = "KEY=VALUE", description = "Filter: name, label, dangling, driver.")
        java.util.List<String> filters = new ArrayList<>();

        @Override
        public Integer call() throws Exception {
            java.util.List<Volume> volumes = engine().volumes(filters);
            if (quiet) {
                volumes.forEach(v -> out().println(v.name()));
                return 0;
            }
            Table table = new Table("DRIVER", "VOLUME NAME");
            for (Volume v : volumes) table.row(v.driver(), v.name());
            table.print(out());
            return 0;
        }
    }

    @Command(name = "inspect", description = "Display detailed information on one or more volumes.")
    public static final class Inspect extends EngineCommand implements Callable<Integer> {
        @Parameters(arity = "1..*", paramLabel = "VOLUME")
        java.util.List<String> names;

        @Override
        public Integer call() throws Exception {
            var out = com.fasterxml.jackson.databind.node.JsonNodeFactory.instance.arrayNode();
            int status = 0;
            for (String n : names) {
                try {
                    Volume v = engine().inspectVolume(n);
                    var o = out.addObject();
                    o.put("CreatedAt", v.createdAt().toString());
                    o.put("Driver", v.driver());
                    var labels = o.putObject("Labels");
                    v.labels().forEach(labels::put);
                    o.put("Mountpoint", v.mountpoint());
                    o.put("Name", v.name());
                    var options = o.putObject("Options");
                    v.options().forEach(options::put);
                    o.put("Scope", v.scope());
                } catch (dev.berth.engine.volume.VolumeNotFoundException e) {
                    err().println("Error response from daemon: " + e.getMessage());
                    status = 1;
                }
            }
            out().println(DockerJson.pretty(out));
            return status;
        }
    }

    @Command(name = "rm", aliases = "remove", description = "Remove one or more volumes.")
    public static final class Remove extends EngineCommand implements Callable<Integer> {
        @Option(names = {"-f", "--force"}, description = "Do not fail for a volume that does not exist.")
        boolean force;

        @Parameters(arity = "1..*", paramLabel = "VOLUME")
        java.util.List<String> names;

        @Override
        public Integer call() throws Exception {
            int status = 0;
            for (String n : names) {
                try {
                    engine().removeVolume(n, force);
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

    @Command(name = "prune", description = "Remove unused local volumes (anonymous ones; with --all named ones too).")
    public static final class Prune extends EngineCommand implements Callable<Integer> {
        @Option(names = {"-a", "--all"}, description = "Remove all unused volumes, not just anonymous ones.")
        boolean all;

        @Option(names = {"-f", "--force"}, description = "Do not prompt for confirmation.")
        boolean force;

        @Option(names = "--filter", paramLabel = "KEY=VALUE", description = "Filter: label.")
        java.util.List<String> filters = new ArrayList<>();

        @Override
        public Integer call() throws Exception {
            java.util.List<String> removed = engine().pruneVolumes(all, filters);
            if (!removed.isEmpty()) {
                out().println("Deleted Volumes:");
                removed.forEach(out()::println);
            }
            return 0;
        }
    }
}
