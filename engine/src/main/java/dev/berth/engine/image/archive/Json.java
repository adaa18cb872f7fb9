package dev.berth.engine.image.archive;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.berth.engine.image.Digest;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/** The tree-model JSON this package reads and writes (the typed records are the image store's business). */
final class Json {

    static final ObjectMapper MAPPER = new ObjectMapper();

    private Json() {
    }

    static JsonNode read(byte[] bytes, String what) {
        try {
            JsonNode node = MAPPER.readTree(bytes);
            if (node == null || node.isMissingNode()) throw new CorruptArchiveException(what + " is empty");
            return node;
        } catch (JsonProcessingException e) {
            throw new CorruptArchiveException(what + " is not valid JSON (" + e.getOriginalMessage() + ")");
        } catch (IOException e) {
            throw new CorruptArchiveException(what + " is unreadable (" + e.getMessage() + ")");
        }
    }

    static ObjectNode object() {
        return MAPPER.createObjectNode();
    }

    static byte[] bytes(JsonNode node) {
        try {
            return MAPPER.writeValueAsBytes(node);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot serialize JSON", e);
        }
    }

    /** A text field, or null when absent or not text. */
    static String text(JsonNode node, String field) {
        JsonNode v = node.get(field);
        return v != null && v.isTextual() ? v.asText() : null;
    }

    static List<String> texts(JsonNode array) {
        List<String> out = new ArrayList<>();
        if (array != null && array.isArray()) array.forEach(v -> out.add(v.asText()));
        return out;
    }

    static Digest digest(String value, String what) {
        if (value == null) throw new CorruptArchiveException(what + " has no digest");
        try {
            return Digest.parse(value);
        } catch (IllegalArgumentException e) {
            throw new CorruptArchiveException(what + ": " + e.getMessage());
        }
    }
}
