package dev.berth.engine.image;

/** A blob the store does not have. */
public class BlobNotFoundException extends ImageException {

    public BlobNotFoundException(Digest digest) {
        super("blob " + digest + " not found in the image store");
    }
}
