package dev.berth.compose.schema;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;

/** Every property name the JSON schema defines anywhere: keys to put in the wrong (or right) place. */
final class SchemaVocabulary {

    private SchemaVocabulary() {
    }

    static List<String> of(Path schemaFile) {
        JsonNode schema = new ObjectMapper().readTree(schemaFile);
        TreeSet<String> names = new TreeSet<>();
        collect(schema, names);
        return List.copyOf(names);
    }

    private static void collect(JsonNode node, TreeSet<String> names) {
        if (node.isObject()) {
            for (Map.Entry<String, JsonNode> e : node.properties()) {
                if (e.getKey().equals("properties") && e.getValue().isObject()) names.addAll(e.getValue().propertyNames());
                collect(e.getValue(), names);
            }
        } else if (node.isArray()) {
            for (JsonNode item : node) collect(item, names);
        }
    }
}
