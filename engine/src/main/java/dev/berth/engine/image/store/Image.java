package dev.berth.engine.image.store;

import dev.berth.engine.image.Digest;
import dev.berth.engine.image.oci.ImageConfig;
import dev.berth.engine.image.oci.ImageManifest;
import java.time.Instant;
import java.util.List;

/**
 * An image in the store. Its {@link #id} is the digest of its config, as Docker names images;
 * the manifest is the one the image was asked for by (a tag or digest), else the first it was
 * added with.
 *
 * @param repoTags    {@code busybox:latest}, … (familiar form, sorted)
 * @param repoDigests {@code busybox@sha256:…}, for images pulled or pushed
 * @param layerSizes  bytes each unpacked layer holds, bottom first
 * @param lastTagTime when a tag last moved to this image; null if never
 */
public record Image(Digest id, Digest manifestDigest, String manifestMediaType, ImageManifest manifest,
                    ImageConfig config, List<String> repoTags, List<String> repoDigests, List<Long> layerSizes,
                    Instant lastTagTime) {

    public Image {
        repoTags = List.copyOf(repoTags);
        repoDigests = List.copyOf(repoDigests);
        layerSizes = List.copyOf(layerSizes);
    }

    /** Bytes of all its layers, unpacked (Docker's {@code Size}). */
    public long size() {
        return layerSizes.stream().mapToLong(Long::longValue).sum();
    }

    public Instant created() {
        return config.createdInstant();
    }

    public List<Digest> diffIds() {
        return config.diffIds();
    }

    /** No tags: {@code <none>:<none>} in {@code berth images}, removed by {@code image prune}. */
    public boolean dangling() {
        return repoTags.isEmpty();
    }
}
