package dev.berth.engine.image.oci;

import dev.berth.engine.image.ImageException;
import java.util.Collection;
import java.util.TreeSet;

/** A document or layer whose media type berth does not read. */
public class UnsupportedMediaTypeException extends ImageException {

    private final String mediaType;

    public UnsupportedMediaTypeException(String what, String mediaType, Collection<String> expected) {
        super("unsupported media type " + (mediaType == null || mediaType.isEmpty() ? "(none)" : mediaType)
                + " for " + what + ": expected one of " + String.join(", ", new TreeSet<>(expected)));
        this.mediaType = mediaType;
    }

    public String mediaType() {
        return mediaType;
    }
}
