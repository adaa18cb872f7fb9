package dev.berth.compose.schema;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.berth.compose.ComposeError;
import dev.berth.compose.tree.KeyPath;
import dev.berth.compose.tree.OverrideTag;
import dev.berth.compose.tree.ResetTag;
import dev.berth.compose.yaml.YamlDocument;
import dev.berth.compose.yaml.YamlReader;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class SchemaValidatorTest {

    private static List<ComposeError> validate(String yaml) {
        YamlDocument doc = YamlReader.read("compose.yaml", yaml).getFirst();
        return SchemaValidator.validate(doc.root(), doc.positions());
    }

    private static ComposeError single(String yaml) {
        List<ComposeError> errors = validate(yaml);
        assertEquals(1, errors.size(), () -> "expected one error, got " + errors);
        return errors.getFirst();
    }

    private static void assertValid(String yaml) {
        List<ComposeError> errors = validate(yaml);
        assertTrue(errors.isEmpty(), () -> "expected valid, got " + errors);
    }

    private static String text(ComposeError e) {
        return SchemaValidator.composeGoText(e);
    }

    @Test
    void minimalServiceIsValid() {
        assertValid("services:\n  foo:\n    image: busybox\n");
    }

    // behaviour 57
    @ParameterizedTest
    @ValueSource(strings = {"1", "hello", "[hello]"})
    void topLevelMustBeAMapping(String yaml) {
        ComposeError e = single(yaml);
        assertTrue(e.message().startsWith("top-level object must be a mapping"), e.message());
        assertEquals(KeyPath.ROOT, e.path());
    }

    // behaviour 59
    @Test
    void servicesMustBeAMapping() {
        ComposeError e = single("services:\n  - foo\n");
        assertEquals("services must be a mapping, got a list", text(e));
        assertEquals(KeyPath.of("services"), e.path());
        assertNotNull(e.position());
        assertEquals(1, e.position().line(), "the position of the services key");
    }

    // behaviour 59
    @ParameterizedTest
    @ValueSource(strings = {"services", "networks", "volumes"})
    void resourceMustBeAMapping(String section) {
        ComposeError e = single(section + ":\n  foo: busybox\n");
        assertTrue(text(e).startsWith(section + ".foo must be a mapping"), text(e));
    }

    // behaviour 59
    @Test
    void imageMustBeAString() {
        ComposeError e = single("services:\n  foo:\n    image: [a, b]\n");
        assertEquals("services.foo.image must be a string, got a list", text(e));
        assertEquals(3, e.position().line());
        assertEquals("compose.yaml", e.position().file());
    }

    // behaviour 59
    @Test
    void projectNameMustBeAString() {
        ComposeError e = single("name: 123\nservices: {}\n");
        assertTrue(text(e).startsWith("name must be a string"), text(e));
    }

    // behaviour 60
    @Test
    void unknownTopLevelKeyIsRejected() {
        ComposeError e = single("helicopters:\n  foo:\n    image: busybox\n");
        assertEquals("additional properties 'helicopters' not allowed", text(e));
        assertEquals(KeyPath.of("helicopters"), e.path());
        assertEquals(1, e.position().line());
    }

    // behaviour 60
    @Test
    void unknownNestedKeyIsRejectedWithHint() {
        ComposeError e = single("""
                services:
                  foo:
                    image: busybox
                    deploy:
                      resources:
                        impossible: true
                """);
        assertTrue(text(e).startsWith("services.foo.deploy.resources additional properties 'impossible' not allowed"), text(e));
        ComposeError typo = single("services:\n  foo:\n    imgae: busybox\n");
        assertTrue(typo.message().contains("did you mean 'image'?"), typo.message());
    }

    // behaviour 60
    @Test
    void extensionsAreAllowedEverywhereTheSchemaSaysSo() {
        assertValid("""
                x-extra-stuff: {}
                services:
                  bar:
                    x-extra-stuff: {}
                    image: busybox
                    healthcheck:
                      x-healthcheck: 1
                    develop:
                      x-dev: 1
                  foo:
                    image: busybox
                    depends_on:
                      x-dependency:
                        condition: service_started
                        x-depends-on: 1
                volumes:
                  bar:
                    x-extra-stuff: {}
                networks:
                  bar:
                    x-extra-stuff: {}
                configs:
                  bar:
                    x-extra-stuff: {}
                    x-config-ext: 1
                secrets:
                  bar:
                    x-extra-stuff: {}
                """);
    }

    // behaviour 61: an x- name under services is a service, checked as one
    @Test
    void xNamedServiceIsAService() {
        assertValid("services:\n  x-foo:\n    image: busybox\n  extension:\n    image: busybox\n");
        ComposeError e = single("services:\n  x-foo:\n    helicopters: 1\n");
        assertEquals("services.x-foo additional properties 'helicopters' not allowed", text(e));
    }

    // behaviour 62: extensions on every owner validate
    @Test
    void extensionsOnTheirOwnersValidate() {
        assertValid("""
                x-project: p
                services:
                  s:
                    image: busybox
                    x-foo: bar
                configs:
                  c:
                    file: ./c
                    x-config-ext: 1
                """);
    }

    // behaviour 64
    @Test
    void legacyV1FormatIsRejected() {
        ComposeError e = single("foo:\n  image: busybox\n");
        assertEquals("additional properties 'foo' not allowed", text(e));
    }

    // behaviour 79
    @Test
    void environmentValueTypes() {
        assertValid("services:\n  s:\n    image: a\n    environment:\n      FOO: true\n      N: 1\n      F: 2.5\n      E:\n");
        ComposeError e = single("services:\n  dict-env:\n    image: a\n    environment:\n      FOO: [\"1\"]\n");
        assertEquals("services.dict-env.environment.FOO must be a boolean, null, number or string, got a list", text(e));
        ComposeError notMapping = single("services:\n  dict-env:\n    image: a\n    environment: FOO=1\n");
        assertTrue(text(notMapping).startsWith("services.dict-env.environment must be a mapping"), text(notMapping));
    }

    // behaviour 84 (the schema part): tmpfs size is an integer >= 0 or a string
    @Test
    void tmpfsSizeBounds() {
        String base = "services:\n  s:\n    image: a\n    volumes:\n      - type: tmpfs\n        target: /t\n        tmpfs:\n          size: ";
        assertValid(base + "0\n");
        assertValid(base + "1kb\n");
        assertValid(base + "1024\n");
        assertEquals("services.s.volumes.0.tmpfs.size must be greater than or equal to 0, got -1", text(single(base + "-1\n")));
        assertTrue(text(single(base + "0.0001\n")).startsWith("services.s.volumes.0.tmpfs.size must be a integer"));
    }

    // behaviour 84: memory fields take numbers or strings
    @Test
    void memoryFieldsTakeNumbersOrStrings() {
        assertValid("services:\n  s:\n    image: a\n    mem_limit: 512m\n    memswap_limit: -1\n    shm_size: 2gb\n");
        assertTrue(single("services:\n  s:\n    image: a\n    mem_limit: true\n").message().startsWith("must be a number or string"));
    }

    // behaviour 96
    @Test
    void developWatchNeedsAnAction() {
        ComposeError e = single("""
                services:
                  frontend:
                    image: a
                    develop:
                      watch:
                        - path: ./src
                """);
        assertEquals("services.frontend.develop.watch.0 missing property 'action'", text(e));
        assertEquals(KeyPath.parse("services.frontend.develop.watch[0]"), e.path());
        ComposeError bad = single("""
                services:
                  frontend:
                    image: a
                    develop:
                      watch:
                        - path: ./src
                          action: teleport
                """);
        assertTrue(bad.message().startsWith("must be one of 'rebuild', 'sync', 'restart', 'sync+restart', 'sync+exec'"),
                bad.message());
    }

    // behaviour 24
    @Test
    void variablesAreAcceptedInTypedFields() {
        assertValid("""
                services:
                  s:
                    image: ${IMAGE}
                    privileged: ${PRIV}
                    cpus: ${CPUS}
                    ports: ["${PORT}:80"]
                    ulimits:
                      nofile:
                        soft: ${SOFT}
                        hard: ${HARD}
                    deploy:
                      replicas: ${N}
                volumes:
                  v:
                    external: ${EXT}
                """);
    }

    @Test
    void allErrorsAreReported() {
        List<ComposeError> errors = validate("""
                helicopters: 1
                services:
                  a:
                    image: [x]
                    cgroup: nope
                    privileged: 3
                """);
        assertEquals(4, errors.size(), errors::toString);
    }

    @Test
    void enumAndPatternAndRequired() {
        assertTrue(single("services:\n  s:\n    cgroup: nope\n").message().startsWith("must be one of 'host', 'private'"));
        assertTrue(single("services:\n  s:\n    container_name: '-'\n").message().contains("does not match pattern"));
        assertTrue(single("services:\n  s:\n    pull_policy: sometimes\n").message().contains("does not match pattern"));
        assertValid("services:\n  s:\n    pull_policy: every_12h\n");
        assertEquals("services.s.ulimits.nofile missing properties 'soft', 'hard'",
                text(single("services:\n  s:\n    ulimits:\n      nofile: {}\n")));
        assertEquals("services.s.post_start.0 missing property 'command'",
                text(single("services:\n  s:\n    post_start:\n      - user: root\n")));
        assertValid("services:\n  s:\n    pre_start:\n      - image: alpine\n        per_replica: true\n");
    }

    @Test
    void uniqueItemsComparesAsJson() {
        assertTrue(single("services:\n  s:\n    expose: [80, 80.0]\n").message().startsWith("items at 0 and 1 are equal"));
        assertValid("services:\n  s:\n    expose: [80, '80']\n");
    }

    @Test
    void oneOfReportsTheMostSpecificError() {
        ComposeError e = single("services:\n  s:\n    depends_on:\n      db:\n        condition: later\n");
        assertEquals(KeyPath.parse("services.s.depends_on.db.condition"), e.path());
        ComposeError shape = single("services:\n  s:\n    command: 12\n");
        assertEquals("must be a null, string or list, got an integer", shape.message());
    }

    @Test
    void tagMarkers() {
        Map<String, Object> service = new LinkedHashMap<>();
        service.put("image", ResetTag.INSTANCE);
        service.put("ports", new OverrideTag(new ArrayList<>(List.of(80L))));
        Map<String, Object> doc = Map.of("services", Map.of("s", service));
        assertTrue(SchemaValidator.isValid(doc));
        service.put("ports", new OverrideTag("80"));
        List<ComposeError> errors = SchemaValidator.validate(doc, null);
        assertEquals(1, errors.size());
        assertEquals(KeyPath.parse("services.s.ports"), errors.getFirst().path());
        // a !reset key counts as absent: a required key reset is missing
        Map<String, Object> dep = new LinkedHashMap<>(Map.of("condition", ResetTag.INSTANCE));
        assertFalse(SchemaValidator.isValid(Map.of("services", Map.of("s", Map.of("depends_on", Map.of("db", dep))))));
    }

    @Test
    void serviceDefinitionHasEveryKey() {
        assertEquals(93, ServiceDefinition.SERVICE.propertyNames().size(), "92 spec keys + compose-go's pre_start");
    }

    @Test
    void largeDocumentValidates() {
        StringBuilder yaml = new StringBuilder("services:\n");
        for (int i = 0; i < 1000; i++) {
            yaml.append("  s").append(i).append(":\n    image: busybox\n    ports: ['80']\n    environment: {A: b}\n")
                    .append("    depends_on: {s0: {condition: service_started}}\n");
        }
        yaml.append("  bad:\n    image: 1\n");
        assertEquals(1, validate(yaml.toString()).size());
    }
}
