package dev.berth.compose.validate;

import static dev.berth.compose.validate.ConsistencyCheckerTest.yaml;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class UnusedResourcesTest {

    @Test
    void behaviour119_resourcesNoServiceUsesAreDropped() {
        Map<String, Object> model = UnusedResources.prune(yaml("""
                services:
                  web:
                    image: x
                    networks: {front: null}
                    volumes:
                      - {type: volume, source: data, target: /data}
                      - {type: bind, source: /unused, target: /b}
                    secrets: [{source: token}]
                    build: {context: ., secrets: [{source: buildkey}]}
                    configs: [{source: conf}]
                networks:
                  front: {}
                  unused: {}
                volumes:
                  data: {}
                  unused: {}
                secrets:
                  token: {file: ./t}
                  buildkey: {file: ./k}
                  unused: {file: ./u}
                configs:
                  unused: {file: ./c}
                  conf: {file: ./c}
                """));
        assertEquals(List.of("front"), List.copyOf(Values.map(model.get("networks")).keySet()));
        assertEquals(List.of("data"), List.copyOf(Values.map(model.get("volumes")).keySet()));
        assertEquals(List.of("token", "buildkey"), List.copyOf(Values.map(model.get("secrets")).keySet()));
        assertEquals(List.of("conf"), List.copyOf(Values.map(model.get("configs")).keySet()));
    }

    @Test
    void emptiedSectionsDisappear() {
        Map<String, Object> model = UnusedResources.prune(yaml("""
                services:
                  web: {image: x, network_mode: host}
                volumes:
                  my_vol: {}
                networks:
                  my_net: {}
                """));
        assertFalse(model.containsKey("volumes"));
        assertFalse(model.containsKey("networks"));
    }
}
