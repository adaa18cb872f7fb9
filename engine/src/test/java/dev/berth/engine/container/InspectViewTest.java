package dev.berth.engine.container;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The client reads back, from Docker's inspect shape, the container the daemon wrote. */
class InspectViewTest {

    @Test
    void aContainerSurvivesTheRoundTripThroughItsInspectJson() {
        ContainerConfig config = new ContainerConfig("busybox:latest", List.of("/init"), List.of("sh", "-c", "x"), List.of("A=1"),
                "/w", "www:staff", "web", "example.org", Map.of("tier", "web"), true, true, true, "SIGHUP", 3,
                new Healthcheck(List.of("CMD", "true"), 1_000_000_000L, 0, 0, 0, 2), List.of("/data"));
        HostConfig host = new HostConfig(1 << 25, -1, 500_000_000, 512, "0", 20, List.of("NET_ADMIN"), List.of(), false,
                List.of("no-new-privileges"), true, new RestartPolicy("on-failure", 2), true, false, List.of("/a:/b:ro"),
                Map.of("/run", "size=1m"), "noah_net", 1 << 20, List.of(new HostConfig.Ulimit("nofile", 10, 20)),
                List.of("10.0.0.2"), List.of("x.example"), List.of("ndots:1"), List.of("db:10.1.1.1"),
                List.of(new PortBinding("80/tcp", "127.0.0.1", "8080")), List.of(Mount.bind("/srv", "/srv", true)),
                Map.of("net.core.somaxconn", "100"));
        ContainerState state = new ContainerState("exited", 0, 3, true, "boom", Instant.parse("2026-11-28T16:00:00Z"),
                Instant.parse("2026-11-28T16:00:01.5Z"), false,
                new Health(Health.UNHEALTHY, 2, List.of(new Health.Probe(Instant.parse("2026-11-28T16:00:00Z"),
                        Instant.parse("2026-11-28T16:00:00.1Z"), 1, "no\n"))));
        Map<String, Endpoint> networks = Map.of(
                "bridge", new Endpoint("b".repeat(64), "172.17.0.2", 16, "172.17.0.1", "02:42:ac:11:00:02", List.of(), List.of(), ""),
                "noah_net", new Endpoint("n".repeat(64), "172.18.0.3", 16, "172.18.0.1", "02:42:ac:12:00:03", List.of("db"),
                        List.of("web", "0123456789ab"), "172.18.0.3"));
        Container c = new Container("0123456789ab".repeat(5) + "cdef", "web", Instant.parse("2026-11-28T15:59:00Z"),
                "sha256:" + "f".repeat(64), config, host, state, 2, networks, List.of(new PortBinding("80/tcp", "127.0.0.1", "8080")),
                List.of(new MountPoint("volume", "data", "/var/lib/berth/volumes/data/_data", "/data", false, "", "", false, false),
                        new MountPoint("bind", "", "/srv", "/srv", true, "rprivate", "", false, false),
                        new MountPoint("tmpfs", "", "", "/run", false, "", "size=1m", false, false)));
        var json = InspectView.of(c, Path.of("/x"));
        assertEquals("172.17.0.2", json.at("/NetworkSettings/IPAddress").asText(), "the default bridge's address at the top, as Docker");
        assertEquals(c, InspectView.read(json));
    }
}
