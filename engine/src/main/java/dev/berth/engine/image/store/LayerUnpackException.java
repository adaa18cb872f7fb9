package dev.berth.engine.image.store;

import dev.berth.engine.image.ImageException;

/** A layer blob whose content is not a readable (gzip) tar: truncated or damaged. */
public class LayerUnpackException extends ImageException {

    public LayerUnpackException(String message, Throwable cause) {
        super(message, cause);
    }
}
