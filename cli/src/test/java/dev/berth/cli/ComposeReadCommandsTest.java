package dev.berth.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The read-side Compose commands ({@code ps}, {@code logs}, {@code top}, {@code port}, {@code images},
 * {@code ls}, {@code wait}, {@code version}) on projects brought up with {@code berth up -d} on a test
 * engine of real busybox containers; each test takes its projects down and checks nothing is left.
 */
class ComposeReadCommandsTest {

    /** web publishes a port and says two lines; job says one and exits 3; sleeper ends with 5 on SIGTERM. */
    private static final String SHOP = """
            name: shop
            services:
              web:
                image: busybox
                command: ["sh", "-c", "echo web says hi; echo second line; exec httpd -f -p 8080"]
                ports: ["127.0.0.1::8080"]
              job:
                image: busybox
                command: ["sh", "-c", "echo done; exit 3"]
              sleeper:
                image: busybox
                command: ["sh", "-c", "trap 'exit 5' TERM; echo waiting; while true; do sleep 1; done"]
            """;

    @TempDir
    Path dir;

    private BusyboxEngine engine;
    private Map<String, String> env;
    private final ObjectMapper json = new ObjectMapper();

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

    private BerthRun berthWith(Map<String, String> extra, String... args) {
        Map<String, String> e = new HashMap<>(env);
        e.putAll(extra);
        return BerthRun.in(dir, e, "", args);
    }

    private BerthRun ok(String... args) {
        BerthRun r = berth(args);
        assertEquals(0, r.exitCode(), r::toString);
        return r;
    }

    private BerthRun fails(int code, String... args) {
        BerthRun r = berth(args);
        assertEquals(code, r.exitCode(), r::toString);
        return r;
    }

    private static List<String> lines(String s) {
        return s.lines().toList();
    }

    /** The shop project is up and its job has exited (with 3, which docker's wait reports). */
    private void shopUp() throws IOException, InterruptedException {
        Files.writeString(dir.resolve("compose.yaml"), SHOP);
        ok("up", "-d");
        assertEquals("3\n", ok("wait", "shop-job-1").out());
        // the others print first thing when they start; wait until they have (a deadline, not a timing assertion)
        awaitOutput("shop-sleeper-1", "waiting\n");
        awaitOutput("shop-web-1", "web says hi\nsecond line\n");
    }

    private void awaitOutput(String container, String expected) throws InterruptedException {
        long deadline = System.nanoTime() + 30_000_000_000L;
        while (!ok("logs", container).out().equals(expected)) {
            assertTrue(System.nanoTime() < deadline, container + " never printed " + expected);
            Thread.sleep(50);
        }
    }

    @Test
    void psListsTheProjectsContainersAsComposeDoes() throws Exception {
        shopUp();
        try {
            List<String> table = lines(ok("compose", "ps").out());
            assertTrue(table.getFirst().matches("NAME +IMAGE +COMMAND +SERVICE +CREATED +STATUS +PORTS"), table::toString);
            assertEquals(3, table.size(), "header, sleeper and web (job has exited): " + table);
            assertTrue(table.get(1).startsWith("shop-sleeper-1 ") && table.get(2).startsWith("shop-web-1 "), "by name: " + table);
            // the columns start where the header's do (tabwriter: widest cell + 3)
            int service = table.getFirst().indexOf("SERVICE");
            assertEquals("web", table.get(2).substring(service).split(" ")[0], table::toString);
            assertTrue(table.get(2).contains("\"sh -c echo web says…\""), "the command cut to 20 as docker does: " + table);
            assertTrue(table.get(2).matches(".*Up .*127\\.0\\.0\\.1:\\d+->8080/tcp$"), table.get(2));
            assertTrue(table.get(1).endsWith("   "), "an empty PORTS cell leaves the padding, as Go's tabwriter: [" + table.get(1) + "]");

            String all = ok("compose", "ps", "-a").out();
            assertTrue(all.lines().anyMatch(l -> l.startsWith("shop-job-1 ") && l.contains("Exited (3)")), all);
            List<String> exited = lines(ok("compose", "ps", "--status", "exited").out());
            assertEquals(2, exited.size(), exited::toString);
            assertTrue(exited.get(1).startsWith("shop-job-1 "), exited::toString);
            assertEquals(3, lines(ok("compose", "ps", "--filter", "status=running").out()).size());
            assertEquals("unknown filter name\n", fails(1, "compose", "ps", "--filter", "name=x").err());

            List<String> ids = lines(ok("compose", "ps", "-q").out());
            assertEquals(2, ids.size(), ids::toString);
            assertTrue(ids.stream().allMatch(id -> id.matches("[0-9a-f]{64}")), ids::toString);
            assertEquals("sleeper\nweb\n", ok("compose", "ps", "--services").out());
            assertEquals("job\nsleeper\nweb\n", ok("compose", "ps", "-a", "--services").out());
            assertEquals("web\n", ok("compose", "ps", "--services", "web").out());

            List<String> objects = lines(ok("compose", "ps", "--format", "json").out());
            assertEquals(2, objects.size(), "one object a line: " + objects);
            JsonNode web = json.readTree(objects.get(1));
            assertEquals("shop-web-1", web.path("Name").asText());
            assertEquals("web", web.path("Service").asText());
            assertEquals("shop", web.path("Project").asText());
            assertEquals("running", web.path("State").asText());
            assertEquals(12, web.path("ID").asText().length());
            assertEquals(8080, web.path("Publishers").path(0).path("TargetPort").asInt());
            assertEquals("127.0.0.1", web.path("Publishers").path(0).path("URL").asText());
            assertTrue(web.path("Publishers").path(0).path("PublishedPort").asInt() > 0, web::toString);
            List<String> keys = new java.util.ArrayList<>();
            web.fieldNames().forEachRemaining(keys::add);
            assertEquals(keys.stream().sorted().toList(), keys, "keys sorted as Go marshals a map");

            BerthRun unknown = fails(1, "compose", "ps", "nosuch");
            assertEquals("no such service: nosuch\n", unknown.err());
            fails(1, "compose", "ps", "--format", "{{.Name}}");
        } finally {
            ok("down", "-t", "0");
        }
    }

    @Test
    void theProjectOptionMakesDockersNamesComposesAndLsFindsProjectsByLabel() throws Exception {
        shopUp();
        Path other = dir.resolve("other");
        Files.createDirectories(other);
        Files.writeString(other.resolve("compose.yaml"), """
                services:
                  one:
                    image: busybox
                    command: ["sleep", "1000"]
                  two:
                    image: busybox
                    command: ["true"]
                """);
        String otherFile = other.resolve("compose.yaml").toString();
        try {
            ok("-f", otherFile, "up", "-d");
            assertEquals("0\n", ok("wait", "other-two-1").out());

            String docker = ok("ps").out();
            assertTrue(docker.startsWith("CONTAINER ID"), "berth ps is docker's: " + docker);
            assertTrue(docker.contains("other-one-1") && docker.contains("shop-web-1"), docker);
            String composePs = ok("compose", "ps").out();
            assertTrue(composePs.startsWith("NAME") && !composePs.contains("other-"), "the directory's project only: " + composePs);
            String byName = ok("-p", "other", "ps").out();
            assertTrue(byName.startsWith("NAME") && byName.contains("other-one-1") && !byName.contains("shop-"), byName);
            assertEquals(ok("compose", "-f", otherFile, "ps").out().lines().skip(1).map(l -> l.split(" ")[0]).toList(),
                    byName.lines().skip(1).map(l -> l.split(" ")[0]).toList());

            List<String> ls = lines(ok("compose", "ls").out());
            assertTrue(ls.getFirst().matches("NAME {16}STATUS {14}CONFIG FILES"), "tabwriter(20, 3): " + ls);
            assertEquals(3, ls.size(), ls::toString);
            assertTrue(ls.get(1).matches("other +running\\(1\\) +" + Pattern.quote(otherFile)), ls::toString);
            assertTrue(ls.get(2).matches("shop +running\\(2\\) +" + Pattern.quote(dir.resolve("compose.yaml").toString())), ls::toString);
            List<String> lsAll = lines(ok("ls", "-a").out());
            assertTrue(lsAll.get(1).matches("other +exited\\(1\\), running\\(1\\) .*"), lsAll::toString);
            assertTrue(lsAll.get(2).matches("shop +exited\\(1\\), running\\(2\\) .*"), lsAll::toString);
            assertEquals("shop\n", ok("compose", "ls", "-q", "--filter", "name=sh").out());
            JsonNode array = json.readTree(ok("compose", "ls", "--format", "json").out());
            assertEquals(2, array.size());
            assertEquals("other", array.path(0).path("Name").asText());
            assertEquals("running(1)", array.path(0).path("Status").asText());
            assertEquals(otherFile, array.path(0).path("ConfigFiles").asText());
            assertEquals("invalid filter 'status'", fails(1, "compose", "ls", "--filter", "status=x").err().strip().replace("Error: ", ""));
        } finally {
            ok("-f", otherFile, "down", "-t", "0");
            ok("down", "-t", "0");
        }
        assertEquals("NAME                STATUS              CONFIG FILES\n", ok("compose", "ls", "-a").out());
    }

    @Test
    void logsPrefixEachContainersLinesAndTopPortImagesShowItsState() throws Exception {
        shopUp();
        try {
            // job-1, sleeper-1, web-1: the prefix is padded to the longest name plus one
            assertEquals("""
                    job-1      | done
                    sleeper-1  | waiting
                    web-1      | web says hi
                    web-1      | second line
                    """, ok("compose", "logs").out());
            assertEquals("web-1  | web says hi\nweb-1  | second line\n", ok("compose", "logs", "web").out());
            assertEquals("web says hi\nsecond line\n", ok("compose", "logs", "--no-log-prefix", "web").out());
            assertEquals("web-1  | second line\n", ok("compose", "logs", "--tail", "1", "web").out());
            assertEquals("web-1  | second line\n", ok("compose", "logs", "-n", "1", "--index", "1", "web").out());
            assertEquals("no such service: nosuch\n", fails(1, "compose", "logs", "nosuch").err());
            assertTrue(ok("compose", "logs", "-t", "job").out().matches(
                    "job-1  \\| \\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d\\.\\d{9}Z done\n"), "docker's fixed-width timestamps");
            // colors: compose's palette in name order (cyan, yellow, green); none with --no-color or when not a terminal
            String colored = berthWith(Map.of("COMPOSE_ANSI", "always"), "compose", "logs", "job", "sleeper", "web").out();
            assertTrue(colored.contains("\033[36mjob-1      | \033[0mdone\n"), colored);
            assertTrue(colored.contains("\033[33msleeper-1  | \033[0mwaiting\n"), colored);
            assertTrue(colored.contains("\033[32mweb-1      | \033[0mweb says hi\n"), colored);
            assertFalse(berthWith(Map.of("COMPOSE_ANSI", "always"), "compose", "logs", "--no-color").out().contains("\033["));
            assertFalse(ok("compose", "logs").out().contains("\033["));

            List<String> top = lines(ok("compose", "top", "web").out());
            assertTrue(top.getFirst().matches("SERVICE +# +.*PID.* CMD"), "one table, CMD last: " + top);
            assertTrue(top.stream().skip(1).anyMatch(l -> l.matches("web +1 +.*httpd -f -p 8080")), top::toString);
            assertEquals("", ok("compose", "top", "job").out(), "no running container, no table");

            String port = ok("compose", "port", "web", "8080").out();
            Matcher m = Pattern.compile("127\\.0\\.0\\.1:(\\d+)\n").matcher(port);
            assertTrue(m.matches(), port);
            assertTrue(ok("compose", "ps", "web").out().contains("127.0.0.1:" + m.group(1) + "->8080/tcp"));
            assertEquals(port, ok("-p", "shop", "port", "web", "8080").out(), "berth -p NAME port is compose's");
            assertEquals("8080/tcp -> " + port, ok("compose", "port", "web").out());
            assertTrue(fails(1, "compose", "port", "web", "81").err().startsWith("no port 81/tcp for container shop-web-1: "));
            assertEquals("service \"job\" is not running\n", fails(1, "compose", "port", "job", "80").err());
            assertEquals("service \"web\" is not running container #2\n", fails(1, "compose", "port", "--index", "2", "web", "8080").err());
            fails(1, "compose", "port", "--protocol", "udp", "web", "8080");

            List<String> images = lines(ok("compose", "images").out());
            assertTrue(images.getFirst().matches("CONTAINER {11}REPOSITORY {10}TAG {17}IMAGE ID {12}SIZE"), images::toString);
            assertEquals(4, images.size(), "all three containers, the exited one too: " + images);
            assertTrue(images.get(1).matches("shop-job-1 +busybox +latest +[0-9a-f]{12} +\\d.*B"), images::toString);
            List<String> ids = lines(ok("compose", "images", "-q").out());
            assertEquals(1, ids.size(), "one image, listed once: " + ids);
            assertTrue(ids.getFirst().matches("[0-9a-f]{64}"), ids::toString);
            JsonNode array = json.readTree(ok("compose", "images", "--format", "json", "web").out());
            assertEquals(1, array.size());
            assertEquals("shop-web-1", array.path(0).path("ContainerName").asText());
            assertEquals("sha256:" + ids.getFirst(), array.path(0).path("ID").asText());
            assertEquals("busybox", array.path(0).path("Repository").asText());
        } finally {
            ok("down", "-t", "0");
        }
    }

    @Test
    void waitReportsEachContainersExitAndExitsWithTheLastCode() throws Exception {
        shopUp();
        try {
            assertEquals("no containers for project \"shop\"\n", fails(1, "compose", "wait", "job").err(), "job is not running");
            String sleeperId = ok("compose", "ps", "-q", "sleeper").out().strip();
            AtomicReference<BerthRun> waited = new AtomicReference<>();
            Thread waiter = Thread.ofPlatform().start(() -> waited.set(berth("compose", "wait", "sleeper")));
            awaitBlockedInJoin(waiter);
            ok("stop", "shop-sleeper-1");
            waiter.join();
            BerthRun w = waited.get();
            assertEquals(5, w.exitCode(), w::toString);
            assertEquals("container \"" + sleeperId + "\" exited with status code 5\n", w.out());

            // --down-project: once the waited containers have stopped, the whole project goes
            ok("start", "shop-sleeper-1");
            Thread downer = Thread.ofPlatform().start(() -> waited.set(berth("compose", "wait", "--down-project", "sleeper")));
            awaitBlockedInJoin(downer);
            ok("stop", "shop-sleeper-1");
            downer.join();
            assertEquals(5, waited.get().exitCode(), waited.get()::toString);
            assertTrue(waited.get().err().contains("Network shop_default  Removed"), waited.get()::toString);
            assertEquals("", ok("compose", "ps", "-a", "-q").out(), "web and job are gone too");
        } finally {
            ok("down", "-t", "0");
        }
    }

    @Test
    void logsFollowEndsWhenEveryContainerHasEndedWithWholeLines() throws Exception {
        Files.writeString(dir.resolve("compose.yaml"), """
                name: chatty
                services:
                  a:
                    image: busybox
                    command: ["sh", "-c", "sleep 1; for i in $(seq 1 300); do echo a-line-$$i-xxxxxxxxxxxxxxxxxxxxxxxx; done"]
                  bb:
                    image: busybox
                    command: ["sh", "-c", "for i in $(seq 1 300); do echo bb-line-$$i-yyyyyyyyyyyyyyyyyyyyyyyy; done; sleep 2; echo bb-last"]
                """);
        ok("up", "-d");
        try {
            List<String> followed = lines(ok("compose", "logs", "-f").out());
            assertEquals(601, followed.size(), "every line of both, after both have ended");
            for (String l : followed) {
                assertTrue(l.matches("a-1   \\| a-line-\\d+-x{24}|bb-1  \\| bb-line-\\d+-y{24}|bb-1  \\| bb-last"), "a whole line: [" + l + "]");
            }
            assertEquals("bb-1  | bb-last", followed.stream().filter(l -> l.startsWith("bb-1")).reduce((x, y) -> y).orElseThrow());
            assertEquals(Arrays.asList("a-1   | a-line-300-xxxxxxxxxxxxxxxxxxxxxxxx"),
                    followed.stream().filter(l -> l.startsWith("a-1")).skip(299).toList());
        } finally {
            ok("down", "-t", "0");
        }
    }

    @Test
    void versionSaysBerthInComposesShape() {
        String version = ok("compose", "version").out();
        assertTrue(version.matches("Berth Compose version v\\S+\n"), version);
        assertEquals(version.substring("Berth Compose version v".length()), ok("compose", "version", "--short").out());
        assertTrue(ok("compose", "version", "-f", "json").out().matches("\\{\"version\":\"v\\S+\"}\n"));
        assertTrue(ok("version").out().startsWith("berth version "), "berth version stays docker's");
    }

    /** The wait command has registered its waits with the engine once its thread parks in the join that collects them. */
    private static void awaitBlockedInJoin(Thread t) throws InterruptedException {
        long deadline = System.nanoTime() + 60_000_000_000L;
        while (System.nanoTime() < deadline) {
            StackTraceElement[] stack = t.getStackTrace();
            boolean inWait = Arrays.stream(stack).anyMatch(f -> f.getClassName().endsWith("ComposeWaitCommand"));
            boolean joining = Arrays.stream(stack).anyMatch(f -> f.getMethodName().equals("join") && f.getClassName().contains("CompletableFuture"));
            if (inWait && joining && t.getState() == Thread.State.WAITING) return;
            assertTrue(t.isAlive(), "the wait command ended before it waited");
            Thread.sleep(20);
        }
        throw new AssertionError("the wait command never started waiting");
    }
}
