package dev.berth.compose.merge;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.berth.compose.yaml.YamlReader;
import java.util.LinkedHashMap;
import java.util.Map;

/** Runs YAML snippets through the merge pipeline the loader uses: merge, unicity, then tags. */
final class MergeFixtures {

    private MergeFixtures() {
    }

    @SuppressWarnings("unchecked")
    static Map<String, Object> yaml(String text) {
        Object root = YamlReader.read("test.yaml", text).getFirst().root();
        return root == null ? new LinkedHashMap<>() : (Map<String, Object>) root;
    }

    /** Merges the documents in order like {@code -f a -f b ...}, then resolves leftover tags. */
    @SuppressWarnings("unchecked")
    static Map<String, Object> load(String... documents) {
        Map<String, Object> merged = new LinkedHashMap<>();
        for (String document : documents) {
            merged = Unicity.enforce(Merger.merge(merged, yaml(document)));
        }
        return (Map<String, Object>) Merger.resolveTags(merged);
    }

    static void assertLoads(String expected, String... documents) {
        assertEquals(yaml(expected), load(documents));
    }

    /** The service {@code name} of a loaded document. */
    @SuppressWarnings("unchecked")
    static Map<String, Object> service(Map<String, Object> document, String name) {
        return (Map<String, Object>) ((Map<String, Object>) document.get("services")).get(name);
    }
}
