package dev.berth.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code berth events} (Docker's text and JSON) and {@code berth compose events} (compose's text and
 * {@code --json}) on a test engine of real busybox containers.
 */
class EventsCommandsTest {

    private static final String PROJECT = """
            name: evproj
            services:
              web:
                image: busybox
                command: ["sleep", "1000"]
                labels: {tier: front}
              worker:
                image: busybox
                command: ["sleep", "1000"]
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
    void nothingLeft() throws Exception {
        if (engine != null) engine.stopAndCheckNothingLeft();
    }

    private BerthRun ok(String... args) {
        BerthRun r = BerthRun.in(dir, env, "", args);
        assertEquals(0, r.exitCode(), r::toString);
        return r;
    }

    private static String seconds(Instant t) {
        return t.getEpochSecond() + "." + String.format("%09d", t.getNano());
    }

    @Test
    void dockerEventsPrintsDockersTextAndJson() throws Exception {
        Instant t0 = Instant.now();
        BerthRun run = BerthRun.in(dir, env, "", "run", "--name", "evweb", "--label", "a=b", "--network", "none", "busybox", "sh", "-c", "exit 2");
        assertEquals(2, run.exitCode(), run::toString);
        ok("rm", "evweb");
        String until = seconds(Instant.now());
        String id = null;
        List<String> lines = ok("events", "--since", seconds(t0), "--until", until, "--filter", "container=evweb").out().lines().toList();
        List<String> actions = new ArrayList<>();
        for (String line : lines) {
            var m = java.util.regex.Pattern.compile("\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d\\.\\d{9}(Z|[+-]\\d\\d:\\d\\d) container (\\S+) ([0-9a-f]{64}) \\((.*)\\)")
                    .matcher(line);
            assertTrue(m.matches(), "Docker's event line: " + line);
            actions.add(m.group(2));
            id = m.group(3);
            String attributes = m.group(4);
            assertTrue(attributes.startsWith("a=b, ") && attributes.contains("image=busybox, name=evweb"), "sorted attributes: " + line);
        }
        assertEquals(List.of("create", "start", "die", "destroy"), actions, String.join("\n", lines));
        assertTrue(lines.get(2).endsWith("(a=b, exitCode=2, image=busybox, name=evweb)"), lines.get(2));

        List<String> jsonLines = ok("events", "--since", seconds(t0), "--until", until, "--filter", "event=die", "--format", "json")
                .out().lines().toList();
        assertEquals(1, jsonLines.size(), String.join("\n", jsonLines));
        JsonNode die = json.readTree(jsonLines.getFirst());
        assertEquals("die", die.get("status").asText());
        assertEquals(id, die.get("id").asText());
        assertEquals("busybox", die.get("from").asText());
        assertEquals("container", die.get("Type").asText());
        assertEquals("die", die.get("Action").asText());
        assertEquals("2", die.get("Actor").get("Attributes").get("exitCode").asText());
        assertEquals("local", die.get("scope").asText());

        BerthRun bad = BerthRun.in(dir, env, "", "events", "--until", until, "--filter", "colour=red");
        assertTrue(bad.exitCode() != 0, bad::toString);
        assertTrue(bad.err().contains("invalid filter 'colour'"), bad::toString);
    }

    @Test
    void composeEventsShowsTheProjectsContainersAsAnUpMakesThem() throws Exception {
        Files.writeString(dir.resolve("compose.yaml"), PROJECT);
        String file = dir.resolve("compose.yaml").toString();
        ok("ps"); // berthd up before the two commands run side by side
        Instant t0 = Instant.now();
        // a stranger's container: not the project's, not shown
        ok("run", "-d", "--name", "stranger", "--network", "none", "busybox", "sleep", "1000");
        AtomicReference<BerthRun> live = new AtomicReference<>();
        Thread reader = Thread.ofPlatform().start(() -> live.set(BerthRun.in(dir, env, "", "compose", "-f", file, "events", "--json",
                "--since", seconds(t0))));
        ok("up", "-d", "-f", file);

        // replayed in compose's text, only the named service's
        List<String> text = ok("compose", "-f", file, "events", "--since", seconds(t0), "--until", seconds(Instant.now()), "web")
                .out().lines().toList();
        assertFalse(text.isEmpty());
        for (String line : text) {
            assertTrue(line.matches("\\d{4}-\\d\\d-\\d\\d \\d\\d:\\d\\d:\\d\\d\\.\\d{6} container \\S+ [0-9a-f]{64} \\(.*\\)"), line);
            assertTrue(line.contains("name=evproj-web-1") && line.contains("tier=front") && !line.contains("com.docker.compose"), line);
        }
        assertTrue(text.stream().anyMatch(l -> l.contains(" container start ")), String.join("\n", text));

        ok("down", "-f", file, "-t", "0");
        ok("rm", "-f", "stranger");
        // berthd stopping ends every stream: the live one returns what it saw
        dev.berth.engine.api.BerthdLauncher.stop(dev.berth.engine.EngineRoots.fromEnvironment(env));
        reader.join(TimeUnit.SECONDS.toMillis(60));
        assertFalse(reader.isAlive(), "compose events ends when berthd stops");
        BerthRun run = live.get();
        assertEquals(0, run.exitCode(), run::toString);

        Map<String, List<String>> actionsByService = new HashMap<>();
        for (String line : run.out().lines().toList()) {
            JsonNode e = json.readTree(line);
            assertEquals(List.of("action", "attributes", "id", "service", "time", "type"), fields(e), line);
            assertEquals("container", e.get("type").asText());
            assertTrue(e.get("time").asText().matches("\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d(\\.\\d+)?(Z|[+-]\\d\\d:\\d\\d)"), line);
            String service = e.get("service").asText();
            assertEquals("evproj-" + service + "-1", e.get("attributes").get("name").asText(), line);
            assertEquals("busybox", e.get("attributes").get("image").asText(), line);
            e.get("attributes").fieldNames().forEachRemaining(k -> assertFalse(k.startsWith("com.docker.compose."), line));
            actionsByService.computeIfAbsent(service, k -> new ArrayList<>()).add(e.get("action").asText());
        }
        assertEquals(java.util.Set.of("web", "worker"), actionsByService.keySet(), run.out());
        for (var e : actionsByService.entrySet()) {
            List<String> a = e.getValue();
            assertTrue(a.indexOf("create") >= 0 && a.indexOf("start") > a.indexOf("create")
                    && a.indexOf("destroy") > a.indexOf("start"), e.getKey() + ": " + a);
        }
    }

    private static List<String> fields(JsonNode n) {
        List<String> out = new ArrayList<>();
        n.fieldNames().forEachRemaining(out::add);
        return out;
    }
}
