package dev.berth.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The real {@code ./berth} launcher, as a user runs it: a normal run prints no JVM warning.
 * Runs against the jar already built (BERTH_NO_BUILD=1: a test must not start a nested Maven
 * build of the module it is testing); skips when there is none yet.
 */
class LauncherTest {

    private Path root;

    @BeforeEach
    void requireBuiltJar() {
        root = Path.of(System.getProperty("berth.repo.root", ".")).toAbsolutePath().normalize();
        Assumptions.assumeTrue(Files.isExecutable(root.resolve("berth")), "no ./berth launcher at " + root);
        Assumptions.assumeTrue(Files.isRegularFile(root.resolve("cli/target/berth.jar")),
                "cli/target/berth.jar is not built yet (run ./berth once, or mvn package): nothing to launch");
    }

    private record Result(int exitCode, String out, String err) {
    }

    private Result berth(Path cwd, String... args) throws IOException, InterruptedException {
        return run(cwd, java.util.Map.of(), java.util.stream.Stream.concat(
                java.util.stream.Stream.of(root.resolve("berth").toString()), java.util.Arrays.stream(args)).toList());
    }

    private Result run(Path cwd, java.util.Map<String, String> env, List<String> command) throws IOException, InterruptedException {
        ProcessBuilder pb = new ProcessBuilder(command);
        pb.directory(cwd.toFile());
        pb.environment().put("BERTH_NO_BUILD", "1");
        pb.environment().putAll(env);
        pb.redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null")));
        Path out = Files.createTempFile("berth-out", ".txt");
        Path err = Files.createTempFile("berth-err", ".txt");
        try {
            pb.redirectOutput(out.toFile()).redirectError(err.toFile());
            Process p = pb.start();
            assertTrue(p.waitFor(2, TimeUnit.MINUTES), "./berth did not finish");
            return new Result(p.exitValue(), Files.readString(out, StandardCharsets.UTF_8),
                    Files.readString(err, StandardCharsets.UTF_8));
        } finally {
            Files.deleteIfExists(out);
            Files.deleteIfExists(err);
        }
    }

    @Test
    void configQuietRunsCleanWithoutJvmWarnings(@TempDir Path dir) throws Exception {
        Files.writeString(dir.resolve("compose.yaml"), "services:\n  web:\n    image: busybox:latest\n");
        for (int i = 0; i < 2; i++) { // the first run may write the class-data archive, the second uses it
            Result r = berth(dir, "config", "-q");
            assertEquals(0, r.exitCode(), () -> "stderr:\n" + r.err());
            assertEquals("", r.out());
            List<String> warnings = r.err().lines().filter(l -> l.contains("WARNING") || l.contains("warning")).toList();
            assertEquals(List.of(), warnings, "JVM warnings on a normal run");
        }
    }

    @Test
    void versionThroughTheLauncher(@TempDir Path dir) throws Exception {
        Result r = berth(dir, "--version");
        assertEquals(0, r.exitCode(), () -> "stderr:\n" + r.err());
        assertTrue(r.out().startsWith("berth version "), r.out());
        assertEquals("", r.err());
    }

    @Test
    void theOfflineBusyboxImageIsMadeWithBerthsOwnImport(@TempDir Path dir) throws Exception {
        Assumptions.assumeTrue(Files.isExecutable(Path.of("/usr/bin/busybox")),
                "skipped: /usr/bin/busybox missing (apt-get install busybox-static)");
        java.util.Map<String, String> env = java.util.Map.of("BERTH_ROOT", dir.resolve("root").toString());
        Result made = run(dir, env, List.of(root.resolve("samples/busybox/make-busybox-image.sh").toString()));
        assertEquals(0, made.exitCode(), () -> "stderr:\n" + made.err());
        assertTrue(made.out().strip().matches("sha256:[0-9a-f]{64}"), made.out());
        assertEquals("", made.err(), "no JVM warning, also with the FFM layer store");
        Result inspect = run(dir, env, List.of(root.resolve("berth").toString(), "image", "inspect", "busybox:latest"));
        assertEquals(0, inspect.exitCode(), () -> "stderr:\n" + inspect.err());
        assertTrue(inspect.out().contains("\"Cmd\": [\n                \"sh\"\n            ]"), inspect.out());
    }

    @Test
    void runItOnARealTerminal(@TempDir Path dir) throws Exception {
        Assumptions.assumeTrue("root".equals(System.getProperty("user.name")), "skipped: containers need root");
        Assumptions.assumeTrue(Files.isExecutable(Path.of("/usr/bin/busybox")) && Files.isExecutable(Path.of("/usr/bin/script")),
                "skipped: needs busybox-static and script (util-linux)");
        java.util.Map<String, String> env = java.util.Map.of("BERTH_ROOT", dir.resolve("root").toString(),
                "BERTH_RUN", dir.resolve("run").toString());
        try {
            assertEquals(0, run(dir, env, List.of(root.resolve("samples/busybox/make-busybox-image.sh").toString())).exitCode());
            // script(1) gives ./berth a real terminal; what is typed goes through berth-shim attach into the container's pty
            String typed = "printf 'echo hi-$((1+1)); tty; exit 5\\r'; sleep 3";
            Result r = run(dir, env, List.of("bash", "-c", "(" + typed + ") | script -q -e -c '" + root.resolve("berth")
                    + " run --rm -it busybox sh' /dev/null"));
            assertEquals(5, r.exitCode(), () -> r.out() + r.err());
            assertTrue(r.out().contains("hi-2\r\n/dev/pts/0\r\n"), r.out());
        } finally {
            var roots = dev.berth.engine.EngineRoots.fromEnvironment(env);
            dev.berth.engine.api.BerthdLauncher.stop(roots);
            dev.berth.engine.network.NetworkService.removeAll(roots); // the default network's bridge outlives berthd
        }
    }

    @Test
    void ctrlCStopsAnAttachedUp(@TempDir Path dir) throws Exception {
        Assumptions.assumeTrue("root".equals(System.getProperty("user.name")), "skipped: containers need root");
        Assumptions.assumeTrue(Files.isExecutable(Path.of("/usr/bin/busybox")), "skipped: needs busybox-static");
        java.util.Map<String, String> env = java.util.Map.of("BERTH_ROOT", dir.resolve("root").toString(),
                "BERTH_RUN", dir.resolve("run").toString(), "BERTH_DNS", "127.0.0.1");
        Files.writeString(dir.resolve("compose.yaml"), """
                name: interrupted
                services:
                  loop:
                    image: busybox:latest
                    command: ["sh", "-c", "trap 'echo stopping; exit 0' TERM; echo ready; while true; do sleep 0.1; done"]
                """);
        try {
            assertEquals(0, run(dir, env, List.of(root.resolve("samples/busybox/make-busybox-image.sh").toString())).exitCode());
            ProcessBuilder pb = new ProcessBuilder(root.resolve("berth").toString(), "up", "--no-color").directory(dir.toFile());
            pb.environment().put("BERTH_NO_BUILD", "1");
            pb.environment().putAll(env);
            Path out = dir.resolve("up.out");
            pb.redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null"))).redirectOutput(out.toFile())
                    .redirectError(dir.resolve("up.err").toFile());
            Process up = pb.start();
            for (int i = 0; i < 600 && !Files.readString(out).contains("loop-1  | ready"); i++) Thread.sleep(50);
            assertTrue(Files.readString(out).contains("loop-1  | ready"), "attached: " + Files.readString(out));
            new ProcessBuilder("kill", "-INT", Long.toString(up.pid())).start().waitFor(); // Ctrl-C, to this process only
            assertTrue(up.waitFor(60, TimeUnit.SECONDS), "up ended after Ctrl-C");
            assertEquals(130, up.exitValue(), () -> "stderr: " + readQuietly(dir.resolve("up.err")));
            assertTrue(Files.readString(out).contains("loop-1  | stopping"), "the container got its stop signal: " + Files.readString(out));
            assertTrue(readQuietly(dir.resolve("up.err")).contains("Gracefully stopping..."));
            Result ps = run(dir, env, List.of(root.resolve("berth").toString(), "ps", "-q"));
            assertEquals("", ps.out(), "nothing runs after Ctrl-C");
            assertEquals(0, run(dir, env, List.of(root.resolve("berth").toString(), "down")).exitCode());
        } finally {
            var roots = dev.berth.engine.EngineRoots.fromEnvironment(env);
            dev.berth.engine.api.BerthdLauncher.stop(roots);
            dev.berth.engine.network.NetworkService.removeAll(roots);
        }
    }

    private static String readQuietly(Path p) {
        try {
            return Files.readString(p);
        } catch (IOException e) {
            return "(" + e.getMessage() + ")";
        }
    }
}
