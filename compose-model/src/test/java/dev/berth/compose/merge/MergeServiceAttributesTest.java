package dev.berth.compose.merge;

import static dev.berth.compose.merge.MergeFixtures.assertLoads;

import org.junit.jupiter.api.Test;

class MergeServiceAttributesTest {

    @Test
    void b137_longDependencyOverridesShortOne() {
        assertLoads("""
                services:
                  test:
                    image: test
                    depends_on:
                      foo: {condition: service_healthy, required: false}
                  foo: {image: foo}
                """, """
                services:
                  test: {image: test, depends_on: [foo]}
                  foo: {image: foo}
                """, """
                services:
                  test:
                    depends_on:
                      foo: {condition: service_healthy, required: false}
                """);
    }

    @Test
    void b137_overrideWithoutConditionMergesIntoTheBaseEntry() {
        assertLoads("""
                services:
                  test:
                    depends_on:
                      foo: {condition: service_healthy, required: false}
                """, """
                services:
                  test:
                    depends_on:
                      foo: {condition: service_healthy}
                """, """
                services:
                  test:
                    depends_on:
                      foo: {required: false}
                """);
    }

    @Test
    void b137_twoShortListsBecomeAMappingWithDefaults() {
        assertLoads("""
                services:
                  test:
                    depends_on:
                      a: {condition: service_started, required: true}
                      b: {condition: service_started, required: true}
                """, """
                services:
                  test: {depends_on: [a]}
                """, """
                services:
                  test: {depends_on: [b, a]}
                """);
    }

    @Test
    void b138_shortBuildThenLongBuild() {
        assertLoads("services: {test: {build: {context: src}}}",
                "services: {test: {build: .}}", "services: {test: {build: {context: src}}}");
    }

    @Test
    void b138_longBuildThenShortBuildKeepsTheOtherFields() {
        assertLoads("""
                services:
                  test:
                    build: {context: other, dockerfile: Dockerfile.dev, target: dev}
                """, """
                services:
                  test:
                    build: {context: ., dockerfile: Dockerfile.dev, target: dev}
                """, """
                services:
                  test: {build: other}
                """);
    }

    @Test
    void b139_sameDriverMergesOptions() {
        assertLoads("""
                services:
                  test:
                    logging:
                      driver: syslog
                      options: {syslog-address: "tcp://127.0.0.1:123", tag: web}
                """, """
                services:
                  test:
                    logging:
                      driver: syslog
                      options: {syslog-address: "tcp://192.168.0.42:123", tag: web}
                """, """
                services:
                  test:
                    logging:
                      driver: syslog
                      options: {syslog-address: "tcp://127.0.0.1:123"}
                """);
    }

    @Test
    void b139_differentDriverReplacesTheWholeBlock() {
        assertLoads("""
                services:
                  test:
                    logging:
                      driver: syslog
                      options: {syslog-address: "tcp://127.0.0.1:123"}
                """, """
                services:
                  test:
                    logging:
                      driver: local
                      options: {max-size: 10m}
                """, """
                services:
                  test:
                    logging:
                      driver: syslog
                      options: {syslog-address: "tcp://127.0.0.1:123"}
                """);
    }

    @Test
    void b139_driverMissingOnOneSideMergesOptions() {
        assertLoads("""
                services:
                  test:
                    logging:
                      driver: local
                      options: {max-size: 10m, max-file: 3}
                """, """
                services:
                  test:
                    logging:
                      driver: local
                      options: {max-size: 10m}
                """, """
                services:
                  test:
                    logging:
                      options: {max-file: 3}
                """);
        assertLoads("services: {test: {logging: {options: {max-size: 10m, max-file: 3}}}}",
                "services: {test: {logging: {options: {max-size: 10m}}}}",
                "services: {test: {logging: {options: {max-file: 3}}}}");
    }

    @Test
    void b140_anUlimitEntryIsReplacedWhole() {
        assertLoads("""
                services:
                  test:
                    ulimits:
                      nproc: {soft: 65535}
                      locks: {hard: 65535}
                      nofile: {soft: 10000, hard: 40000}
                      memlock: 100
                      stack: 500
                """, """
                services:
                  test:
                    ulimits:
                      nproc: 65535
                      locks: {soft: 20000, hard: 40000}
                      nofile: {soft: 20000, hard: 40000}
                      memlock: 100
                      stack: {soft: 100, hard: 200}
                """, """
                services:
                  test:
                    ulimits:
                      nproc: {soft: 65535}
                      locks: {hard: 65535}
                      nofile: {soft: 10000, hard: 40000}
                      stack: 500
                """);
    }
}
