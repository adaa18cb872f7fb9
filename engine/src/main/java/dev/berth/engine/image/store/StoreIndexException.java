package dev.berth.engine.image.store;

import dev.berth.engine.image.ImageException;

/** The image store's own index file cannot be read or written. */
public class StoreIndexException extends ImageException {

    public StoreIndexException(String message, Throwable cause) {
        super(message, cause);
    }
}
