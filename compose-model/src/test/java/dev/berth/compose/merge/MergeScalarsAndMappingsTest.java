package dev.berth.compose.merge;

import static dev.berth.compose.merge.MergeFixtures.assertLoads;

import org.junit.jupiter.api.Test;

class MergeScalarsAndMappingsTest {

    @Test
    void b126_laterScalarsReplaceEarlierOnes() {
        assertLoads("""
                services:
                  test: {image: bar, scale: 2}
                """, """
                services:
                  test: {image: foo, scale: 1}
                """, """
                services:
                  test: {image: bar}
                """, """
                services:
                  test: {scale: 2}
                """);
    }

    @Test
    void b126_memoryLimitReplacedWhateverItsType() {
        assertLoads("services: {test: {mem_limit: 256m}}",
                "services: {test: {mem_limit: 1}}", "services: {test: {mem_limit: '256m'}}");
        assertLoads("services: {test: {mem_limit: 1}}",
                "services: {test: {mem_limit: '256m'}}", "services: {test: {mem_limit: 1}}");
    }

    @Test
    void b127_extensionMappingsMergeKeyByKey() {
        assertLoads("""
                x-extension: {test1: first, test2: second}
                services:
                  foo: {image: busybox, command: echo world, init: false}
                """, """
                x-extension: {test1: first}
                services:
                  foo: {image: busybox, command: echo hello, init: true}
                """, """
                x-extension: {test2: second}
                services:
                  foo: {command: echo world, init: false}
                """);
    }

    @Test
    void b127_topLevelResourcesMergeKeyByKey() {
        assertLoads("""
                name: second
                networks:
                  front: {driver: bridge, attachable: true}
                  back: {}
                volumes:
                  data: {driver: local, external: false}
                """, """
                name: first
                networks:
                  front: {driver: bridge}
                volumes:
                  data: {driver: local}
                """, """
                name: second
                networks:
                  front: {attachable: true}
                  back: {}
                volumes:
                  data: {external: false}
                """);
    }

    @Test
    void b128_commandAndEntrypointAreReplacedNotAppended() {
        assertLoads("""
                services:
                  test:
                    command: [echo, world]
                    entrypoint: [/bin/bash, -c]
                """, """
                services:
                  test:
                    command: [echo, hello, there]
                    entrypoint: [/bin/sh]
                """, """
                services:
                  test:
                    command: [echo, world]
                    entrypoint: [/bin/bash, -c]
                """);
    }

    @Test
    void b128_shortCommandOverListCommand() {
        assertLoads("services: {test: {command: echo world}}",
                "services: {test: {command: [echo, hello]}}", "services: {test: {command: echo world}}");
    }

    @Test
    void b128_healthcheckTestIsReplacedWhileOtherFieldsMerge() {
        assertLoads("""
                services:
                  test:
                    healthcheck:
                      test: [CMD, curl, -f, http://localhost]
                      interval: 10s
                      retries: 5
                """, """
                services:
                  test:
                    healthcheck:
                      test: [CMD-SHELL, exit 0]
                      interval: 30s
                """, """
                services:
                  test:
                    healthcheck:
                      test: [CMD, curl, -f, http://localhost]
                      interval: 10s
                      retries: 5
                """);
    }
}
