package dev.berth.engine.image;

/** Something about images the user can act on; the message says what happened and what to do. */
public class ImageException extends RuntimeException {

    public ImageException(String message) {
        super(message);
    }

    public ImageException(String message, Throwable cause) {
        super(message, cause);
    }
}
