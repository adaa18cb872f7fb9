package dev.berth.engine.image.store;

import dev.berth.engine.image.ImageException;

/**
 * A removal refused because it would break something: the image is in use by a container or is
 * referenced under several names. The message says whether forcing helps.
 */
public class ImageConflictException extends ImageException {

    public ImageConflictException(String message) {
        super(message);
    }
}
