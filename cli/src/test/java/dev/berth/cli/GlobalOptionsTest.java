package dev.berth.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import dev.berth.compose.loader.LoadOptions;
import java.io.ByteArrayInputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/** The global options are kept once, on the root, wherever on the command line they are given. */
class GlobalOptionsTest {

    private static final Path CWD = Path.of("/work/project");

    /** The root command after parsing {@code args} (nothing is executed). */
    private static BerthCommand parse(Map<String, String> env, String stdin, String... args) {
        PrintStream nowhere = new PrintStream(OutputStream.nullOutputStream());
        Invocation invocation = new Invocation(env, CWD,
                new ByteArrayInputStream(stdin.getBytes(StandardCharsets.UTF_8)), nowhere, nowhere);
        CommandLine commandLine = Main.commandLine(invocation);
        commandLine.parseArgs(args);
        return (BerthCommand) commandLine.getCommand();
    }

    private static LoadOptions loadOptions(String... args) {
        return parse(Map.of("HOME", "/root"), "", args).loadOptions();
    }

    @Test
    void optionsBeforeAndAfterTheSubCommandAddUp() {
        LoadOptions options = loadOptions("-f", "a.yaml", "--profile", "debug", "config", "-f", "b.yaml",
                "--file=c.yaml", "--profile", "tools", "--env-file", "x.env");
        assertEquals(List.of("a.yaml", "b.yaml", "c.yaml"), options.files());
        assertEquals(List.of("debug", "tools"), options.profiles());
        assertEquals(List.of("x.env"), options.envFiles());
    }

    @Test
    void projectNameAndDirectoryGivenAfterTheSubCommand() {
        LoadOptions options = loadOptions("up", "-p", "demo", "--project-directory", "sub/dir", "-d", "web");
        assertEquals("demo", options.projectName());
        assertEquals(CWD.resolve("sub/dir"), options.workingDir());
    }

    @Test
    void defaultsComeFromTheInvocation() {
        LoadOptions options = loadOptions("config");
        assertEquals(CWD, options.cwd());
        assertEquals(List.of(), options.files());
        assertNull(options.projectName());
        assertNull(options.workingDir());
        assertEquals(Map.of("HOME", "/root"), options.environment());
        assertNull(options.stdin(), "stdin is read only for -f -");
    }

    @Test
    void fileDashReadsStandardInput() {
        LoadOptions options = parse(Map.of(), "services: {}\n", "config", "-f", "-").loadOptions();
        assertEquals("services: {}\n", options.stdin());
    }

    @Test
    void progressTakesComposeModes() {
        assertEquals(Progress.PLAIN, parse(Map.of(), "", "config", "--progress", "plain").progress());
        assertEquals(Progress.JSON, parse(Map.of(), "", "--progress=JSON", "up").progress());
    }

    @Test
    void progressDefaultsToComposeProgressThenAuto() {
        assertEquals(Progress.QUIET, parse(Map.of("COMPOSE_PROGRESS", "quiet"), "", "config").progress());
        assertEquals(Progress.TTY, parse(Map.of("COMPOSE_PROGRESS", "quiet"), "", "config", "--progress", "tty").progress());
        assertEquals(Progress.AUTO, parse(Map.of(), "", "config").progress());
    }
}
