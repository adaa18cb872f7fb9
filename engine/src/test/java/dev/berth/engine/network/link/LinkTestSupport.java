package dev.berth.engine.network.link;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;

/** Shared by the kernel tests: the root check, names the tests can find, leak checks, commands. */
final class LinkTestSupport {

    static final Path BUSYBOX = Path.of("/usr/bin/busybox");
    static final Path NSENTER = Path.of("/usr/bin/nsenter");

    private LinkTestSupport() {}

    static void assumeRootWithLinks() {
        Assumptions.assumeTrue("root".equals(System.getProperty("user.name")), "skipped: needs root (CAP_NET_ADMIN)");
        Assumptions.assumeTrue(Files.exists(Path.of("/proc/self/ns/net")), "skipped: the kernel has no network namespaces");
    }

    /** {@code bt-} and 5 random hex digits: every link a test makes starts with this, so leaks can be found. */
    static String uniquePrefix() {
        return "bt-" + HexFormat.of().toHexDigits(ThreadLocalRandom.current().nextInt()).substring(0, 5);
    }

    /** The names of the links in the calling thread's namespace that start with {@code prefix}. */
    static List<String> linksStartingWith(String prefix) throws IOException {
        try (Links links = Links.open()) {
            return links.list().stream().map(LinkInfo::name).filter(n -> n.startsWith(prefix)).toList();
        }
    }

    static void assertNoLinks(String prefix) throws IOException {
        assertEquals(List.of(), linksStartingWith(prefix), "links left behind by the test");
    }

    /** Runs a command; its exit code and output (stdout and stderr together). */
    record Result(int exitCode, String output) {}

    static Result run(List<String> command) throws IOException, InterruptedException {
        Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!p.waitFor(30, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            throw new IllegalStateException("did not end in 30 s: " + command);
        }
        return new Result(p.exitValue(), out);
    }

    /** Deletes a temp directory tree (empty after the tests' cleanup). */
    static void deleteTree(Path dir) throws IOException {
        if (!Files.exists(dir)) return;
        try (var files = Files.walk(dir)) {
            for (Path p : files.sorted(java.util.Comparator.reverseOrder()).toList()) Files.delete(p);
        }
    }
}
