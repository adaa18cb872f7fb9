package dev.berth.engine.image.store;

import dev.berth.engine.image.Digest;
import dev.berth.engine.image.ImageException;

/** A manifest names a config or layer blob the store does not have. */
public class MissingBlobException extends ImageException {

    private final Digest missing;

    public MissingBlobException(String what, Digest missing, Digest manifest) {
        super("image manifest " + manifest + " needs " + what + " " + missing
                + ", which is not in the image store: fetch or load that blob first (nothing was stored)");
        this.missing = missing;
    }

    public Digest missing() {
        return missing;
    }
}
