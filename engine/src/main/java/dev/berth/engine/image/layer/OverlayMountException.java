package dev.berth.engine.image.layer;

import dev.berth.engine.image.ImageException;

/** The kernel refused (or would refuse) an overlay mount for a container's root filesystem. */
public final class OverlayMountException extends ImageException {

    public OverlayMountException(String message) {
        super(message);
    }

    public OverlayMountException(String message, Throwable cause) {
        super(message, cause);
    }
}
