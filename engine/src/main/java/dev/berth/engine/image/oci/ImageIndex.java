package dev.berth.engine.image.oci;

import com.fasterxml.jackson.annotation.JsonInclude;
import dev.berth.engine.image.Descriptor;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** A multi-platform image: an OCI image index or a Docker manifest list. */
@JsonInclude(JsonInclude.Include.NON_EMPTY)
public record ImageIndex(int schemaVersion, String mediaType, List<Descriptor> manifests, Map<String, String> annotations) {

    public ImageIndex {
        manifests = manifests == null ? List.of() : List.copyOf(manifests);
        annotations = OciJson.sorted(annotations);
    }

    /** The first image manifest for {@code platform} (a variant, when asked for, must match too). */
    public Optional<Descriptor> manifestFor(Descriptor.Platform platform) {
        return manifests.stream()
                .filter(d -> d.platform() != null)
                .filter(d -> platform.os().equals(d.platform().os())
                        && platform.architecture().equals(d.platform().architecture())
                        && (platform.variant() == null || platform.variant().equals(d.platform().variant())))
                .findFirst();
    }
}
