package dev.berth.engine.json;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class MiniJsonTest {

    private static final ObjectMapper JACKSON = new ObjectMapper();

    @Test
    void readsWhatJacksonWrites() throws Exception {
        Map<String, Object> doc = new LinkedHashMap<>();
        doc.put("log", "héllo \"quoted\"\t\\ \u0001 ✓\n");
        doc.put("n", 42L);
        doc.put("neg", -7L);
        doc.put("x", 1.5);
        doc.put("t", true);
        doc.put("nothing", null);
        doc.put("list", List.of("a", 1L, Map.of("k", "v")));
        doc.put("empty", Map.of());
        assertEquals(doc, MiniJson.parse(JACKSON.writeValueAsString(doc)));
    }

    @Test
    void jacksonReadsWhatItWrites() throws Exception {
        Map<String, Object> doc = new LinkedHashMap<>();
        doc.put("s", "line\nbreak \"q\" \\ \u001f");
        doc.put("l", Arrays.asList("a", null, 3L));
        doc.put("m", Map.of("b", false));
        assertEquals(JACKSON.readTree(JACKSON.writeValueAsString(doc)), JACKSON.readTree(MiniJson.write(doc)));
    }

    @Test
    void refusesBrokenInput() {
        for (String bad : List.of("{", "{\"a\" 1}", "[1,]", "\"open", "tru", "{\"a\":1} x", "")) {
            assertThrows(IllegalArgumentException.class, () -> MiniJson.parse(bad), bad);
        }
    }
}
