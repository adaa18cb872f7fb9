package dev.berth.compose.model;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.berth.compose.yaml.YamlReader;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ServiceNetworksTest {

    @SuppressWarnings("unchecked")
    private static Map<String, Object> service(String yaml) {
        return (Map<String, Object>) YamlReader.read("s.yaml", yaml).getFirst().root();
    }

    @Test
    void b155_highestPriorityFirstThenByName() {
        Map<String, Object> s = service("""
                networks:
                  foo:
                  bar: {priority: 10}
                  zot: {priority: 100}
                  qix: {priority: 1000}
                """);
        assertEquals(List.of("qix", "zot", "bar", "foo"), ServiceNetworks.byPriority(s));
    }

    @Test
    void b155_equalPrioritiesAreAlphabetical() {
        assertEquals(List.of("a", "b", "c"), ServiceNetworks.byPriority(service("networks: {c: , a: , b: }")));
    }
}
