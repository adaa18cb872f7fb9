package dev.berth.compose.interpolation;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertSame;

import dev.berth.compose.tree.OverrideTag;
import dev.berth.compose.yaml.YamlDocument;
import dev.berth.compose.yaml.YamlReader;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

/** Behaviours A.21–A.23 and D.67: typed fields are cast after interpolation. */
class TypeCastsTest {

    private static Object load(String yaml, Map<String, String> env) {
        YamlDocument doc = YamlReader.read("compose.yaml", yaml).getFirst();
        return TypeCasts.apply(Interpolator.interpolate(doc.root(), env::get, doc.positions()));
    }

    @SuppressWarnings("unchecked")
    private static Object at(Object tree, Object... path) {
        Object v = tree;
        for (Object p : path) v = p instanceof Integer i ? ((List<Object>) v).get(i) : ((Map<String, Object>) v).get(p);
        return v;
    }

    @Test
    void a21_interpolatedNumbersAndBooleansGetTheirType() {
        Object out = load("""
                services:
                  web:
                    deploy:
                      replicas: "$count"
                    depends_on:
                      db:
                        condition: service_started
                        required: "$REQUIRED"
                """, Map.of("count", "5", "REQUIRED", "true"));
        assertEquals(5L, at(out, "services", "web", "deploy", "replicas"));
        assertEquals(true, at(out, "services", "web", "depends_on", "db", "required"));
        assertEquals("service_started", at(out, "services", "web", "depends_on", "db", "condition"));
    }

    @Test
    void a22_theCastTable() {
        Object out = load("""
                services:
                  test:
                    image: busybox
                    ports: [{target: "$theint", published: "$theint"}]
                    healthcheck:
                      retries: ${theint}
                    deploy:
                      update_config:
                        max_failure_ratio: $thefloat
                    ulimits:
                      nproc: $theint
                      nofile: {soft: $theint, hard: "$theint"}
                    privileged: $thebool
                    read_only: $thebool
                    tty: $thebool
                    stdin_open: $thebool
                    cpus: $thefloat
                    shm_size: ${thesize}
                    stop_grace_period: ${theduration}
                    secrets:
                      - source: super
                        mode: "$theint"
                    volumes:
                      - {type: volume, source: v, target: /v, read_only: $thebool, volume: {nocopy: $thebool}}
                networks:
                  front: {external: $thebool, internal: $thebool, attachable: $thebool}
                volumes:
                  v: {external: $thebool}
                secrets:
                  super: {external: $thebool}
                configs:
                  c: {external: $thebool}
                """, Map.of("theint", "555", "thefloat", "3.14", "thebool", "true",
                "theduration", "60s", "thesize", "2gb"));
        Object svc = at(out, "services", "test");
        assertEquals(555L, at(svc, "ports", 0, "target"));
        assertEquals("555", at(svc, "ports", 0, "published"), "published stays a string");
        assertEquals(555L, at(svc, "healthcheck", "retries"));
        assertEquals(3.14, at(svc, "deploy", "update_config", "max_failure_ratio"));
        assertEquals(555L, at(svc, "ulimits", "nproc"));
        assertEquals(555L, at(svc, "ulimits", "nofile", "soft"));
        assertEquals(555L, at(svc, "ulimits", "nofile", "hard"));
        for (String key : List.of("privileged", "read_only", "tty", "stdin_open")) assertEquals(true, at(svc, key), key);
        assertEquals(3.14, at(svc, "cpus"));
        assertEquals("2gb", at(svc, "shm_size"), "sizes are the normalizer's job");
        assertEquals("60s", at(svc, "stop_grace_period"), "durations are the normalizer's job");
        assertEquals(0555L, at(svc, "secrets", 0, "mode"), "file modes are octal");
        assertEquals(true, at(svc, "volumes", 0, "read_only"));
        assertEquals(true, at(svc, "volumes", 0, "volume", "nocopy"));
        for (String key : List.of("external", "internal", "attachable")) assertEquals(true, at(out, "networks", "front", key));
        assertEquals(true, at(out, "volumes", "v", "external"));
        assertEquals(true, at(out, "secrets", "super", "external"));
        assertEquals(true, at(out, "configs", "c", "external"));
    }

    @Test
    void a23_scaleFromAVariable() {
        Object out = load("services: {foo: {image: busybox, scale: '${FOO_SCALE}'}}", Map.of("FOO_SCALE", "2"));
        assertEquals(2L, at(out, "services", "foo", "scale"));
    }

    @ParameterizedTest
    @CsvSource({"yes,true", "Yes,true", "y,true", "ON,true", "true,true", "TRUE,true",
        "no,false", "N,false", "off,false", "False,false"})
    void d67_legacyYamlBooleansAreAcceptedWhereABooleanIsExpected(String text, boolean expected) {
        Object out = load("services: {foo: {image: busybox, init: " + text + "}}", Map.of());
        assertEquals(expected, at(out, "services", "foo", "init"));
    }

    @ParameterizedTest
    @CsvSource({"0440,288", "440,288", "0755,493", "555,365"})
    void a22_fileModesInSecretsAndConfigsAreOctal(String mode, long expected) {
        Object out = load("services: {foo: {secrets: [{source: s, mode: \"" + mode + "\"}],"
                + " configs: [{source: c, mode: \"" + mode + "\"}]}}", Map.of());
        assertEquals(expected, at(out, "services", "foo", "secrets", 0, "mode"));
        assertEquals(expected, at(out, "services", "foo", "configs", 0, "mode"));
    }

    @Test
    void valuesThatDoNotParseAreLeftForTheSchemaCheck() {
        Object out = load("""
                services:
                  foo:
                    init: maybe
                    scale: "2.5"
                    cpus: "1.5f"
                    cpu_count: " 2"
                    secrets: [{source: s, mode: "0999"}]
                    ports: [{target: "80x"}]
                """, Map.of());
        Object svc = at(out, "services", "foo");
        assertEquals("maybe", at(svc, "init"));
        assertEquals("2.5", at(svc, "scale"));
        assertEquals("1.5f", at(svc, "cpus"));
        assertEquals(" 2", at(svc, "cpu_count"));
        assertEquals("0999", at(svc, "secrets", 0, "mode"));
        assertEquals("80x", at(svc, "ports", 0, "target"));
    }

    @Test
    void untypedPathsAndNonStringValuesAreUntouched() {
        Object out = load("""
                services:
                  foo:
                    image: "5"
                    environment: {REPLICAS: "5", ON: "yes"}
                    scale: 3
                    labels: ["true"]
                x-scale: "5"
                """, Map.of());
        assertEquals("5", at(out, "services", "foo", "image"));
        assertEquals("5", at(out, "services", "foo", "environment", "REPLICAS"));
        assertEquals("yes", at(out, "services", "foo", "environment", "ON"));
        assertEquals(3L, at(out, "services", "foo", "scale"));
        assertEquals("true", at(out, "services", "foo", "labels", 0));
        assertEquals("5", at(out, "x-scale"));
    }

    @Test
    void preStartHooksAndOverrideTagsAreCastToo() {
        Object out = load("""
                services:
                  foo:
                    privileged: !override "yes"
                    pre_start:
                      - image: busybox
                        privileged: "on"
                        read_only: "off"
                """, Map.of());
        OverrideTag tag = assertInstanceOf(OverrideTag.class, at(out, "services", "foo", "privileged"));
        assertEquals(true, tag.value());
        assertEquals(true, at(out, "services", "foo", "pre_start", 0, "privileged"));
        assertEquals(false, at(out, "services", "foo", "pre_start", 0, "read_only"));
    }

    @Test
    void theInputTreeIsNotModifiedAndAnUnchangedTreeIsReturnedAsIs() {
        YamlDocument doc = YamlReader.read("c.yaml", "services: {foo: {init: 'yes', image: x}}").getFirst();
        Object before = doc.root();
        Object out = TypeCasts.apply(before);
        assertEquals("yes", at(before, "services", "foo", "init"));
        assertEquals(true, at(out, "services", "foo", "init"));

        YamlDocument plain = YamlReader.read("c.yaml", "services: {foo: {init: true, image: x}}").getFirst();
        assertSame(plain.root(), TypeCasts.apply(plain.root()));
    }

    @Test
    void numberFormsGoAccepts() {
        Object out = load("""
                services:
                  foo:
                    cpu_shares: "+512"
                    oom_score_adj: "-500"
                    cpu_percent: "1e1"
                    deploy: {update_config: {max_failure_ratio: ".5"}}
                """, Map.of());
        assertEquals(512L, at(out, "services", "foo", "cpu_shares"));
        assertEquals(-500L, at(out, "services", "foo", "oom_score_adj"));
        assertEquals(10.0, at(out, "services", "foo", "cpu_percent"));
        assertEquals(0.5, at(out, "services", "foo", "deploy", "update_config", "max_failure_ratio"));
    }
}
