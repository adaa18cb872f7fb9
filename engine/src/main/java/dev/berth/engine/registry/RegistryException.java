package dev.berth.engine.registry;

import dev.berth.engine.image.ImageException;

/** A registry answered in a way berth cannot go on from; the message carries its status and error text. */
public class RegistryException extends ImageException {

    public RegistryException(String message) {
        super(message);
    }

    public RegistryException(String message, Throwable cause) {
        super(message, cause);
    }
}
