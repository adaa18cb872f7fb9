package dev.berth.engine.image.layer;

import dev.berth.engine.image.Digest;
import dev.berth.engine.image.ImageException;

/**
 * A layer tar entry that would write outside the layer's directory ({@code ..}, an absolute path, a
 * path through a symlink, a hard link to outside). Docker and containerd refuse these too: the
 * image is malformed or malicious, and nothing of the layer is kept.
 */
public final class UnsafeLayerEntryException extends ImageException {

    public UnsafeLayerEntryException(Digest diffId, String entry, String why) {
        super("layer " + diffId + ": refused entry \"" + entry + "\": " + why
                + " (the image is malformed or malicious; the layer was not unpacked — do not use this image)");
    }
}
