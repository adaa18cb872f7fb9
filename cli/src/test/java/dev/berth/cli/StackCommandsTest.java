package dev.berth.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code berth up} and {@code down} on the README's quick-start stack (samples/quickstart): a web
 * server with a health check and a client that waits for it to be healthy, then fetches its page by
 * service name on the project's network.
 */
class StackCommandsTest {

    private static final Path QUICKSTART = Path.of("../samples/quickstart/compose.yaml").toAbsolutePath().normalize();

    @TempDir
    Path dir;

    private BusyboxEngine engine;
    private Map<String, String> env;

    @BeforeEach
    void busybox() throws Exception {
        Assumptions.assumeTrue(Files.isExecutable(Path.of("/usr/sbin/nft")), "skipped: needs nftables (apt-get install nftables)");
        engine = BusyboxEngine.create(dir);
        env = new HashMap<>(engine.env());
        env.put("BERTH_DNS", "127.0.0.1");
    }

    @AfterEach
    void nothingLeft() throws IOException {
        if (engine != null) engine.stopAndCheckNothingLeft();
    }

    private BerthRun berth(String... args) {
        return BerthRun.in(dir, env, "", args);
    }

    private BerthRun ok(String... args) {
        BerthRun r = berth(args);
        assertEquals(0, r.exitCode(), r::toString);
        return r;
    }

    @Test
    void upWaitsForHealthThenTheClientFindsTheServerByNameAndDownLeavesNothing() {
        BerthRun up = ok("up", "-d", "-f", QUICKSTART.toString());
        String err = up.err();
        assertTrue(err.contains("Network quickstart_backend  Created"), err);
        int healthy = err.indexOf("Container quickstart-web-1  Healthy");
        int clientStarted = err.indexOf("Container quickstart-client-1  Started");
        assertTrue(healthy > 0 && clientStarted > healthy, "the client starts after web is healthy: " + err);

        assertEquals("0\n", ok("wait", "quickstart-client-1").out(), "the client's wget succeeded");
        String logs = ok("logs", "quickstart-client-1").out();
        assertEquals("hello from berth\n", logs, "the client fetched web's page by its service name");
        String ps = ok("ps", "-a", "--filter", "label=com.docker.compose.project=quickstart").out();
        assertTrue(ps.contains("quickstart-web-1") && ps.contains("(healthy)"), ps);

        BerthRun again = ok("up", "-d", "-f", QUICKSTART.toString());
        assertFalse(again.err().contains("Created") || again.err().contains("Recreate"), "nothing changed, nothing made: " + again.err());
        String dry = ok("up", "--dry-run", "-f", QUICKSTART.toString()).out();
        assertFalse(dry.contains("create"), dry);

        BerthRun down = ok("down", "-t", "0", "-f", QUICKSTART.toString());
        assertTrue(down.err().contains("Network quickstart_backend  Removed"), down.err());
        assertEquals("", ok("ps", "-a", "-q").out());
        assertTrue(ok("network", "ls", "-q", "--filter", "name=quickstart").out().isBlank());
    }

    @Test
    void upOfAFileWithAnErrorOrAMissingImageChangesNothing() throws IOException {
        Files.writeString(dir.resolve("compose.yaml"), "services:\n  web:\n    image: busybox\n    imgae: x\n");
        BerthRun bad = berth("up", "-d");
        assertEquals(1, bad.exitCode(), bad::toString);
        assertTrue(bad.err().contains("compose.yaml:4:5"), bad::toString);
        Files.writeString(dir.resolve("compose.yaml"), "services:\n  web:\n    image: nosuch:1\n");
        BerthRun missing = berth("up", "-d");
        assertEquals(1, missing.exitCode(), missing::toString);
        assertTrue(missing.err().contains("service \"web\": image nosuch:1"), missing::toString);
        assertEquals("", ok("ps", "-a", "-q").out());
        assertTrue(ok("network", "ls", "-q", "--filter", "label=com.docker.compose.project").out().isBlank());
    }
}
