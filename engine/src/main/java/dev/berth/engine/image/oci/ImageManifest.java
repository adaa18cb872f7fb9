package dev.berth.engine.image.oci;

import com.fasterxml.jackson.annotation.JsonInclude;
import dev.berth.engine.image.Descriptor;
import java.util.List;
import java.util.Map;

/**
 * An image manifest: OCI {@code application/vnd.oci.image.manifest.v1+json} or Docker's
 * {@code application/vnd.docker.distribution.manifest.v2+json} (same shape). Parsed to be read
 * only: the digest is of the original bytes, which the store keeps.
 */
@JsonInclude(JsonInclude.Include.NON_EMPTY)
public record ImageManifest(int schemaVersion, String mediaType, Descriptor config, List<Descriptor> layers,
                            Map<String, String> annotations) {

    public ImageManifest {
        layers = layers == null ? List.of() : List.copyOf(layers);
        annotations = OciJson.sorted(annotations);
    }
}
