package dev.berth.engine.image.build;

import dev.berth.engine.image.ImageException;

/** What was given to import is not a directory or a readable tar (plain or gzip). */
public class InvalidRootfsException extends ImageException {

    public InvalidRootfsException(String message, Throwable cause) {
        super(message, cause);
    }
}
