package dev.berth.compose.merge;

import static dev.berth.compose.merge.MergeFixtures.assertLoads;

import org.junit.jupiter.api.Test;

class MergeMountsAndPortsTest {

    @Test
    void b131_volumesOfBothFilesInEitherSyntaxAreKept() {
        assertLoads("""
                services:
                  test:
                    volumes:
                      - a:/a
                      - {type: bind, source: ./b, target: /b}
                      - c:/c
                """, """
                services:
                  test:
                    volumes:
                      - a:/a
                      - {type: bind, source: ./b, target: /b}
                """, """
                services:
                  test:
                    volumes: [c:/c]
                """);
    }

    @Test
    void b131_aVolumeRedefiningATargetReplacesTheFirstInPlace() {
        assertLoads("""
                services:
                  test:
                    volumes: [src:/foo, foo:/bar]
                """, """
                services:
                  test:
                    volumes: [.:/foo, foo:/bar, src:/foo]
                """);
    }

    @Test
    void b131_longSyntaxOverrideReplacesShortSyntaxWithTheSameTarget() {
        assertLoads("""
                services:
                  test:
                    volumes:
                      - {type: volume, source: data, target: /data, read_only: true}
                      - /cache
                """, """
                services:
                  test:
                    volumes: ["./local:/data:rw", /cache]
                """, """
                services:
                  test:
                    volumes: [{type: volume, source: data, target: /data, read_only: true}]
                """);
    }

    @Test
    void b131_theSameVolumeInBothFilesIsKeptOnce() {
        assertLoads("services: {test: {image: test, volumes: [./src:/src]}}",
                "services: {test: {image: test, volumes: [./src:/src]}}",
                "services: {test: {volumes: [./src:/src]}}");
    }

    @Test
    void b132_onlyLiterallyRepeatedShortPortsAreDropped() {
        assertLoads("""
                services:
                  test:
                    ports: ["9080:80", "9081:81", "5000", "6060:6060/udp", "9080:6060/udp"]
                """, """
                services:
                  test:
                    ports: ["9080:80", "9081:81", "9080:80", "5000", "6060:6060/udp", "9080:6060/udp"]
                """);
    }

    @Test
    void b132_shortPortsAreComparedAsTextNotParsed() {
        // "80" and 80 read the same, "0.0.0.0::80" means the same port but is spelled differently
        assertLoads("""
                services:
                  test:
                    ports: [80, "0.0.0.0::80"]
                """, """
                services:
                  test:
                    ports: ["80", 80]
                """, """
                services:
                  test:
                    ports: ["0.0.0.0::80", 80]
                """);
    }

    @Test
    void b132_longPortsDifferingByHostIpAreKept() {
        assertLoads("""
                services:
                  test:
                    ports:
                      - {target: 80, host_ip: 127.0.0.1, published: "8080", protocol: tcp, mode: host}
                      - {target: 81, published: "8080", protocol: tcp}
                      - {target: 80, host_ip: 127.0.0.2, published: "8080", protocol: tcp}
                """, """
                services:
                  test:
                    ports:
                      - {target: 80, host_ip: 127.0.0.1, published: "8080", protocol: tcp, mode: host}
                      - {target: 81, published: "8080", protocol: tcp}
                      - {target: 80, host_ip: 127.0.0.2, published: "8080", protocol: tcp}
                      - {target: 81, published: "8080", protocol: tcp}
                """);
    }

    @Test
    void b132_longPortsDefaultToAnyAddressAndTcp() {
        assertLoads("""
                services:
                  test:
                    ports:
                      - {target: 80, published: "8080", host_ip: 0.0.0.0, protocol: tcp, name: web}
                """, """
                services:
                  test:
                    ports: [{target: 80, published: "8080"}]
                """, """
                services:
                  test:
                    ports: [{target: 80, published: "8080", host_ip: 0.0.0.0, protocol: tcp, name: web}]
                """);
    }

    @Test
    void b133_secretsAreIdentifiedByTheirTarget() {
        assertLoads("""
                services:
                  test:
                    secrets:
                      - {source: zot, target: /run/secrets/foo}
                      - bar
                      - zot
                """, """
                services:
                  test:
                    secrets: [foo, bar, zot]
                """, """
                services:
                  test:
                    secrets: [{source: zot, target: /run/secrets/foo}]
                """);
    }

    @Test
    void b133_configsShortSyntaxMountsAtSlashSource() {
        assertLoads("""
                services:
                  test:
                    configs:
                      - {source: other, target: /app}
                      - {source: app, target: /etc/app}
                """, """
                services:
                  test:
                    configs: [app, {source: app, target: /etc/app}]
                """, """
                services:
                  test:
                    configs: [{source: other, target: /app}]
                """);
    }

    @Test
    void exposeAndDevicesAreUnique() {
        assertLoads("""
                services:
                  test:
                    expose: ["3000", 8000]
                    devices: ["/dev/sdb:/dev/xvda:r", /dev/null]
                """, """
                services:
                  test:
                    expose: ["3000", 8000]
                    devices: ["/dev/sda:/dev/xvda:rwm", /dev/null]
                """, """
                services:
                  test:
                    expose: [8000, "3000"]
                    devices: ["/dev/sdb:/dev/xvda:r", /dev/null]
                """);
    }
}
