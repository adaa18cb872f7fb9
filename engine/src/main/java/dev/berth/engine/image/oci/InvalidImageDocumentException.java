package dev.berth.engine.image.oci;

import dev.berth.engine.image.ImageException;

/** A manifest, index or config that is not valid JSON of its kind. */
public class InvalidImageDocumentException extends ImageException {

    public InvalidImageDocumentException(String message, Throwable cause) {
        super(message, cause);
    }

    public InvalidImageDocumentException(String message) {
        super(message);
    }
}
