package dev.berth.engine.image.store;

import dev.berth.engine.image.Digest;
import java.util.List;

/**
 * What {@code rmi} or {@code image prune} did, as Docker reports it: names untagged, images
 * deleted, bytes of blobs and unpacked layers freed.
 */
public record ImageRemoval(List<String> untagged, List<Digest> deleted, long reclaimedBytes) {

    public ImageRemoval {
        untagged = List.copyOf(untagged);
        deleted = List.copyOf(deleted);
    }
}
