package dev.berth.cli;

import dev.berth.cli.container.AttachCommand;
import dev.berth.cli.container.ExecCommand;
import dev.berth.cli.container.InfoCommand;
import dev.berth.cli.container.InspectCommand;
import dev.berth.cli.container.LifecycleCommands;
import dev.berth.cli.container.LogsCommand;
import dev.berth.cli.container.PsCommand;
import dev.berth.cli.container.RunCommand;
import dev.berth.cli.container.StatsCommand;
import dev.berth.cli.container.TopCommand;
import dev.berth.cli.image.ImageCommand;
import dev.berth.cli.image.ImageListCommand;
import dev.berth.cli.image.LoginCommand;
import dev.berth.cli.image.LogoutCommand;
import dev.berth.cli.image.PullCommand;
import dev.berth.cli.image.PushCommand;
import dev.berth.cli.image.RemoveImageCommand;
import dev.berth.cli.image.TagCommand;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Supplier;
import picocli.CommandLine.HelpCommand;

/**
 * berth's sub-commands by name, in help order, each made only when a command line needs it:
 * picocli reflects over a command class when it is added, and adding all ~30 took ~40 ms of
 * every start. A command line names one (after the global options), so only that one is added;
 * help, a bare {@code berth} or an unknown word get them all.
 */
final class SubCommands {

    static final Map<String, Supplier<Object>> ALL = new LinkedHashMap<>();

    static {
        ALL.put("compose", dev.berth.cli.compose.ComposeCommand::new);
        ALL.put("config", ConfigCommand::new);
        ALL.put("up", UpCommand::new);
        ALL.put("down", DownCommand::new);
        ALL.put("plan", PlanCommand::new);
        ALL.put("run", RunCommand::new);
        ALL.put("exec", ExecCommand::new);
        ALL.put("attach", AttachCommand::new);
        ALL.put("ps", PsCommand::new);
        ALL.put("start", LifecycleCommands.Start::new);
        ALL.put("stop", LifecycleCommands.Stop::new);
        ALL.put("restart", LifecycleCommands.Restart::new);
        ALL.put("kill", LifecycleCommands.Kill::new);
        ALL.put("rm", LifecycleCommands.Remove::new);
        ALL.put("rename", dev.berth.cli.container.RenameCommand::new);
        ALL.put("pause", LifecycleCommands.Pause::new);
        ALL.put("unpause", LifecycleCommands.Unpause::new);
        ALL.put("wait", LifecycleCommands.Wait::new);
        ALL.put("logs", LogsCommand::new);
        ALL.put("inspect", InspectCommand::new);
        ALL.put("top", TopCommand::new);
        ALL.put("port", dev.berth.cli.container.PortCommand::new);
        ALL.put("stats", StatsCommand::new);
        ALL.put("events", dev.berth.cli.container.EventsCommand::new);
        ALL.put("info", InfoCommand::new);
        ALL.put("image", ImageCommand::new);
        ALL.put("network", dev.berth.cli.network.NetworkCommand::new);
        ALL.put("volume", dev.berth.cli.volume.VolumeCommand::new);
        ALL.put("tag", TagCommand::new);
        ALL.put("pull", PullCommand::new);
        ALL.put("push", PushCommand::new);
        ALL.put("login", LoginCommand::new);
        ALL.put("logout", LogoutCommand::new);
        ALL.put("version", VersionCommand::new);
        ALL.put("help", HelpCommand::new);
        // docker's short forms: `berth images` = `berth image ls`, `berth rmi` = `berth image rm`
        ALL.put("images", ImageListCommand::new);
        ALL.put("rmi", RemoveImageCommand::new);
        // no Docker command is called ls: berth ls = berth compose ls, as up and down are
        ALL.put("ls", dev.berth.cli.compose.ComposeLsCommand::new);

        // the Compose commands (berth compose CMD; and berth CMD after a project option)
        var compose = dev.berth.cli.compose.ComposeCommands.ALL;
        compose.put("up", UpCommand::new);
        compose.put("plan", PlanCommand::new);
        compose.put("down", DownCommand::new);
        compose.put("config", ConfigCommand::new);
        // the read-side commands
        compose.put("ps", dev.berth.cli.compose.ComposePsCommand::new);
        compose.put("logs", dev.berth.cli.compose.ComposeLogsCommand::new);
        compose.put("top", dev.berth.cli.compose.ComposeTopCommand::new);
        compose.put("port", dev.berth.cli.compose.ComposePortCommand::new);
        compose.put("images", dev.berth.cli.compose.ComposeImagesCommand::new);
        compose.put("ls", dev.berth.cli.compose.ComposeLsCommand::new);
        compose.put("wait", dev.berth.cli.compose.ComposeWaitCommand::new);
        compose.put("version", dev.berth.cli.compose.ComposeVersionCommand::new);
        compose.put("events", dev.berth.cli.compose.ComposeEventsCommand::new);
        // the lifecycle commands
        compose.put("create", dev.berth.cli.compose.ComposeCreateCommand::new);
        compose.put("start", dev.berth.cli.compose.ComposeStartCommand::new);
        compose.put("stop", dev.berth.cli.compose.ComposeStopCommand::new);
        compose.put("restart", dev.berth.cli.compose.ComposeRestartCommand::new);
        compose.put("kill", dev.berth.cli.compose.ComposeKillCommand::new);
        compose.put("pause", dev.berth.cli.compose.ComposePauseCommand::new);
        compose.put("unpause", dev.berth.cli.compose.ComposeUnpauseCommand::new);
        compose.put("rm", dev.berth.cli.compose.ComposeRmCommand::new);
        compose.put("exec", dev.berth.cli.compose.ComposeExecCommand::new);
        compose.put("run", dev.berth.cli.compose.ComposeRunCommand::new);
        compose.put("pull", dev.berth.cli.compose.ComposePullCommand::new);
        compose.put("push", dev.berth.cli.compose.ComposePushCommand::new);
    }

    /** The root's options that take a value: their value is not the command word. */
    static final Set<String> GLOBAL_OPTIONS_WITH_VALUE = Set.of("-f", "--file", "-p", "--project-name", "--profile",
            "--env-file", "--project-directory", "--progress");

    private SubCommands() {
    }

    /** The sub-command a command line names, or null (none, or not one of berth's). */
    static String named(List<String> args) {
        int i = index(args);
        return i < 0 ? null : args.get(i);
    }

    /** Where the sub-command's name is in {@code args}, or -1. */
    static int index(List<String> args) {
        for (int i = 0; i < args.size(); i++) {
            String a = args.get(i);
            if (a.equals("--")) return -1;
            if (a.startsWith("-")) {
                if (GLOBAL_OPTIONS_WITH_VALUE.contains(a)) i++; // --file=x and -fx carry their value
                continue;
            }
            // a Compose command berth has no Docker command for (create) after a project option: berth -p shop create
            boolean composeOnly = dev.berth.cli.compose.ComposeCommands.ALL.containsKey(a)
                    && dev.berth.cli.compose.ComposeCommands.projectScoped(args, i);
            return ALL.containsKey(a) || composeOnly ? i : -1;
        }
        return -1;
    }

    /**
     * The command to add for the name at {@code index}: a name Docker and Compose share means the
     * Compose command when a project option comes before it ({@link dev.berth.cli.compose.ComposeCommands}).
     */
    static Object make(List<String> args, int index) {
        String name = args.get(index);
        var compose = dev.berth.cli.compose.ComposeCommands.ALL.get(name);
        if (compose != null && !name.equals("up") && !name.equals("down") && !name.equals("config") && !name.equals("plan")
                && dev.berth.cli.compose.ComposeCommands.projectScoped(args, index)) {
            return compose.get();
        }
        return ALL.containsKey(name) ? ALL.get(name).get() : compose.get();
    }

    /** {@code berth compose}: the namespace with every Compose command. */
    static picocli.CommandLine composeNamespace() {
        picocli.CommandLine compose = new picocli.CommandLine(new dev.berth.cli.compose.ComposeCommand());
        dev.berth.cli.compose.ComposeCommands.ALL.forEach((name, command) -> compose.addSubcommand(name, command.get()));
        return compose;
    }
}
