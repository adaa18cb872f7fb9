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
 * {@code berth up} and {@code down} on the README's quick-start stack (samples/quickstart): web
 * (published on 127.0.0.1) → api → db (a health check; api waits for {@code service_healthy}), each
 * finding the next by service name on the project's network.
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
        try (var socket = new java.net.ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            port = socket.getLocalPort();
        }
        env.put("QUICKSTART_PORT", Integer.toString(port));
    }

    private int port;

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
    void threeTiersComeUpInOrderFindEachOtherByNameAndGoAwayWithDown() throws Exception {
        String file = QUICKSTART.toString();
        BerthRun up = ok("up", "-d", "-f", file);
        String err = up.err();
        assertTrue(err.contains("Network quickstart_backend  Created"), err);
        int dbHealthy = err.indexOf("Container quickstart-db-1  Healthy");
        int apiStarted = err.indexOf("Container quickstart-api-1  Started");
        int webStarted = err.indexOf("Container quickstart-web-1  Started");
        assertTrue(dbHealthy > 0 && apiStarted > dbHealthy && webStarted > apiStarted, "db healthy, then api, then web: " + err);

        // the host reaches web on its published port; web asks api by name, api asks db by name
        assertEquals("web got: api got: rows from db\n", page());
        String ps = ok("ps", "--filter", "label=com.docker.compose.project=quickstart").out();
        assertTrue(ps.contains("quickstart-db-1") && ps.contains("(healthy)"), ps);

        // unchanged: nothing is made again
        Map<String, String> ids = ids();
        BerthRun again = ok("up", "-d", "-f", file);
        assertFalse(again.err().contains("Created") || again.err().contains("Recreate"), "nothing changed, nothing made: " + again.err());
        assertEquals(ids, ids());
        assertFalse(ok("up", "--dry-run", "-f", file).out().contains("create"));

        // one service's environment changed: exactly that container is made again
        Path override = Files.writeString(dir.resolve("override.yaml"), "services:\n  api:\n    environment:\n      DB_HOST: db.backend\n");
        ok("up", "-d", "-f", file, "-f", override.toString());
        Map<String, String> after = ids();
        assertEquals(ids.get("quickstart-db-1"), after.get("quickstart-db-1"));
        assertEquals(ids.get("quickstart-web-1"), after.get("quickstart-web-1"));
        assertFalse(ids.get("quickstart-api-1").equals(after.get("quickstart-api-1")), "api recreated: " + after);
        assertEquals("web got: api got: rows from db\n", page());

        // three api replicas: three names, three addresses for "api"
        ok("up", "-d", "--scale", "api=3", "-f", file, "-f", override.toString());
        String names = ok("ps", "--filter", "label=com.docker.compose.service=api").out();
        for (int n = 1; n <= 3; n++) assertTrue(names.contains("quickstart-api-" + n), names);
        String lookup = ok("exec", "quickstart-web-1", "nslookup", "api").out();
        assertEquals(3, lookup.lines().filter(l -> l.strip().matches("Address( \\d+)?:\\s+172\\.\\d+\\.\\d+\\.\\d+")).count(), lookup);

        BerthRun down = ok("down", "-t", "0", "-f", file);
        assertTrue(down.err().contains("Network quickstart_backend  Removed"), down.err());
        assertEquals("", ok("ps", "-a", "-q").out());
        assertTrue(ok("network", "ls", "-q", "--filter", "name=quickstart").out().isBlank());
    }

    /** The page web serves on the published port, once it answers (web's httpd starts after its container does). */
    private String page() throws Exception {
        var client = java.net.http.HttpClient.newHttpClient();
        var request = java.net.http.HttpRequest.newBuilder(java.net.URI.create("http://127.0.0.1:" + port + "/cgi-bin/page"))
                .timeout(java.time.Duration.ofSeconds(5)).build();
        Exception last = null;
        for (int i = 0; i < 100; i++) {
            try {
                var response = client.send(request, java.net.http.HttpResponse.BodyHandlers.ofString());
                if (response.statusCode() == 200 && response.body().contains("rows from db")) return response.body();
                last = new IllegalStateException(response.statusCode() + " " + response.body());
            } catch (java.io.IOException e) {
                last = e;
            }
            Thread.sleep(100);
        }
        throw new AssertionError("no page from web on 127.0.0.1:" + port, last);
    }

    /** Container IDs by name, for the project's three services. */
    private Map<String, String> ids() {
        Map<String, String> out = new java.util.TreeMap<>();
        for (String name : java.util.List.of("quickstart-web-1", "quickstart-api-1", "quickstart-db-1")) {
            out.put(name, ok("ps", "-a", "-q", "--no-trunc", "--filter", "name=" + name).out().strip());
        }
        return out;
    }

    @Test
    void upOfAFileWithAnErrorOrAMissingImageChangesNothing() throws IOException {
        Files.writeString(dir.resolve("compose.yaml"), "services:\n  web:\n    image: busybox\n    imgae: x\n");
        BerthRun bad = berth("up", "-d");
        assertEquals(1, bad.exitCode(), bad::toString);
        assertTrue(bad.err().contains("compose.yaml:4:5"), bad::toString);
        // pull_policy never: berth must not look for it on a registry (and no test sends traffic off the machine)
        Files.writeString(dir.resolve("compose.yaml"), "services:\n  web:\n    image: nosuch:1\n    pull_policy: never\n");
        BerthRun missing = berth("up", "-d");
        assertEquals(1, missing.exitCode(), missing::toString);
        assertTrue(missing.err().contains("service \"web\": image nosuch:1 is not in berth's store"), missing::toString);
        assertEquals("", ok("ps", "-a", "-q").out());
        assertTrue(ok("network", "ls", "-q", "--filter", "label=com.docker.compose.project").out().isBlank());
    }

    @Test
    void upAfterBerthdWasKilledMidWayConverges() throws Exception {
        // db turns healthy only once /tmp/ready exists: up waits for it, and berthd is killed meanwhile
        Files.writeString(dir.resolve("compose.yaml"), """
                name: crash
                services:
                  db:
                    image: busybox
                    command: ["sleep", "600"]
                    healthcheck:
                      test: ["CMD", "test", "-f", "/tmp/ready"]
                      interval: 200ms
                      retries: 1000
                  cache:
                    image: busybox
                    command: ["sleep", "600"]
                  app:
                    image: busybox
                    command: ["sleep", "600"]
                    depends_on:
                      db:
                        condition: service_healthy
                """);
        var firstUp = java.util.concurrent.CompletableFuture.supplyAsync(() -> berth("up", "-d"));
        String db = "";
        for (int i = 0; i < 300 && db.isEmpty(); i++) {
            db = berth("ps", "-q", "--no-trunc", "--filter", "name=crash-db-1").out().strip();
            if (db.isEmpty()) Thread.sleep(50);
        }
        if (db.isEmpty() && firstUp.isDone()) throw new AssertionError("up ended before: " + firstUp.get());
        assertFalse(db.isEmpty(), "db started while up waits for it to be healthy");
        long pid = Long.parseLong(Files.readString(dir.resolve("run/berthd.pid")).strip());
        ProcessHandle.of(pid).ifPresent(ProcessHandle::destroyForcibly); // SIGKILL: the berthd this test started
        BerthRun interrupted = firstUp.get(60, java.util.concurrent.TimeUnit.SECONDS);
        assertEquals(1, interrupted.exitCode(), interrupted::toString);
        for (int i = 0; i < 100 && ProcessHandle.of(pid).isPresent(); i++) Thread.sleep(50);

        // the next commands start a new berthd, which re-adopts db; up completes what the first one began
        ok("exec", "crash-db-1", "touch", "/tmp/ready");
        BerthRun second = ok("up", "-d");
        assertTrue(second.err().contains("Container crash-app-1  Started"), second.err());
        assertEquals(db, berth("ps", "-q", "--no-trunc", "--filter", "name=crash-db-1").out().strip(), "db kept, not made again");
        String all = ok("ps", "-a", "--filter", "label=com.docker.compose.project=crash").out();
        assertEquals(3, all.lines().filter(l -> l.contains("crash-")).count(), "one container per service: " + all);
        assertTrue(ok("up", "--dry-run").out().lines().noneMatch(l -> l.contains("create") || l.contains("start")),
                "converged: nothing left to do");
        ok("down", "-t", "0");
    }

    @Test
    void upWaitReturnsOnceHealthyFailsOnAnExitAndDownRmiRemovesTheImages() throws Exception {
        Files.writeString(dir.resolve("compose.yaml"), """
                name: waiting
                services:
                  checked:
                    image: busybox
                    command: ["sleep", "600"]
                    healthcheck:
                      test: ["CMD-SHELL", "test -f /tmp/up || touch /tmp/up"]
                      interval: 300ms
                      retries: 5
                  plain:
                    image: busybox
                    command: ["sleep", "600"]
                """);
        BerthRun up = ok("--progress", "json", "up", "--wait");
        assertTrue(up.err().lines().allMatch(l -> l.startsWith("{\"id\":")), "one JSON object a line: " + up.err());
        assertTrue(up.err().contains("{\"id\":\"Container waiting-checked-1\",\"text\":\"Healthy\",\"status\":\"Done\"}"), up.err());
        up = ok("up", "--wait");
        assertTrue(up.err().contains("Container waiting-checked-1  Healthy") && up.err().contains("Container waiting-plain-1  Running"), up.err());
        assertFalse(up.err().contains("attaching"), "--wait implies detached: " + up.err());
        assertTrue(ok("ps", "--filter", "name=waiting-checked-1").out().contains("(healthy)"), "healthy when up returns");

        // running but never healthy (its first probe is seconds away), then it ends with 3: the wait fails naming it
        Files.writeString(dir.resolve("failing.yaml"), """
                services:
                  broken:
                    image: busybox
                    command: ["sh", "-c", "sleep 1; exit 3"]
                    healthcheck:
                      test: ["CMD", "true"]
                      interval: 30s
                """);
        BerthRun failed = berth("-f", "failing.yaml", "-p", "failing", "up", "--wait");
        assertEquals(1, failed.exitCode(), failed::toString);
        assertTrue(failed.err().contains("container failing-broken-1 exited (3)"), failed::toString);
        ok("-f", "failing.yaml", "-p", "failing", "down");

        BerthRun down = ok("down", "-t", "0", "--rmi", "all");
        assertTrue(down.err().contains("Image busybox  Removed"), down.err());
        assertEquals(1, berth("image", "inspect", "busybox").exitCode(), "the services' image is gone");
    }

    @Test
    void upWithoutDetachShowsTheOutputUntilTheServicesEndAndAbortOnExitGivesTheChosenCode() throws Exception {
        Files.writeString(dir.resolve("compose.yaml"), """
                name: attached
                services:
                  one:
                    image: busybox
                    command: ["sh", "-c", "echo from one; sleep 0.3; echo one again"]
                  two:
                    image: busybox
                    command: ["sh", "-c", "echo from two"]
                """);
        BerthRun up = ok("up", "--no-color");
        String out = up.out();
        assertTrue(out.contains("one-1  | from one\n") && out.contains("one-1  | one again\n") && out.contains("two-1  | from two\n"), out);
        assertTrue(out.contains("one-1 exited with code 0") && out.contains("two-1 exited with code 0"), out);
        assertTrue(ok("up", "--no-log-prefix", "--no-color", "--attach", "two").out().contains("from two\n"), "--attach two");

        // the first to end stops the rest; --exit-code-from gives that service's code
        Files.writeString(dir.resolve("abort.yaml"), """
                name: aborting
                services:
                  quick:
                    image: busybox
                    command: ["sh", "-c", "echo done; exit 7"]
                  slow:
                    image: busybox
                    command: ["sleep", "600"]
                    stop_signal: SIGKILL
                """);
        BerthRun aborted = berth("-f", "abort.yaml", "up", "--exit-code-from", "quick");
        assertEquals(7, aborted.exitCode(), aborted::toString);
        assertTrue(aborted.out().contains("quick-1  | done") && aborted.out().contains("Aborting on container exit"), aborted::toString);
        assertTrue(ok("ps", "-a", "--filter", "name=aborting-slow-1").out().contains("Exited"), "slow was stopped");
        ok("-f", "abort.yaml", "down", "-t", "0");
        ok("down", "-t", "0");
    }
}
