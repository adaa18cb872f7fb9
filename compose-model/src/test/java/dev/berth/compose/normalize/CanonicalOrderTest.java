package dev.berth.compose.normalize;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Keys in compose-go's marshalling order (the golden order is checked by FullExampleGoldenTest). */
class CanonicalOrderTest {

    @Test
    void structFieldsInDeclarationOrderMapsSortedExtensionsLast() {
        Map<String, Object> doc = CanonicalOrder.order(Docs.yaml("""
                x-b: 1
                volumes: {v: {}}
                x-a: 2
                services:
                  web:
                    x-ext: 1
                    ports: [{protocol: tcp, target: 80, mode: ingress, published: "8080"}]
                    image: nginx
                    environment: {ZED: "1", ALPHA: "2"}
                    build: {args: {b: "1", a: "2"}, context: .}
                  api: {image: api}
                name: demo
                """));
        assertEquals(List.of("name", "services", "volumes", "x-a", "x-b"), new ArrayList<>(doc.keySet()));
        Map<?, ?> services = (Map<?, ?>) doc.get("services");
        assertEquals(List.of("api", "web"), new ArrayList<>(services.keySet()));
        Map<?, ?> web = (Map<?, ?>) services.get("web");
        assertEquals(List.of("build", "environment", "image", "ports", "x-ext"), new ArrayList<>(web.keySet()));
        assertEquals(List.of("ALPHA", "ZED"), new ArrayList<>(((Map<?, ?>) web.get("environment")).keySet()));
        assertEquals(List.of("context", "args"), new ArrayList<>(((Map<?, ?>) web.get("build")).keySet()));
        assertEquals(List.of("a", "b"), new ArrayList<>(((Map<?, ?>) ((Map<?, ?>) web.get("build")).get("args")).keySet()));
        assertEquals(List.of("mode", "target", "published", "protocol"),
                new ArrayList<>(((Map<?, ?>) ((List<?>) web.get("ports")).getFirst()).keySet()));
    }
}
