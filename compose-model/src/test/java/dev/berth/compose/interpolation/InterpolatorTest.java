package dev.berth.compose.interpolation;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.berth.compose.ComposeError;
import dev.berth.compose.ComposeException;
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

/** Behaviours A.18–A.20, A.25: substitution over a whole document tree. */
class InterpolatorTest {

    private static YamlDocument yaml(String text) {
        return YamlReader.read("compose.yaml", text).getFirst();
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> interpolate(String text, Map<String, String> env) {
        YamlDocument doc = yaml(text);
        return (Map<String, Object>) Interpolator.interpolate(doc.root(), env::get, doc.positions());
    }

    @SuppressWarnings("unchecked")
    private static Object at(Object tree, Object... path) {
        Object v = tree;
        for (Object p : path) v = p instanceof Integer i ? ((List<Object>) v).get(i) : ((Map<String, Object>) v).get(p);
        return v;
    }

    @Test
    void a18_everyStringValueIsSubstitutedAndKeysAreNot() {
        Map<String, Object> out = interpolate("""
                services:
                  test:
                    image: example:${USER}
                    volumes: ["$FOO:/target"]
                    logging:
                      driver: ${FOO}
                      options:
                        user: $USER
                    labels:
                      ${FOO}: $FOO
                networks:
                  n:
                    driver: $FOO
                volumes:
                  v:
                    driver: ${FOO}
                """, Map.of("USER", "jenny", "FOO", "bar"));
        assertEquals("example:jenny", at(out, "services", "test", "image"));
        assertEquals("bar:/target", at(out, "services", "test", "volumes", 0));
        assertEquals("bar", at(out, "services", "test", "logging", "driver"));
        assertEquals("jenny", at(out, "services", "test", "logging", "options", "user"));
        assertEquals("bar", at(out, "services", "test", "labels", "${FOO}"));
        assertEquals("bar", at(out, "networks", "n", "driver"));
        assertEquals("bar", at(out, "volumes", "v", "driver"));
    }

    @Test
    void a18_theInputIsNotChangedAndOtherScalarsPassThrough() {
        Map<String, Object> in = new LinkedHashMap<>();
        List<Object> list = new ArrayList<>(List.of("$A", 5L, 1.5, true));
        list.add(null);
        in.put("x", list);
        Object out = Interpolator.interpolate(in, Map.of("A", "a")::get, null);
        assertEquals(List.of("$A", 5L, 1.5, true), list.subList(0, 4));
        assertEquals("a", at(out, "x", 0));
        assertEquals(5L, at(out, "x", 1));
        assertEquals(1.5, at(out, "x", 2));
        assertEquals(true, at(out, "x", 3));
        assertNull(at(out, "x", 4));
    }

    @Test
    void a19_commentsAreNotInterpolated() {
        Map<String, Object> out = interpolate("""
                # this comment mentions ${SHOULD_NOT_BREAK and ${
                services:
                  web:
                    image: busybox # ${ALSO_NOT}
                """, Map.of());
        assertEquals("busybox", at(out, "services", "web", "image"));
    }

    @Test
    void a20_invalidFormatNamesThePathAndThePosition() {
        ComposeException e = assertThrows(ComposeException.class, () -> interpolate("""
                services:
                  servicea:
                    image: "${"
                """, Map.of()));
        ComposeError err = e.errors().getFirst();
        assertEquals("invalid interpolation format for services.servicea.image.\n"
                + "You may need to escape any $ with another $.\n${", err.message());
        assertEquals(KeyPath.parse("services.servicea.image"), err.path());
        assertNotNull(err.position());
        assertEquals(3, err.position().line());
    }

    @Test
    void a20_missingRequiredVariableNamesThePath() {
        ComposeException e = assertThrows(ComposeException.class, () -> interpolate("""
                services:
                  myservice:
                    environment:
                      TESTVAR: ${FOO:?foo_}
                """, Map.of()));
        ComposeError err = e.errors().getFirst();
        assertEquals("error while interpolating services.myservice.environment.TESTVAR: "
                + "required variable FOO is missing a value: foo_", err.message());
        assertEquals(4, err.position().line());
    }

    @Test
    void a20_listElementsAreNamedByIndex() {
        ComposeException e = assertThrows(ComposeException.class, () -> interpolate("""
                services:
                  s:
                    ports:
                      - "80:80"
                      - "${PORT:?set PORT}:81"
                """, Map.of()));
        assertEquals(KeyPath.parse("services.s.ports[1]"), e.errors().getFirst().path());
        assertEquals(5, e.errors().getFirst().position().line());
    }

    @Test
    void a20_unsetVariablesAreReportedOncePerUse() {
        YamlDocument doc = yaml("services: {a: {image: \"$NOPE\", command: \"${FOO:-$ALSO}\"}}");
        List<String> unset = new ArrayList<>();
        Interpolator.interpolate(doc.root(), name -> null, doc.positions(), unset::add);
        assertEquals(List.of("NOPE", "ALSO"), unset);
    }

    @Test
    void a25_projectNameIsInterpolated() {
        Map<String, Object> out = interpolate("name: test-${TEST}-test\nservices: {}\n", Map.of("TEST", "expected"));
        assertEquals("test-expected-test", out.get("name"));
    }

    @Test
    void tagMarkersPassThroughAndOverrideValuesAreSubstituted() {
        Map<String, Object> out = interpolate("""
                services:
                  a:
                    build: !reset
                    command: !override ["${X}"]
                """, Map.of("X", "echo"));
        assertSame(ResetTag.INSTANCE, at(out, "services", "a", "build"));
        OverrideTag tag = assertInstanceOf(OverrideTag.class, at(out, "services", "a", "command"));
        assertEquals(List.of("echo"), tag.value());
    }

    @Test
    void errorInsideAnOverrideTagKeepsItsPath() {
        ComposeException e = assertThrows(ComposeException.class, () -> interpolate("""
                services:
                  a:
                    command: !override ["${X?needed}"]
                """, Map.of()));
        assertEquals(KeyPath.parse("services.a.command[0]"), e.errors().getFirst().path());
    }

    @Test
    void aThousandServicesAreWalked() {
        StringBuilder sb = new StringBuilder("services:\n");
        for (int i = 0; i < 1000; i++) {
            sb.append("  s").append(i).append(":\n    image: img:${TAG:-latest}\n    environment: [\"N=").append(i).append("\"]\n");
        }
        Map<String, Object> out = interpolate(sb.toString(), Map.of("TAG", "1.0"));
        assertEquals("img:1.0", at(out, "services", "s999", "image"));
        assertEquals("N=999", at(out, "services", "s999", "environment", 0));
    }
}
