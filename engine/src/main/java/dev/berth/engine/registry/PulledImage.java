package dev.berth.engine.registry;

import dev.berth.engine.image.Descriptor;
import dev.berth.engine.image.ImageReference;
import java.util.List;

/**
 * The result of a pull: the platform manifest (its bytes are stored in the blob store too), the
 * index it was chosen from when the reference named a multi-platform image, and the blobs it names.
 *
 * @param index null unless the reference resolved to an OCI index or Docker manifest list
 */
public record PulledImage(ImageReference reference, FetchedManifest manifest, FetchedManifest index,
                          Descriptor config, List<Descriptor> layers) {

    public PulledImage {
        layers = List.copyOf(layers);
    }
}
