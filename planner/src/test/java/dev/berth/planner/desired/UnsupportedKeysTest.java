package dev.berth.planner.desired;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.berth.compose.ComposeError;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Keys berth cannot honour are never dropped silently: errors stop everything, warnings are told. */
class UnsupportedKeysTest {

    @TempDir
    Path dir;

    private List<String> errors(String yaml) {
        var e = assertThrows(DesiredStateException.class, () -> Projects.desired(dir, yaml));
        return e.errors().stream().map(ComposeError::toString).toList();
    }

    @Test
    void everyErrorAtOnceNamingServiceAndKey() {
        List<String> errors = errors("""
                services:
                  web:
                    image: busybox
                    devices: ["/dev/fuse:/dev/fuse"]
                    network_mode: service:db
                    pid: host
                  db:
                    image: busybox
                    group_add: [audio]
                    security_opt: [seccomp=./profile.json, systempaths=unconfined]
                """);
        assertEquals(List.of(
                "services.db.group_add: berth cannot add supplementary groups to a container yet (remove the key to run the service)",
                "services.db.security_opt[0]: berth applies its default seccomp profile or none (seccomp=unconfined), not the profile ./profile.json",
                "services.db.security_opt[1]: berth always masks /proc and /sys paths as Docker does; systempaths=unconfined cannot be honoured",
                "services.web.devices: berth cannot give a container host devices (remove the key to run the service)",
                "services.web.pid: berth gives each container its own pid namespace; host cannot be honoured (remove the key to run the service)",
                "services.web.network_mode: berth cannot share another container's network namespace yet (service:db); put both services on one network instead"),
                errors);
    }

    @Test
    void secretsOnlyFromFiles() throws IOException {
        Files.writeString(dir.resolve("f.txt"), "x");
        List<String> errors = errors("""
                services:
                  web:
                    image: busybox
                    secrets: [fromfile, fromenv]
                    configs: [inline]
                secrets:
                  fromfile: {file: ./f.txt}
                  fromenv: {environment: HOME}
                configs:
                  inline: {content: hello}
                """);
        assertEquals(List.of(
                "services.web.secrets[1]: secret fromenv comes from an environment variable; berth mounts file secrets only yet (use file:)",
                "services.web.configs[0]: config inline comes from content:; berth mounts file configs only yet (use file:)"), errors);
    }

    @Test
    void startIntervalNeedsStartPeriod() {
        assertEquals(List.of("services.web.healthcheck.start_interval: healthcheck.start_interval requires healthcheck.start_period to be set"),
                errors("""
                        services:
                          web:
                            image: busybox
                            healthcheck: {test: [CMD, "true"], start_interval: 1s}
                        """));
    }

    @Test
    void resourcesBerthHasNoDriverFor() {
        assertEquals(List.of("networks.n.driver: berth has only the bridge driver, not overlay (remove driver: or make it bridge)",
                        "volumes.store.driver: berth has only the local volume driver, not nfs"),
                errors("""
                        services:
                          web:
                            image: busybox
                            networks: [n]
                            volumes: [store:/v]
                        networks:
                          n: {driver: overlay}
                        volumes:
                          store: {driver: nfs}
                        """));
    }

    @Test
    void warningsForHarmlessKeys() {
        DesiredState s = Projects.desired(dir, """
                services:
                  web:
                    image: busybox
                    build: .
                    blkio_config: {weight: 300}
                    mem_reservation: 10m
                    logging: {driver: syslog}
                    security_opt: [apparmor=unconfined]
                    network_mode: host
                    ports: ["8080:80"]
                    deploy:
                      resources:
                        reservations: {memory: 10m}
                      placement: {constraints: [node.role==manager]}
                """);
        assertEquals(List.of(
                "services.web.blkio_config: block I/O weights and limits are not applied by berth; ignored",
                "services.web.mem_reservation: a soft memory limit berth does not apply (mem_limit is); ignored",
                "services.web.build: berth does not build images yet: the image busybox must exist or be pulled",
                "services.web.logging.driver: berth logs to json-file only; syslog ignored",
                "services.web.deploy.placement: a swarm setting docker compose ignores too; ignored",
                "services.web.deploy.resources.reservations.memory: reservations are not applied by berth; ignored",
                "services.web.ports: published ports are discarded with network_mode: host",
                "services.web.security_opt[0]: berth has no AppArmor or SELinux confinement; ignored"),
                s.warnings());
        var request = s.services().get("web").containerRequest().apply(1);
        assertEquals("host", request.hostConfig().networkMode());
        assertTrue(request.endpoints().isEmpty());
        assertTrue(request.hostConfig().portBindings().isEmpty());
        assertEquals(List.of(), request.hostConfig().securityOpt());
    }

    @Test
    void networkModeNoneAndDisabledHealthcheck() {
        DesiredState s = Projects.desired(dir, """
                services:
                  web:
                    image: busybox
                    network_mode: none
                    healthcheck: {disable: true}
                """);
        var request = s.services().get("web").containerRequest().apply(1);
        assertEquals("none", request.hostConfig().networkMode());
        assertEquals(List.of("NONE"), request.healthcheck().test());
        assertTrue(s.services().get("web").networks().isEmpty());
        assertTrue(s.networks().isEmpty());
    }

    @Test
    void secretWarningsAsCompose() {
        DesiredState s = Projects.desired(dir, """
                services:
                  web:
                    image: busybox
                    secrets: [{source: token, uid: "1000", mode: 0400}]
                    pull_refresh_after: 1h
                secrets:
                  token: {file: ./missing.txt}
                """);
        assertEquals(List.of(
                "services.web.pull_refresh_after: not supported by berth; ignored",
                "services.web.secrets[0]: secrets uid, gid and mode are not supported (as in docker compose); ignored",
                "services.web.secrets[0]: secret file " + dir.resolve("missing.txt") + " does not exist"), s.warnings());
        var mount = s.services().get("web").containerRequest().apply(1).hostConfig().mounts().getFirst();
        assertEquals("/run/secrets/token", mount.target());
        assertTrue(mount.readOnly());
    }
}
