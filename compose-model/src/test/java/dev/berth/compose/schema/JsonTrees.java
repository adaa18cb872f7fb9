package dev.berth.compose.schema;

import dev.berth.compose.tree.OverrideTag;
import dev.berth.compose.tree.ResetTag;
import java.util.List;
import java.util.Map;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * Our value tree as the JSON compose-go validates: a {@code !reset} key is dropped (compose-go removes
 * it before validating), a {@code !reset} list item becomes null, {@code !override v} becomes v.
 */
final class JsonTrees {

    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    private JsonTrees() {
    }

    static JsonNode toJson(Object value) {
        return switch (value) {
            case null -> NODES.nullNode();
            case ResetTag r -> NODES.nullNode();
            case OverrideTag(Object inner) -> toJson(inner);
            case String s -> NODES.stringNode(s);
            case Boolean b -> NODES.booleanNode(b);
            case Long l -> NODES.numberNode(l);
            case Double d -> NODES.numberNode(d);
            case Map<?, ?> m -> {
                ObjectNode o = NODES.objectNode();
                m.forEach((k, v) -> {
                    if (v != ResetTag.INSTANCE) o.set((String) k, toJson(v));
                });
                yield o;
            }
            case List<?> l -> {
                ArrayNode a = NODES.arrayNode(l.size());
                for (Object item : l) a.add(toJson(item));
                yield a;
            }
            default -> throw new IllegalArgumentException(value.getClass().getName());
        };
    }
}
