package dev.berth.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
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
 * The Compose lifecycle commands ({@code berth compose start|stop|restart|kill|pause|unpause|rm|create|
 * exec|run|pull}) on a small project brought up with {@code berth up -d}: web depends on db; real
 * busybox containers on a test engine of their own.
 */
class ComposeLifecycleTest {

    private static final String COMPOSE = """
            name: life
            services:
              db:
                image: busybox:latest
                command: ["sh", "-c", "trap 'exit 0' TERM; while true; do sleep 1; done"]
              web:
                image: busybox:latest
                command: ["sh", "-c", "trap 'echo got-usr1' USR1; trap 'exit 0' TERM; while true; do sleep 1; done"]
                environment:
                  GREETING: hello
                ports:
                  - "127.0.0.1::80"
                restart: always
                depends_on:
                  - db
            """;

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
        Files.writeString(dir.resolve("compose.yaml"), COMPOSE);
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

    private JsonNode inspect(String container) throws IOException {
        return new ObjectMapper().readTree(ok("inspect", container).out()).get(0);
    }

    private String status(String container) throws IOException {
        return inspect(container).path("State").path("Status").asText();
    }

    private static void before(String output, String first, String then) {
        int a = output.indexOf(first);
        int b = output.indexOf(then);
        assertTrue(a >= 0 && b > a, "\"" + first + "\" before \"" + then + "\" in:\n" + output);
    }

    @Test
    void stopStartRestartKillPauseRemoveCreateInComposesOrder() throws Exception {
        ok("up", "-d");
        assertEquals("running", status("life-web-1"));

        // stop: dependents first (web before db)
        BerthRun stop = ok("compose", "stop", "-t", "1");
        before(stop.err(), "Container life-web-1  Stopped", "Container life-db-1  Stopping");
        assertEquals("exited", status("life-web-1"));
        assertEquals("exited", status("life-db-1"));

        // start: dependencies first
        BerthRun start = ok("compose", "start");
        before(start.err(), "Container life-db-1  Started", "Container life-web-1  Starting");
        assertEquals("running", status("life-web-1"));
        assertEquals("running", status("life-db-1"));

        // start of a service whose dependency is stopped starts the dependency too
        ok("compose", "stop", "-t", "1");
        BerthRun startWeb = ok("compose", "start", "web");
        before(startWeb.err(), "Container life-db-1  Started", "Container life-web-1  Started");

        // restart of one service: only its containers
        String startedAt = inspect("life-db-1").path("State").path("StartedAt").asText();
        BerthRun restart = ok("compose", "restart", "-t", "1", "web");
        assertTrue(restart.err().contains("Container life-web-1  Restarting") && restart.err().contains("Container life-web-1  Started"),
                restart::toString);
        assertFalse(restart.err().contains("life-db-1"), restart::toString);
        assertEquals(startedAt, inspect("life-db-1").path("State").path("StartedAt").asText(), "db was not restarted");

        // kill -s: the signal reaches the service's process, which traps it and goes on
        BerthRun kill = ok("compose", "kill", "-s", "USR1", "web");
        assertTrue(kill.err().contains("Container life-web-1  Killed"), kill::toString);
        waitForLog("life-web-1", "got-usr1");
        assertEquals("running", status("life-web-1"));

        // pause / unpause
        BerthRun pause = ok("compose", "pause", "web");
        assertTrue(pause.err().contains("Container life-web-1  Paused"), pause::toString);
        assertEquals("paused", status("life-web-1"));
        assertEquals("running", status("life-db-1"));
        ok("compose", "unpause");
        assertEquals("running", status("life-web-1"));

        // a name Docker has too: Docker's command at the top level, Compose's after a project option
        ok("stop", "-t", "1", "life-db-1");
        assertEquals("exited", status("life-db-1"));
        assertEquals("running", status("life-web-1"));
        BerthRun scoped = ok("-p", "life", "stop", "-t", "1");
        assertTrue(scoped.err().contains("Container life-web-1  Stopped"), scoped::toString);
        assertEquals("exited", status("life-web-1"));

        // -p NAME where there is no Compose file: the project as its containers' labels describe it, as compose
        Path elsewhere = Files.createTempDirectory("berth-no-project");
        try {
            BerthRun byName = BerthRun.in(elsewhere, env, "", "-p", "life", "start");
            assertEquals(0, byName.exitCode(), byName::toString);
            before(byName.err(), "Container life-db-1  Started", "Container life-web-1  Starting");
            BerthRun stopByName = BerthRun.in(elsewhere, env, "", "-p", "life", "stop", "-t", "1");
            assertEquals(0, stopByName.exitCode(), stopByName::toString);
            before(stopByName.err(), "Container life-web-1  Stopped", "Container life-db-1  Stopping");
            BerthRun noSuch = BerthRun.in(elsewhere, env, "", "-p", "nosuch", "stop");
            assertEquals(1, noSuch.exitCode(), noSuch::toString);
            assertTrue(noSuch.err().contains("project \"nosuch\" has no containers"), noSuch::toString);
        } finally {
            Files.delete(elsewhere);
        }

        // rm asks; "n" on stdin keeps the containers
        BerthRun refused = BerthRun.in(dir, env, "n\n", "compose", "rm", "web");
        assertEquals(0, refused.exitCode(), refused::toString);
        assertTrue(refused.out().contains("Going to remove life-web-1"), refused::toString);
        assertEquals("exited", status("life-web-1"));
        BerthRun yes = BerthRun.in(dir, env, "y\n", "compose", "rm", "web");
        assertTrue(yes.err().contains("Container life-web-1  Removed"), yes::toString);
        assertEquals(1, berth("inspect", "life-web-1").exitCode(), "web's container is gone");

        // start has nothing to start for web now: compose's error
        BerthRun nothing = berth("compose", "start", "web");
        assertEquals(1, nothing.exitCode(), nothing::toString);
        assertTrue(nothing.err().contains("service \"web\" has no container to start"), nothing::toString);
        BerthRun unknown = berth("compose", "stop", "nosuch");
        assertEquals(1, unknown.exitCode(), unknown::toString);
        assertTrue(unknown.err().contains("no such service: nosuch"), unknown::toString);

        // create: made, not started
        BerthRun create = ok("-p", "life", "create", "web");
        assertTrue(create.err().contains("Container life-web-1  Created"), create::toString);
        assertFalse(create.err().contains("Started"), create::toString);
        assertEquals("created", status("life-web-1"));

        // rm -s -f -v: running ones are stopped first, then removed without asking
        ok("compose", "start");
        BerthRun rm = ok("compose", "rm", "-s", "-f", "-v");
        assertTrue(rm.err().contains("Container life-db-1  Stopped") && rm.err().contains("Container life-db-1  Removed"), rm::toString);
        assertTrue(rm.out().contains("Going to remove"), rm::toString);
        assertEquals("", ok("ps", "-a", "-q").out());
        BerthRun none = ok("compose", "rm", "-f");
        assertTrue(none.err().contains("No stopped containers"), none::toString);

        ok("down", "-t", "0");
    }

    @Test
    void execAndRunOneOffContainers() throws Exception {
        ok("up", "-d", "--scale", "web=2");

        BerthRun exec = berth("compose", "exec", "web", "sh", "-c", "echo $GREETING; exit 3");
        assertEquals(3, exec.exitCode(), exec::toString);
        assertEquals("hello\n", exec.out());
        assertEquals("b 33 /tmp\n", ok("compose", "exec", "-e", "A=b", "-u", "33", "-w", "/tmp", "web", "sh", "-c",
                "echo $A $(id -u) $(pwd)").out());
        ok("compose", "exec", "--index", "2", "web", "touch", "/tmp/mark");
        assertEquals(0, berth("compose", "exec", "--index", "2", "web", "test", "-e", "/tmp/mark").exitCode());
        assertEquals(1, berth("compose", "exec", "--index", "1", "web", "test", "-e", "/tmp/mark").exitCode(),
                "--index 1 is another container");
        BerthRun third = berth("compose", "exec", "--index", "3", "web", "true");
        assertEquals(1, third.exitCode(), third::toString);
        assertTrue(third.err().contains("service \"web\" is not running container #3"), third::toString);

        // run: the service's environment, the command line's command, its exit code, removed with --rm
        BerthRun run = berth("compose", "run", "--rm", "web", "sh", "-c", "echo $GREETING $EXTRA; exit 7");
        assertEquals(7, run.exitCode(), run::toString);
        assertEquals("hello\n", run.out());
        BerthRun overridden = berth("compose", "run", "--rm", "-e", "GREETING=hi", "-e", "EXTRA=x", "--entrypoint", "sh -c", "web",
                "echo $GREETING $EXTRA $(pwd)");
        assertEquals(0, overridden.exitCode(), overridden::toString);
        assertEquals("hi x /\n", overridden.out());
        assertEquals("", ok("ps", "-a", "-q", "--filter", "label=com.docker.compose.oneoff=True").out(), "--rm removed them");

        // run -d: compose's one-off name and labels, no ports, no restart policy, no service alias
        String name = ok("compose", "run", "-d", "web", "sleep", "60").out().strip();
        assertTrue(name.matches("life-web-run-[0-9a-f]{12}"), name);
        JsonNode oneOff = inspect(name);
        assertEquals("True", oneOff.path("Config").path("Labels").path("com.docker.compose.oneoff").asText());
        assertEquals("web", oneOff.path("Config").path("Labels").path("com.docker.compose.service").asText());
        assertEquals("no", oneOff.path("HostConfig").path("RestartPolicy").path("Name").asText());
        assertEquals(0, oneOff.path("HostConfig").path("PortBindings").size(), oneOff.path("HostConfig").toString());
        assertEquals("always", inspect("life-web-1").path("HostConfig").path("RestartPolicy").path("Name").asText());
        ok("rm", "-f", name);

        // dependencies first: db is started for the run, web's own containers are not; --no-deps leaves db alone
        ok("compose", "stop", "-t", "0");
        BerthRun noDeps = berth("compose", "run", "--rm", "--no-deps", "web", "true");
        assertEquals(0, noDeps.exitCode(), noDeps::toString);
        assertEquals("exited", status("life-db-1"));
        BerthRun withDeps = berth("compose", "run", "--rm", "web", "true");
        assertEquals(0, withDeps.exitCode(), withDeps::toString);
        assertTrue(withDeps.err().contains("Container life-db-1  Started"), withDeps::toString);
        assertEquals("running", status("life-db-1"));
        assertEquals("exited", status("life-web-1"));

        ok("down", "-t", "0");
    }

    @Test
    void startAndRunWaitForAHealthyDependency() throws Exception {
        String file = Path.of("../samples/quickstart/compose.yaml").toAbsolutePath().normalize().toString();
        try (var socket = new java.net.ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            env.put("QUICKSTART_PORT", Integer.toString(socket.getLocalPort())); // web's published port: a free one
        }
        ok("-f", file, "up", "-d");
        ok("-f", file, "compose", "stop", "-t", "0");
        BerthRun start = ok("-f", file, "compose", "start");
        before(start.err(), "Container quickstart-db-1  Healthy", "Container quickstart-api-1  Started");
        // a one-off api finds db by its service name on the project's network, after db is healthy
        BerthRun run = berth("-f", file, "compose", "run", "--rm", "api", "wget", "-q", "-O", "-", "http://db:5432/");
        assertEquals(0, run.exitCode(), run::toString);
        assertEquals("rows from db\n", run.out());
        ok("-f", file, "down", "-t", "0");
    }

    @Test
    void pullSkipsWhatIsHereAndReportsFailuresByService() throws Exception {
        Files.writeString(dir.resolve("compose.yaml"), """
                name: pulls
                services:
                  here:
                    image: busybox:latest
                    pull_policy: missing
                  nowhere:
                    image: 127.0.0.1:1/nosuch:1
                """);
        BerthRun failed = berth("compose", "pull");
        assertEquals(1, failed.exitCode(), failed::toString);
        assertTrue(failed.err().contains("here  Image is already present locally"), failed::toString);
        assertTrue(failed.err().contains("service \"nowhere\""), failed::toString);
        BerthRun ignored = berth("compose", "pull", "--ignore-pull-failures");
        assertEquals(0, ignored.exitCode(), ignored::toString);
        assertTrue(ignored.err().contains("nowhere  Warning"), ignored::toString);
        BerthRun one = ok("compose", "pull", "here");
        assertFalse(one.err().contains("nowhere"), one::toString);
        BerthRun push = ok("compose", "push");
        assertTrue(push.err().contains("here  Skipped"), push::toString);
    }

    @Test
    void pushThenPullTheBuiltServicesImageThroughALocalRegistry() throws Exception {
        Path binary = Path.of("/usr/bin/docker-registry");
        Assumptions.assumeTrue(Files.isExecutable(binary), "skipped: needs docker-registry (apt-get install docker-registry)");
        int port;
        try (var socket = new java.net.ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            port = socket.getLocalPort();
        }
        Path config = dir.resolve("registry.yml");
        Files.writeString(config, "version: 0.1\nlog:\n  level: warn\nstorage:\n  filesystem:\n    rootdirectory: " + dir.resolve("registry")
                + "\nhttp:\n  addr: 127.0.0.1:" + port + "\n");
        Process registry = new ProcessBuilder(binary.toString(), "serve", config.toString()).redirectErrorStream(true)
                .redirectOutput(dir.resolve("registry.log").toFile()).start();
        try {
            awaitListening(port);
            String image = "127.0.0.1:" + port + "/app:1";
            Files.createDirectories(dir.resolve("app"));
            Files.writeString(dir.resolve("compose.yaml"), """
                    name: images
                    services:
                      app:
                        image: %s
                        build: ./app
                      other:
                        image: busybox:latest
                    """.formatted(image));
            ok("tag", "busybox:latest", image);
            BerthRun push = ok("compose", "push");
            assertTrue(push.err().contains("app  Pushed") && push.err().contains("other  Skipped"), push::toString);
            ok("rmi", image);
            BerthRun pull = ok("compose", "pull", "app");
            assertTrue(pull.err().contains("app  Pulling") && pull.err().contains("app  Pulled"), pull::toString);
            assertEquals(0, berth("image", "inspect", image).exitCode(), "the pulled image is in the store");

            // up pulls what the store lacks (pull_policy missing, compose's default); --pull never refuses before anything is made
            ok("rmi", image);
            BerthRun never = berth("up", "-d", "--pull", "never", "app");
            assertEquals(1, never.exitCode(), never::toString);
            assertTrue(never.err().contains("service \"app\": image " + image + " is not in berth's store and the pull policy is never"), never::toString);
            assertEquals("", ok("ps", "-a", "-q").out());
            BerthRun up = ok("up", "-d", "app");
            assertTrue(up.err().contains("Image " + image + "  Pulled") && up.err().contains("Container images-app-1  Started"), up::toString);
            ok("down", "-t", "0");
        } finally {
            registry.destroy();
            registry.waitFor();
        }
    }

    private static void awaitListening(int port) throws InterruptedException {
        for (int i = 0; i < 300; i++) {
            try (var socket = new java.net.Socket(java.net.InetAddress.getLoopbackAddress(), port)) {
                return;
            } catch (IOException notYet) {
                Thread.sleep(50);
            }
        }
        throw new AssertionError("docker-registry did not listen on 127.0.0.1:" + port);
    }

    private void waitForLog(String container, String text) throws InterruptedException {
        for (int i = 0; i < 100; i++) {
            if (ok("logs", container).out().contains(text)) return;
            Thread.sleep(100);
        }
        throw new AssertionError("no \"" + text + "\" in " + container + "'s log: " + ok("logs", container));
    }
}
