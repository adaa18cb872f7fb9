package dev.berth.engine.registry;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.berth.engine.image.Descriptor;
import dev.berth.engine.image.Digest;
import dev.berth.engine.image.MediaTypes;
import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Reads the parts of manifests and indexes a registry client needs: media type and descriptors. */
final class ManifestJson {

    static final String SUPPORTED_MANIFESTS = String.join(", ", MediaTypes.OCI_INDEX, MediaTypes.DOCKER_MANIFEST_LIST,
            MediaTypes.OCI_MANIFEST, MediaTypes.DOCKER_MANIFEST);
    private static final ObjectMapper JSON = new ObjectMapper();

    /** A platform manifest: its config and layers. */
    record ImageManifest(Descriptor config, List<Descriptor> layers) {
    }

    private ManifestJson() {
    }

    static JsonNode read(byte[] bytes, String what) {
        try {
            JsonNode node = JSON.readTree(bytes);
            if (node == null || !node.isObject()) throw new RegistryException(what + " is not a JSON object");
            return node;
        } catch (IOException e) {
            throw new RegistryException(what + " is not valid JSON: " + e.getMessage(), e);
        }
    }

    /**
     * The media type of a manifest: the Content-Type the registry sent, else the document's own
     * {@code mediaType}, else (OCI allows it to be absent) guessed from its shape.
     */
    static String mediaType(byte[] bytes, String contentType, String what) {
        String type = contentType == null ? "" : contentType.split(";", 2)[0].strip();
        if (MediaTypes.INDEXES.contains(type) || MediaTypes.MANIFESTS.contains(type)) return type;
        JsonNode node = read(bytes, what);
        if (node.path("mediaType").isTextual()) return node.get("mediaType").asText();
        if (node.path("schemaVersion").asInt() == 1) return "application/vnd.docker.distribution.manifest.v1+json";
        if (node.has("manifests")) return MediaTypes.OCI_INDEX;
        if (node.has("config") && node.has("layers")) return MediaTypes.OCI_MANIFEST;
        return type.isEmpty() ? "(none)" : type;
    }

    static ImageManifest manifest(byte[] bytes, String what) {
        JsonNode node = read(bytes, what);
        if (!node.path("config").isObject()) throw new RegistryException(what + " has no config descriptor");
        List<Descriptor> layers = new ArrayList<>();
        for (JsonNode layer : node.path("layers")) layers.add(descriptor(layer, what));
        return new ImageManifest(descriptor(node.get("config"), what), layers);
    }

    static List<Descriptor> indexEntries(byte[] bytes, String what) {
        List<Descriptor> out = new ArrayList<>();
        for (JsonNode entry : read(bytes, what).path("manifests")) out.add(descriptor(entry, what));
        return out;
    }

    static Descriptor descriptor(JsonNode node, String what) {
        try {
            Map<String, String> annotations = new LinkedHashMap<>();
            node.path("annotations").properties().forEach(e -> annotations.put(e.getKey(), e.getValue().asText()));
            Descriptor.Platform platform = null;
            JsonNode p = node.get("platform");
            if (p != null && p.isObject()) {
                platform = new Descriptor.Platform(p.path("os").asText(""), p.path("architecture").asText(""),
                        p.hasNonNull("variant") ? p.get("variant").asText() : null);
            }
            return new Descriptor(node.path("mediaType").asText(""), Digest.parse(node.path("digest").asText("")),
                    node.path("size").asLong(-1), annotations, platform);
        } catch (IllegalArgumentException e) {
            throw new RegistryException(what + " has an invalid descriptor: " + e.getMessage(), e);
        }
    }
}
