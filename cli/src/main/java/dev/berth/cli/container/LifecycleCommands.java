package dev.berth.cli.container;

import dev.berth.engine.api.EngineClient;
import dev.berth.engine.api.WaitCondition;
import java.io.IOException;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** The one-line lifecycle commands: stop, start, restart, kill, rm, pause, unpause, wait. */
public final class LifecycleCommands {

    private LifecycleCommands() {
    }

    @Command(name = "stop", description = "Stop one or more running containers (the stop signal, then SIGKILL after the grace period).")
    public static final class Stop extends EachContainerCommand {
        @Option(names = {"-t", "--time", "--timeout"}, description = "Seconds to wait before killing the container (default: the container's, else 10).")
        Integer seconds;

        @Override
        String apply(EngineClient engine, String container) throws IOException {
            engine.stop(container, seconds);
            return container;
        }
    }

    @Command(name = "start", description = "Start one or more stopped containers.")
    public static final class Start extends EachContainerCommand {
        @Override
        String apply(EngineClient engine, String container) throws IOException {
            engine.start(container);
            return container;
        }
    }

    @Command(name = "restart", description = "Restart one or more containers.")
    public static final class Restart extends EachContainerCommand {
        @Option(names = {"-t", "--time", "--timeout"}, description = "Seconds to wait before killing the container.")
        Integer seconds;

        @Override
        String apply(EngineClient engine, String container) throws IOException {
            engine.restart(container, seconds);
            return container;
        }
    }

    @Command(name = "kill", description = "Kill one or more running containers.")
    public static final class Kill extends EachContainerCommand {
        @Option(names = {"-s", "--signal"}, description = "Signal to send to the container (default KILL).")
        String signal;

        @Override
        String apply(EngineClient engine, String container) throws IOException {
            engine.kill(container, signal);
            return container;
        }
    }

    @Command(name = "rm", description = "Remove one or more containers.")
    public static final class Remove extends EachContainerCommand {
        @Option(names = {"-f", "--force"}, description = "Force the removal of a running container (uses SIGKILL).")
        boolean force;

        @Option(names = {"-v", "--volumes"}, description = "Remove anonymous volumes associated with the container.")
        boolean volumes;

        @Override
        String apply(EngineClient engine, String container) throws IOException {
            engine.remove(container, force, volumes);
            return container;
        }
    }

    @Command(name = "pause", description = "Pause all processes within one or more containers.")
    public static final class Pause extends EachContainerCommand {
        @Override
        String apply(EngineClient engine, String container) throws IOException {
            engine.pause(container);
            return container;
        }
    }

    @Command(name = "unpause", description = "Unpause all processes within one or more containers.")
    public static final class Unpause extends EachContainerCommand {
        @Override
        String apply(EngineClient engine, String container) throws IOException {
            engine.unpause(container);
            return container;
        }
    }

    @Command(name = "wait", description = "Block until one or more containers stop, then print their exit codes.")
    public static final class Wait extends EachContainerCommand {
        @Override
        String apply(EngineClient engine, String container) throws IOException {
            return String.valueOf(engine.wait(container, WaitCondition.NOT_RUNNING).statusCode());
        }
    }
}
