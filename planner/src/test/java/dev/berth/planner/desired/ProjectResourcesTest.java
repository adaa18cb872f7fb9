package dev.berth.planner.desired;

import dev.berth.planner.engine.ComposeLabels;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The project's networks and volumes, as the planner creates them. */
class ProjectResourcesTest {

    private static final String FILE = """
            name: res
            services:
              web:
                image: busybox
                networks: [front, outside]
                volumes: [data:/data, shared:/shared]
              db:
                image: busybox
                networks: [back]
                volumes: [dbdata:/var/lib/db]
            networks:
              front:
                internal: true
                labels: {team: web}
                ipam:
                  config: [{subnet: 172.28.0.0/16, gateway: 172.28.0.1, ip_range: 172.28.5.0/24}]
              back: {}
              outside:
                external: true
                name: corp
            volumes:
              data:
                driver_opts: {type: tmpfs, device: tmpfs}
                labels: [keep=yes]
              dbdata: {name: custom-db}
              shared: {external: true}
            """;

    @TempDir
    Path dir;

    @Test
    void networks() {
        DesiredState s = Projects.desired(dir, FILE);
        Map<String, DesiredNetwork> byKey = new java.util.HashMap<>();
        s.networks().forEach(n -> byKey.put(n.key(), n));
        assertEquals(3, byKey.size());
        DesiredNetwork front = byKey.get("front");
        assertEquals("res_front", front.name());
        assertTrue(front.internal());
        assertEquals("bridge", front.driver());
        assertEquals("172.28.0.0/16", front.subnet());
        assertEquals("172.28.0.1", front.gateway());
        assertEquals("172.28.5.0/24", front.ipRange());
        assertEquals("web", front.labels().get("team"));
        assertEquals("front", front.labels().get(ComposeLabels.NETWORK));
        assertEquals("res", front.labels().get(ComposeLabels.PROJECT));
        assertEquals("1.2.3", front.labels().get(ComposeLabels.VERSION));
        assertTrue(front.labels().get(ComposeLabels.CONFIG_HASH).matches("[0-9a-f]{64}"));
        assertNotEquals(front.labels().get(ComposeLabels.CONFIG_HASH), byKey.get("back").labels().get(ComposeLabels.CONFIG_HASH));
        DesiredNetwork outside = byKey.get("outside");
        assertTrue(outside.external());
        assertEquals("corp", outside.name());
        var web = s.services().get("web").containerRequest().apply(1);
        assertEquals(List.of("res_front", "corp"), List.copyOf(web.endpoints().keySet()));
    }

    @Test
    void volumes() {
        DesiredState s = Projects.desired(dir, FILE);
        Map<String, DesiredVolume> byKey = new java.util.HashMap<>();
        s.volumes().forEach(v -> byKey.put(v.key(), v));
        DesiredVolume data = byKey.get("data");
        assertEquals("res_data", data.name());
        assertEquals(Map.of("type", "tmpfs", "device", "tmpfs"), data.driverOpts());
        assertEquals("yes", data.labels().get("keep"));
        assertEquals("data", data.labels().get(ComposeLabels.VOLUME));
        assertEquals("res", data.labels().get(ComposeLabels.PROJECT));
        assertEquals("custom-db", byKey.get("dbdata").name());
        assertTrue(byKey.get("shared").external());
        assertEquals("shared", byKey.get("shared").name());
        assertEquals(List.of("data", "shared"), s.services().get("web").volumes());
        assertEquals("custom-db", s.services().get("db").containerRequest().apply(1).hostConfig().mounts().getFirst().source());
    }

    @Test
    void onlyWhatTheSelectedServicesUse() {
        var p = Projects.load(dir, FILE);
        DesiredState s = DesiredStates.from(p, DesiredOptions.defaults("1").withServices(List.of("db"), false));
        assertEquals(List.of("back"), s.networks().stream().map(DesiredNetwork::key).toList());
        assertEquals(List.of("dbdata"), s.volumes().stream().map(DesiredVolume::key).toList());
    }
}
