package dev.berth.engine.image.oci;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonDeserializer;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.JsonSerializer;
import com.fasterxml.jackson.databind.KeyDeserializer;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.SerializerProvider;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.module.SimpleModule;
import dev.berth.engine.image.Descriptor;
import dev.berth.engine.image.Digest;
import dev.berth.engine.image.MediaTypes;
import java.io.IOException;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Reads and writes the OCI / Docker v2 JSON documents. Reading never replaces the original bytes
 * (a digest names those bytes); writing is for documents berth makes itself: compact, fields in
 * a fixed order, map keys sorted (as Go's encoding/json writes them), so the same image always
 * gets the same digest.
 */
public final class OciJson {

    private static final ObjectMapper MAPPER = JsonMapper.builder()
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .enable(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS)
            .disable(SerializationFeature.FAIL_ON_EMPTY_BEANS)
            .addModule(new SimpleModule("berth-oci")
                    .addSerializer(Digest.class, new DigestSerializer())
                    .addDeserializer(Digest.class, new DigestDeserializer())
                    .addKeySerializer(Digest.class, new DigestKeySerializer())
                    .addKeyDeserializer(Digest.class, new DigestKeyDeserializer()))
            .addMixIn(Descriptor.class, DescriptorMixin.class)
            .addMixIn(Descriptor.Platform.class, PlatformMixin.class)
            .build();

    private OciJson() {
    }

    /** The mapper, configured for these documents (and {@link Digest} values and keys). */
    public static ObjectMapper mapper() {
        return MAPPER;
    }

    /**
     * Parses an image manifest. {@code mediaType} is the type it was announced with (a registry's
     * Content-Type, a descriptor's mediaType); null means "read it from the document".
     */
    public static ImageManifest parseManifest(byte[] json, String mediaType) {
        String type = checkedType(json, mediaType, MediaTypes.MANIFESTS, "an image manifest");
        ImageManifest manifest = read(json, ImageManifest.class, "image manifest");
        if (manifest.schemaVersion() != 2) {
            throw new InvalidImageDocumentException("image manifest has schemaVersion " + manifest.schemaVersion()
                    + ": only schema 2 is supported (re-push the image with a current client)");
        }
        if (manifest.config() == null || manifest.config().digest() == null) {
            throw new InvalidImageDocumentException("image manifest (" + type + ") has no config descriptor");
        }
        return manifest;
    }

    public static ImageIndex parseIndex(byte[] json, String mediaType) {
        checkedType(json, mediaType, MediaTypes.INDEXES, "an image index");
        return read(json, ImageIndex.class, "image index");
    }

    public static ImageConfig parseConfig(byte[] json) {
        return read(json, ImageConfig.class, "image config");
    }

    /** The {@code mediaType} a document declares; for OCI documents without one, guessed from its shape. */
    public static String declaredMediaType(byte[] json) {
        JsonNode node = tree(json, "image document");
        String declared = node.path("mediaType").asText("");
        if (!declared.isEmpty()) return declared;
        if (node.has("manifests")) return MediaTypes.OCI_INDEX;
        if (node.has("config") && node.has("layers")) return MediaTypes.OCI_MANIFEST;
        return null;
    }

    /** Compact JSON of a document berth makes. */
    public static byte[] write(Object document) {
        try {
            return MAPPER.writeValueAsBytes(document);
        } catch (IOException e) {
            throw new IllegalStateException("cannot write " + document.getClass().getSimpleName() + " as JSON", e);
        }
    }

    private static String checkedType(byte[] json, String announced, java.util.Set<String> accepted, String what) {
        String declared = declaredMediaType(json);
        String type = announced == null || announced.isEmpty() ? declared : announced;
        if (type == null || !accepted.contains(type)) throw new UnsupportedMediaTypeException(what, type, accepted);
        JsonNode own = tree(json, what).path("mediaType");
        if (!own.isMissingNode() && !own.asText().equals(type)) {
            throw new InvalidImageDocumentException(what + " was announced as " + type + " but declares mediaType "
                    + own.asText() + ": the source is inconsistent, nothing was stored");
        }
        return type;
    }

    private static JsonNode tree(byte[] json, String what) {
        try {
            JsonNode node = MAPPER.readTree(json);
            if (node == null || !node.isObject()) throw new InvalidImageDocumentException(what + " is not a JSON object");
            return node;
        } catch (IOException e) {
            throw new InvalidImageDocumentException(what + " is not valid JSON: " + why(e), e);
        }
    }

    private static <T> T read(byte[] json, Class<T> type, String what) {
        try {
            return MAPPER.readValue(json, type);
        } catch (IOException e) {
            throw new InvalidImageDocumentException(what + " cannot be read: " + why(e), e);
        }
    }

    private static String why(IOException e) {
        return e instanceof com.fasterxml.jackson.core.JsonProcessingException p ? p.getOriginalMessage() : e.getMessage();
    }

    static <K, V> Map<K, V> sorted(Map<K, V> map) {
        return map == null ? null : Collections.unmodifiableMap(new TreeMap<>(map));
    }

    static <T> List<T> copy(List<T> list) {
        return list == null ? null : Collections.unmodifiableList(new java.util.ArrayList<>(list));
    }

    @JsonInclude(JsonInclude.Include.NON_EMPTY)
    private abstract static class DescriptorMixin {
    }

    @JsonInclude(JsonInclude.Include.NON_EMPTY)
    private abstract static class PlatformMixin {
    }

    private static final class DigestSerializer extends JsonSerializer<Digest> {
        @Override
        public void serialize(Digest value, JsonGenerator gen, SerializerProvider serializers) throws IOException {
            gen.writeString(value.toString());
        }
    }

    private static final class DigestDeserializer extends JsonDeserializer<Digest> {
        @Override
        public Digest deserialize(JsonParser p, DeserializationContext ctxt) throws IOException {
            String text = p.getValueAsString();
            try {
                return Digest.parse(text);
            } catch (IllegalArgumentException e) {
                return (Digest) ctxt.handleWeirdStringValue(Digest.class, text, e.getMessage());
            }
        }
    }

    private static final class DigestKeySerializer extends JsonSerializer<Digest> {
        @Override
        public void serialize(Digest value, JsonGenerator gen, SerializerProvider serializers) throws IOException {
            gen.writeFieldName(value.toString());
        }
    }

    private static final class DigestKeyDeserializer extends KeyDeserializer {
        @Override
        public Object deserializeKey(String key, DeserializationContext ctxt) throws IOException {
            try {
                return Digest.parse(key);
            } catch (IllegalArgumentException e) {
                return ctxt.handleWeirdKey(Digest.class, key, e.getMessage());
            }
        }
    }
}
