package dev.berth.engine.image.store;

import dev.berth.engine.image.ImageException;

/** No image has the name, tag, digest or ID asked for. */
public class ImageNotFoundException extends ImageException {

    public ImageNotFoundException(String reference) {
        super("No such image: " + reference + " (berth images lists the local images; pull, load or import it first)");
    }
}
