package dev.berth.compose.merge;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import dev.berth.compose.yaml.YamlReader;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Behaviour 141 on compose-go's own fixture: {@code loader/testdata/extends/reset.yaml}. */
class ExtendsResetFixtureTest {

    @Test
    @SuppressWarnings("unchecked")
    void b141_commandResetInAnExtendedServiceStaysResetForItsExtenders() throws IOException {
        Path file = dev.berth.compose.SharedData.composeSpec().resolve("compose-go/loader/testdata/extends/reset.yaml");
        Map<String, Object> root = (Map<String, Object>) YamlReader.read(file.toString(), Files.readString(file))
                .getFirst().root();
        Map<String, Object> services = (Map<String, Object>) root.get("services");

        // base extends init and resets its command; test (in another file) extends base
        Map<String, Object> base = Merger.mergeService((Map<String, Object>) services.get("init"),
                without((Map<String, Object>) services.get("base"), "extends"));
        Map<String, Object> test = Merger.mergeService(base, Map.of());

        Map<String, Object> resolved = (Map<String, Object>) Merger.resolveTags(test);
        assertFalse(resolved.containsKey("command"), resolved.toString());
        assertEquals("alpine:latest", resolved.get("image"));
    }

    private static Map<String, Object> without(Map<String, Object> service, String key) {
        Map<String, Object> copy = new java.util.LinkedHashMap<>(service);
        copy.remove(key);
        return copy;
    }
}
