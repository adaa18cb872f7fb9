package dev.berth.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

class SubCommandsTest {

    @Test
    void eachNameIsTheCommandsOwn() {
        for (var e : SubCommands.ALL.entrySet()) {
            CommandLine one = new CommandLine(e.getValue().get());
            if (e.getKey().equals("images") || e.getKey().equals("rmi")) continue; // docker's aliases of image ls / image rm
            assertEquals(e.getKey(), one.getCommandName(), "SubCommands maps " + e.getKey());
        }
    }

    @Test
    void theWordAfterTheGlobalOptionsIsTheCommand() {
        assertEquals("ps", SubCommands.named(List.of("-f", "run", "-p", "x", "ps", "-a")));
        assertEquals("config", SubCommands.named(List.of("--file=a.yaml", "--profile", "debug", "config")));
        assertEquals("run", SubCommands.named(List.of("run", "busybox", "ps")));
        assertNull(SubCommands.named(List.of("--help")));
        assertNull(SubCommands.named(List.of("nosuch", "ps")));
    }

    @Test
    void theRootsValueOptionsAreKnown() {
        CommandLine full = Main.commandLine(new Invocation(Map.of(), java.nio.file.Path.of("."), System.in, System.out, System.err));
        TreeSet<String> withValue = new TreeSet<>();
        for (var o : full.getCommandSpec().options()) {
            if (o.arity().max() > 0) withValue.addAll(List.of(o.names()));
        }
        assertEquals(withValue, new TreeSet<>(SubCommands.GLOBAL_OPTIONS_WITH_VALUE));
    }
}
