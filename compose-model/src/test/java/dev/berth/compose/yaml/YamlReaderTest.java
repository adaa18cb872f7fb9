package dev.berth.compose.yaml;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.berth.compose.ComposeException;
import dev.berth.compose.tree.KeyPath;
import dev.berth.compose.tree.OverrideTag;
import dev.berth.compose.tree.Position;
import dev.berth.compose.tree.ResetTag;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class YamlReaderTest {

    @SuppressWarnings("unchecked")
    private static Map<String, Object> read(String yaml) {
        return (Map<String, Object>) YamlReader.read("compose.yaml", yaml).getFirst().root();
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> svc(Map<String, Object> root, String name) {
        return (Map<String, Object>) ((Map<String, Object>) root.get("services")).get(name);
    }

    @Test
    void scalarsFollowComposeGoNotYaml11() {
        Map<String, Object> s = svc(read("""
                services:
                  a:
                    init: yes
                    tty: on
                    privileged: true
                    ports: [22:22]
                    mode: 0755
                    hex: 0x1F
                    count: 12
                    ratio: 0.5
                    nothing: ~
                    empty:
                    quoted: "0755"
                    dec: 09
                """), "a");
        assertEquals("yes", s.get("init"), "yes stays a string (behaviour 67 casts it later, by path)");
        assertEquals("on", s.get("tty"));
        assertEquals(Boolean.TRUE, s.get("privileged"));
        assertEquals(List.of("22:22"), s.get("ports"), "no sexagesimal: 22:22 is a string");
        assertEquals(493L, s.get("mode"), "0755 is octal");
        assertEquals(31L, s.get("hex"));
        assertEquals(12L, s.get("count"));
        assertEquals(0.5, s.get("ratio"));
        assertNull(s.get("nothing"));
        assertTrue(s.containsKey("empty"));
        assertNull(s.get("empty"));
        assertEquals("0755", s.get("quoted"));
        assertEquals(9.0, s.get("dec"), "09 is not octal: like Go, it falls back to a float");
    }

    @Test
    void anchorsAliasesAndMergeKeys() { // behaviour 69
        Map<String, Object> root = read("""
                x-common: &common
                  restart: unless-stopped
                  environment: {A: "1"}
                x-more: &more
                  restart: always
                  labels: [x]
                services:
                  a:
                    <<: *common
                    image: a
                  b:
                    <<: [*common, *more]
                    restart: "no"
                    image: b
                  c: *common
                """);
        assertEquals("unless-stopped", svc(root, "a").get("restart"));
        assertEquals("a", svc(root, "a").get("image"));
        assertEquals("no", svc(root, "b").get("restart"), "explicit keys win over merged ones");
        assertEquals(List.of("x"), svc(root, "b").get("labels"));
        assertEquals(Map.of("A", "1"), svc(root, "c").get("environment"));
        assertTrue(root.containsKey("x-common"), "x- extensions are kept");
    }

    @Test
    void duplicateKeysAreErrorsWithBothLines() { // behaviour 66
        ComposeException e = assertThrows(ComposeException.class, () -> read("""
                services:
                  a:
                    image: a
                    command: one
                    command: two
                """));
        assertTrue(e.getMessage().contains("line 5: mapping key \"command\" already defined at line 4"), e.getMessage());
        assertEquals(new Position("compose.yaml", 5, 5), e.errors().getFirst().position());
        assertEquals(KeyPath.parse("services.a.command"), e.errors().getFirst().path());
    }

    @Test
    void tabIndentationIsRejectedWithItsPlace() { // behaviour 66
        ComposeException e = assertThrows(ComposeException.class, () -> read("services:\n\ta:\n\t\timage: x\n"));
        assertTrue(e.getMessage().contains("tab character"), e.getMessage());
        assertEquals(2, e.errors().getFirst().position().line());
    }

    @Test
    void nonStringKeysNameTheirPlace() { // behaviour 58
        assertTrue(assertThrows(ComposeException.class, () -> read("123: x\n")).getMessage()
                .contains("non-string key at top level: 123"));
        assertTrue(assertThrows(ComposeException.class, () -> read("services:\n  123:\n    image: x\n")).getMessage()
                .contains("non-string key in services: 123"));
        assertTrue(assertThrows(ComposeException.class,
                () -> read("services:\n  dict-env:\n    environment:\n      1: FOO\n")).getMessage()
                .contains("non-string key in services.dict-env.environment: 1"));
    }

    @Test
    void resetAndOverrideTagsBecomeMarkers() { // behaviours 141, 142
        Map<String, Object> s = svc(read("""
                services:
                  a:
                    build: !reset
                    ports: !reset []
                    networks: !override [front]
                """), "a");
        assertEquals(ResetTag.INSTANCE, s.get("build"));
        assertEquals(ResetTag.INSTANCE, s.get("ports"));
        assertEquals(new OverrideTag(List.of("front")), s.get("networks"));
    }

    @Test
    void selfReferencingAnchorIsACycle() { // behaviour 69
        ComposeException e = assertThrows(ComposeException.class, () -> read("""
                x-healthcheck: &hc
                  egress-service: &svc
                    - *svc
                services: {}
                """));
        assertTrue(e.getMessage().contains("cycle detected"), e.getMessage());
    }

    @Test
    void aliasBombsAreBounded() { // behaviour 69
        StringBuilder y = new StringBuilder("a: &a [x, x, x, x, x, x, x, x, x, x]\n");
        char prev = 'a';
        for (char c = 'b'; c <= 'i'; c++) {
            y.append(c).append(": &").append(c).append(" [");
            for (int i = 0; i < 10; i++) y.append(i == 0 ? "" : ", ").append('*').append(prev);
            y.append("]\n");
            prev = c;
        }
        ComposeException e = assertThrows(ComposeException.class, () -> read(y.toString()));
        assertTrue(e.getMessage().contains("maximum node visit limit"), e.getMessage());
    }

    @Test
    void multiDocumentFilesGiveOneDocumentEach() { // behaviour 68
        List<YamlDocument> docs = YamlReader.read("f.yaml", "services: {a: {image: nginx:latest}}\n---\nservices: {a: {image: nginx:override}}\n");
        assertEquals(2, docs.size());
    }

    @Test
    void positionsAreRecordedByPath() {
        YamlDocument doc = YamlReader.read("c.yaml", "services:\n  web:\n    ports:\n      - \"80\"\n      - bad\n").getFirst();
        assertEquals(new Position("c.yaml", 5, 9), doc.positions().find(KeyPath.parse("services.web.ports[1]")));
        assertEquals(new Position("c.yaml", 2, 3), doc.positions().find(KeyPath.parse("services.web")));
        assertInstanceOf(Map.class, doc.root());
    }

    @Test
    void utf8BomIsIgnored() {
        assertEquals("x", svc(read("\uFEFFservices:\n  a:\n    image: x\n"), "a").get("image"));
    }
}
