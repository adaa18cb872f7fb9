package dev.berth.engine.image.layer;

import dev.berth.engine.image.Digest;
import dev.berth.engine.image.ImageException;

/** A layer whose tar cannot be read to its end: truncated, not a tar, or an entry type no container can hold. */
public final class CorruptLayerException extends ImageException {

    public CorruptLayerException(Digest diffId, String problem, Throwable cause) {
        super("layer " + diffId + " " + problem
                + " (nothing was unpacked; pull or load the image again, and if it persists the image itself is broken)",
                cause);
    }
}
