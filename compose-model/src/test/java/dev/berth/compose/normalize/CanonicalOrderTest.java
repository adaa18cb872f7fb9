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

    /** marshalled(): zero values of omitempty fields go, pointer fields and map values keep theirs. */
    @Test
    void marshalledLeavesOutZeroValues() {
        Map<String, Object> doc = CanonicalOrder.marshalled(Docs.yaml("""
                services:
                  web:
                    privileged: false
                    read_only: false
                    init: false
                    attach: false
                    scale: 0
                    command: []
                    environment: {A: null, B: ""}
                    labels: {}
                    networks: {front: null}
                    depends_on: {db: {condition: service_started, required: false, restart: false}}
                    deploy: {replicas: 0, resources: {}, placement: {constraints: []}}
                    volumes: [{type: bind, source: /a, target: /b, read_only: false, bind: {}}]
                    healthcheck: {disable: false, retries: 0}
                networks:
                  front: {}
                  back: {external: false, internal: false}
                """));
        Map<?, ?> web = (Map<?, ?>) ((Map<?, ?>) doc.get("services")).get("web");
        assertEquals("{attach=false, command=[], depends_on={db={condition=service_started, required=false}}, "
                + "deploy={replicas=0}, environment={A=null, B=}, healthcheck={retries=0}, init=false, "
                + "networks={front=null}, scale=0, volumes=[{type=bind, source=/a, target=/b, bind={}}]}", web.toString());
        assertEquals("{back={}, front={}}", doc.get("networks").toString());
    }
}
