package dev.berth.engine.image.archive;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.berth.engine.image.Digest;
import dev.berth.engine.image.MediaTypes;
import java.util.List;

/**
 * A manifest for an image that comes without a usable one: an old docker-save archive has none, and
 * one whose layers were stored recompressed needs one naming the gzip blobs. Docker v2 schema 2 by
 * default (what {@code docker push} sends), OCI when the image came as OCI.
 */
final class ManifestBuilder {

    private ManifestBuilder() {
    }

    static String mediaType(boolean oci) {
        return oci ? MediaTypes.OCI_MANIFEST : MediaTypes.DOCKER_MANIFEST;
    }

    static byte[] build(boolean oci, Digest configDigest, long configSize, List<LayerImporter.Stored> layers) {
        ObjectNode manifest = Json.object();
        manifest.put("schemaVersion", 2);
        manifest.put("mediaType", mediaType(oci));
        descriptor(manifest.putObject("config"), oci ? MediaTypes.OCI_CONFIG : MediaTypes.DOCKER_CONFIG,
                configDigest, configSize);
        ArrayNode array = manifest.putArray("layers");
        for (LayerImporter.Stored layer : layers) {
            descriptor(array.addObject(), oci ? MediaTypes.OCI_LAYER_GZIP : MediaTypes.DOCKER_LAYER_GZIP,
                    layer.blob(), layer.size());
        }
        return Json.bytes(manifest);
    }

    private static void descriptor(ObjectNode node, String mediaType, Digest digest, long size) {
        node.put("mediaType", mediaType);
        node.put("size", size);
        node.put("digest", digest.toString());
    }
}
