package dev.berth.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import dev.berth.compose.loader.LoadOptions;
import java.io.ByteArrayInputStream;
import java.io.PrintStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/** The global options are kept once, on the root, wherever on the command line they are given. */
class GlobalOptionsTest {

    private static final Path CWD = Path.of("/work/project");

    private static LoadOptions parse(String stdin, String... args) {
        PrintStream nowhere = new PrintStream(OutputStream.nullOutputStream());
        Invocation invocation = new Invocation(Map.of("HOME", "/root"), CWD,
                new ByteArrayInputStream(stdin.getBytes(StandardCharsets.UTF_8)), nowhere, nowhere);
        CommandLine commandLine = Main.commandLine(invocation);
        commandLine.parseArgs(args);
        return ((BerthCommand) commandLine.getCommand()).loadOptions();
    }

    @Test
    void optionsBeforeAndAfterTheSubCommandAddUp() {
        LoadOptions options = parse("", "-f", "a.yaml", "--profile", "debug", "config", "-f", "b.yaml",
                "--file=c.yaml", "--profile", "tools", "--env-file", "x.env");
        assertEquals(List.of("a.yaml", "b.yaml", "c.yaml"), options.files());
        assertEquals(List.of("debug", "tools"), options.profiles());
        assertEquals(List.of("x.env"), options.envFiles());
    }

    @Test
    void projectNameAndDirectoryGivenAfterTheSubCommand() {
        LoadOptions options = parse("", "up", "-p", "demo", "--project-directory", "sub/dir", "-d", "web");
        assertEquals("demo", options.projectName());
        assertEquals(CWD.resolve("sub/dir"), options.workingDir());
    }

    @Test
    void defaultsComeFromTheInvocation() {
        LoadOptions options = parse("", "config");
        assertEquals(CWD, options.cwd());
        assertEquals(List.of(), options.files());
        assertNull(options.projectName());
        assertNull(options.workingDir());
        assertEquals(Map.of("HOME", "/root"), options.environment());
        assertNull(options.stdin(), "stdin is read only for -f -");
    }

    @Test
    void fileDashReadsStandardInput() {
        LoadOptions options = parse("services: {}\n", "config", "-f", "-");
        assertEquals("services: {}\n", options.stdin());
    }

    @Test
    void progressTakesComposeModes() {
        PrintStream nowhere = new PrintStream(OutputStream.nullOutputStream());
        CommandLine commandLine = Main.commandLine(new Invocation(Map.of(), CWD, InputStreamHolder.EMPTY, nowhere, nowhere));
        commandLine.parseArgs("config", "--progress", "plain");
        assertEquals(Progress.PLAIN, ((BerthCommand) commandLine.getCommand()).progress());
    }

    private static final class InputStreamHolder {
        static final ByteArrayInputStream EMPTY = new ByteArrayInputStream(new byte[0]);
    }
}
