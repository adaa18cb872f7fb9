package dev.berth.compose.normalize;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.berth.compose.ComposeException;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Section F: ports. */
class PortSpecTest {

    /** 98: the short syntax table. */
    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "80              | {mode=ingress, target=80, protocol=tcp}",
        "80:8080         | {mode=ingress, target=8080, published=80, protocol=tcp}",
        "8080:80/tcp     | {mode=ingress, target=80, published=8080, protocol=tcp}",
        "80:8080/udp     | {mode=ingress, target=8080, published=80, protocol=udp}",
        "1.1.1.1:80:80   | {mode=ingress, host_ip=1.1.1.1, target=80, published=80, protocol=tcp}",
        "[::1]:80:80     | {mode=ingress, host_ip=::1, target=80, published=80, protocol=tcp}",
        "127.0.0.1::80   | {mode=ingress, host_ip=127.0.0.1, target=80, protocol=tcp}",
    })
    void b98_shortSyntax(String spec, String expected) {
        List<Map<String, Object>> ports = PortSpec.parse(spec);
        assertEquals(1, ports.size());
        assertEquals(expected, ports.getFirst().toString());
    }

    /** 99: a range on both sides expands; a host range for one container port stays one entry. */
    @Test
    void b99_ranges() {
        List<Map<String, Object>> three = PortSpec.parse("80-82:8080-8082");
        assertEquals(List.of(8080L, 8081L, 8082L), three.stream().map(p -> p.get("target")).toList());
        assertEquals(List.of("80", "81", "82"), three.stream().map(p -> p.get("published")).toList());
        assertEquals("[{mode=ingress, target=8080, published=80-90, protocol=tcp}]", PortSpec.parse("80-90:8080").toString());
        assertEquals("[{mode=ingress, target=8080, published=80-82, protocol=udp}]", PortSpec.parse("80-82:8080/udp").toString());
        assertEquals("[{mode=ingress, target=8080, published=80, protocol=tcp}]", PortSpec.parse("80-80:8080/tcp").toString());
        assertEquals(6, PortSpec.parse("3001-3006").size());
    }

    /** 100: nat's error messages. */
    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "9999999         | Invalid containerPort: 9999999",
        "80/xyz          | Invalid proto: xyz",
        "tcp             | Invalid containerPort: tcp",
        "''              | No port specified: <empty>",
        "127.0.1:8080:80 | Invalid ip address: 127.0.1",
        "80-81:90-95     | Invalid ranges specified for container and host Ports: 90-95 and 80-81",
    })
    void b100_errors(String spec, String message) {
        assertEquals(message, assertThrows(IllegalArgumentException.class, () -> PortSpec.parse(spec)).getMessage());
    }

    /** 100: in a document the error carries the key path, and the position when a locator gives one. */
    @Test
    void b100_errorHasPathAndPosition() {
        ComposeException e = assertThrows(ComposeException.class, () -> Docs.service("ports: [\"80/xyz\"]"));
        assertEquals("services.s.ports: Invalid proto: xyz", e.getMessage());
        dev.berth.compose.yaml.YamlDocument doc = dev.berth.compose.yaml.YamlReader.read("c.yml",
                "services:\n  s:\n    ports:\n      - \"80/xyz\"\n").getFirst();
        @SuppressWarnings("unchecked")
        Map<String, Object> root = (Map<String, Object>) doc.root();
        ComposeException located = assertThrows(ComposeException.class,
                () -> Canonical.transform(root, doc.positions()::find));
        assertEquals("c.yml:3:5: services.s.ports: Invalid proto: xyz", located.getMessage());
    }

    /** 101: long syntax gets mode and protocol; published becomes a string; name, app_protocol, x-* kept. */
    @Test
    void b101_longSyntaxDefaults() {
        Map<String, Object> s = Docs.service("""
                ports:
                  - target: 80
                    published: 8080
                  - {target: 81, mode: host, name: web, app_protocol: http, x-foo-bar: 1}
                  - 3000
                """);
        assertEquals("[{target=80, published=8080, mode=ingress, protocol=tcp}, "
                + "{target=81, mode=host, name=web, app_protocol=http, x-foo-bar=1, protocol=tcp}, "
                + "{target=3000, mode=ingress, protocol=tcp}]", s.get("ports").toString());
        assertEquals("8080", ((Map<?, ?>) ((List<?>) s.get("ports")).getFirst()).get("published"));
    }

    /** 102: when interpolation is skipped, a ports list that does not parse is kept as written. */
    @Test
    void b102_unparsableKeptWithoutInterpolation() {
        Map<String, Object> doc = Docs.yaml("services: {s: {ports: [\"${HOST_IP}:${HOST_PORT}:80\", \"81\"]}}");
        Map<?, ?> s = (Map<?, ?>) ((Map<?, ?>) Canonical.transform(doc, p -> null, true).get("services")).get("s");
        assertEquals(List.of("${HOST_IP}:${HOST_PORT}:80", "81"), s.get("ports"));
        assertThrows(ComposeException.class, () -> Canonical.transform(doc));
    }
}
