package dev.berth.engine.daemon;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.berth.engine.EngineRoots;
import dev.berth.engine.api.CreateRequest;
import dev.berth.engine.api.EngineClient;
import dev.berth.engine.container.Container;
import dev.berth.engine.container.ContainerNotFoundException;
import dev.berth.engine.container.Health;
import dev.berth.engine.container.Healthcheck;
import dev.berth.engine.container.HostConfig;
import dev.berth.engine.image.Descriptor;
import dev.berth.engine.image.Digest;
import dev.berth.engine.image.MediaTypes;
import dev.berth.engine.image.ImageService;
import dev.berth.engine.image.layer.DirectoryLayerStore;
import dev.berth.engine.image.oci.ContainerConfig;
import dev.berth.engine.image.oci.ImageConfig;
import dev.berth.engine.image.oci.ImageManifest;
import dev.berth.engine.image.oci.OciJson;
import dev.berth.engine.image.store.Image;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Predicate;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Health checks run by berthd on real busybox containers, through its HTTP API as the CLI and the
 * planner use it: healthy, unhealthy after exactly {@code retries} failures, the start period, the
 * timeout, the image's HEALTHCHECK and NONE, the ps filter, stop/start/restart and a berthd restart.
 */
class HealthCheckTest {

    private static final long MS = 1_000_000L;

    @TempDir
    Path dir;

    private EngineRoots roots;
    private Berthd daemon;
    private EngineClient engine;

    @BeforeEach
    void daemonWithBusybox() throws Exception {
        roots = EngineFixture.rootsWithBusybox(dir);
        imageWithHealthcheck(roots, "busybox:health",
                new ContainerConfig.HealthConfig(List.of("CMD", "true"), 100 * MS, 0, 0, 100 * MS, 0));
        daemon = Berthd.start(roots, "test");
        engine = new EngineClient(daemon.socket());
    }

    @AfterEach
    void removeEverything() throws Exception {
        if (daemon == null) return;
        for (Container c : engine.list(true, List.of())) engine.remove(c.id(), true);
        daemon.close();
        EngineFixture.assertNothingLeft(dir);
    }

    /** A check every 100 ms from the start (no start period). */
    private static Healthcheck every100ms(String shellTest, int retries) {
        return new Healthcheck(List.of("CMD-SHELL", shellTest), 100 * MS, 0, 0, 100 * MS, retries);
    }

    private String run(CreateRequest request) throws IOException {
        // no network: the checks run in the container's namespaces all the same
        String id = engine.create(request.withHostConfig(new HostConfig(0, 0, 0, 0, null, 0, null, null, false, null, false,
                null, false, false, null, null, "none", 0)));
        engine.start(id);
        return id;
    }

    private static CreateRequest sleeping(String image) {
        return CreateRequest.of(image).withCmd(List.of("sleep", "1000"));
    }

    private Health health(String id) {
        try {
            return engine.inspect(id).state().health();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private Health awaitHealth(String id, String what, Predicate<Health> condition) throws InterruptedException {
        Health h = null;
        for (int i = 0; i < 600; i++) {
            h = health(id);
            if (h != null && condition.test(h)) return h;
            Thread.sleep(50);
        }
        throw new AssertionError("not within 30 s: " + what + "; health: " + h);
    }

    @Test
    void aPassingCheckRunsInTheContainerWithItsEnvUserAndWorkdirAndMakesItHealthy() throws Exception {
        String script = "while read k v rest; do [ \"$k\" = Uid: ] && echo \"$FOO $v $PWD\"; done < /proc/self/status; exit 0";
        String id = run(new CreateRequest(null, "busybox", null, List.of("sleep", "1000"), List.of("FOO=bar"), "/tmp", "nobody",
                null, null, null, false, false, false, null, null, null, null, every100ms(script, 3), null));
        String plain = run(sleeping("busybox"));

        Health h = awaitHealth(id, "healthy", x -> x.status().equals(Health.HEALTHY));
        assertEquals(0, h.failingStreak());
        Health.Probe last = h.log().getLast();
        assertEquals(0, last.exitCode());
        assertEquals("bar 65534 /tmp\n", last.output(), "the container's env, user and working directory");
        assertFalse(last.end().isBefore(last.start()));
        Container c = engine.inspect(id);
        assertEquals(List.of("CMD-SHELL", script), c.config().healthcheck().test(), "inspect: Config.Healthcheck");
        assertNull(engine.inspect(plain).state().health(), "no check: no State.Health");

        assertEquals(List.of(id), ids(engine.list(false, List.of("health=healthy"))));
        assertEquals(List.of(plain), ids(engine.list(false, List.of("health=none"))));
        assertEquals(List.of(), ids(engine.list(false, List.of("health=unhealthy"))));
        var bad = assertThrows(IllegalArgumentException.class, () -> engine.list(false, List.of("health=fine")));
        assertTrue(bad.getMessage().contains("Unrecognised filter value for health: fine"), bad.getMessage());
    }

    private static List<String> ids(List<Container> list) {
        return list.stream().map(Container::id).toList();
    }

    @Test
    void failuresInARowMakeItUnhealthyAfterExactlyRetries() throws Exception {
        // fails three times, then its fourth probe hangs (60 s timeout): the state stays as the third left it
        String script = "n=$(cat /tmp/n 2>/dev/null || echo 0); n=$((n+1)); echo $n > /tmp/n; "
                + "if [ $n -gt 3 ]; then sleep 1000; fi; echo \"failure $n\"; exit 1";
        String id = run(sleeping("busybox").withHealthcheck(
                new Healthcheck(List.of("CMD-SHELL", script), 100 * MS, 60_000 * MS, 0, 100 * MS, 3)));

        Health h = awaitHealth(id, "unhealthy", x -> x.status().equals(Health.UNHEALTHY));
        assertEquals(3, h.failingStreak());
        assertEquals(List.of("failure 1\n", "failure 2\n", "failure 3\n"), h.log().stream().map(Health.Probe::output).toList());
        assertTrue(h.log().stream().allMatch(p -> p.exitCode() == 1), h.toString());
        assertEquals(List.of(id), ids(engine.list(false, List.of("health=unhealthy"))));
    }

    @Test
    void failuresWithinTheStartPeriodLeaveItStarting() throws Exception {
        String id = run(sleeping("busybox").withHealthcheck(
                new Healthcheck(List.of("CMD-SHELL", "exit 1"), 100 * MS, 0, 3_600_000 * MS, 100 * MS, 1)));
        Health h = awaitHealth(id, "three probes", x -> x.log().size() >= 3);
        assertEquals(Health.STARTING, h.status());
        assertEquals(0, h.failingStreak());
        assertEquals(List.of(id), ids(engine.list(false, List.of("health=starting"))));
    }

    @Test
    void aProbeOverItsTimeoutIsKilledWithExitCodeMinusOne() throws Exception {
        String id = run(sleeping("busybox").withHealthcheck(
                new Healthcheck(List.of("CMD-SHELL", "echo partial; sleep 999; echo never"), 100 * MS, 200 * MS, 0, 100 * MS, 1)));
        Health h = awaitHealth(id, "three probes", x -> x.log().size() >= 3);
        Health.Probe p = h.log().getFirst();
        assertEquals(-1, p.exitCode());
        assertEquals("Health check exceeded timeout (200ms): partial\n", p.output());
        assertEquals(Health.UNHEALTHY, h.status());
        long left = engine.top(id).processes().stream().filter(row -> String.join(" ", row).contains("sleep 999")).count();
        assertTrue(left <= 1, "a killed probe takes what it started with it (the running probe's sleep at most): " + left);
    }

    @Test
    void aCommandThatCannotRunIsAFailureWithTheReason() throws Exception {
        String id = run(sleeping("busybox").withHealthcheck(
                new Healthcheck(List.of("CMD", "/no/such/probe"), 100 * MS, 0, 0, 100 * MS, 1)));
        Health.Probe p = awaitHealth(id, "a probe", x -> !x.log().isEmpty()).log().getFirst();
        assertEquals(-1, p.exitCode());
        assertTrue(p.output().contains("/no/such/probe"), p.output());
    }

    @Test
    void theImagesHealthcheckRunsUnlessTheRequestSaysNone() throws Exception {
        String fromImage = run(sleeping("busybox:health"));
        String none = run(sleeping("busybox:health").withHealthcheck(new Healthcheck(List.of("NONE"), 0, 0, 0, 0, 0)));
        String merged = engine.create(sleeping("busybox:health").withHealthcheck(new Healthcheck(List.of(), 250 * MS, 0, 0, 0, 7)));

        awaitHealth(fromImage, "healthy by the image's check", x -> x.status().equals(Health.HEALTHY));
        assertEquals(List.of("CMD", "true"), engine.inspect(fromImage).config().healthcheck().test());
        assertTrue(engine.inspect(none).config().healthcheck().disabled(), "NONE: no check (inspect shows NONE, as Docker's)");
        assertNull(engine.inspect(none).state().health(), "and no health while the other is healthy already");
        Healthcheck m = engine.inspect(merged).config().healthcheck();
        assertEquals(new Healthcheck(List.of("CMD", "true"), 250 * MS, 0, 0, 100 * MS, 7), m, "the request's fields over the image's");
    }

    @Test
    void createRefusesABadCheck() {
        var e = assertThrows(IllegalArgumentException.class, () -> engine.create(sleeping("busybox").withHealthcheck(
                new Healthcheck(List.of("CMD", "true"), 500, 0, 0, 0, 0))));
        assertTrue(e.getMessage().contains("Interval in Healthcheck cannot be less than 1ms"), e.getMessage());
    }

    @Test
    void stopEndsTheChecksStartBeginsThemAgainAndTheLogIsKept() throws Exception {
        String id = run(sleeping("busybox").withHealthcheck(every100ms("echo ok", 3)));
        awaitHealth(id, "healthy", x -> x.status().equals(Health.HEALTHY));
        assertTrue(daemon.engine().healthMonitored(id));

        engine.stop(id, 1);
        assertFalse(daemon.engine().healthMonitored(id), "no probes after the stop");
        Health atStop = health(id);
        assertNotNull(atStop, "Docker keeps the last health of a stopped container");
        Thread.sleep(500); // five intervals: a monitor left running would have probed
        assertEquals(atStop, health(id));

        Instant restart = Instant.now();
        engine.start(id);
        assertTrue(daemon.engine().healthMonitored(id));
        Health again = awaitHealth(id, "healthy again after the start",
                x -> x.status().equals(Health.HEALTHY) && x.log().getLast().start().isAfter(restart));
        assertTrue(again.log().getFirst().start().isBefore(restart), "the earlier run's probes stay in the log: " + again);

        engine.remove(id, true);
        assertFalse(daemon.engine().healthMonitored(id));
        assertThrows(ContainerNotFoundException.class, () -> engine.inspect(id));
    }

    @Test
    void aNewBerthdResumesTheChecksOfTheContainersItReadopts() throws Exception {
        String id = run(sleeping("busybox").withHealthcheck(every100ms("echo ok", 3)));
        awaitHealth(id, "healthy", x -> x.status().equals(Health.HEALTHY));
        daemon.close(); // the container keeps running
        Instant restart = Instant.now();
        daemon = Berthd.start(roots, "test");
        engine = new EngineClient(daemon.socket());

        assertTrue(daemon.engine().healthMonitored(id));
        awaitHealth(id, "probed by the new berthd",
                x -> x.status().equals(Health.HEALTHY) && x.log().getLast().start().isAfter(restart));
    }

    /** {@code base}'s image with a HEALTHCHECK in its config, tagged {@code tag} (as a Dockerfile's HEALTHCHECK makes it). */
    private static void imageWithHealthcheck(EngineRoots roots, String tag, ContainerConfig.HealthConfig check) throws IOException {
        ImageService images = new ImageService(roots, DirectoryLayerStore.under(roots.root(), e -> { }), id -> false, Set.of());
        Image base = images.store().resolve("busybox:latest").orElseThrow();
        ImageConfig c = base.config();
        ContainerConfig r = c.containerConfig();
        ContainerConfig run = new ContainerConfig(r.user(), r.exposedPorts(), r.env(), r.entrypoint(), r.cmd(), check, r.volumes(),
                r.workingDir(), r.labels(), r.stopSignal(), r.onBuild(), r.shell(), r.argsEscaped());
        byte[] config = OciJson.write(new ImageConfig(c.created(), c.author(), c.architecture(), c.os(), c.variant(), run, c.rootfs(),
                c.history(), c.comment(), c.dockerVersion()));
        images.store().blobs().put(config);
        ImageManifest m = base.manifest();
        byte[] manifest = OciJson.write(new ImageManifest(m.schemaVersion(), m.mediaType(),
                new Descriptor(MediaTypes.OCI_CONFIG, Digest.sha256(config), config.length), m.layers(), Map.of()));
        Image image = images.store().add(manifest, MediaTypes.OCI_MANIFEST);
        images.store().tag(image.id().toString(), tag);
    }
}
