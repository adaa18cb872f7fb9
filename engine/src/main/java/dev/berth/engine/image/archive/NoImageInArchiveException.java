package dev.berth.engine.image.archive;

import dev.berth.engine.image.ImageException;

/** A well-formed archive that names no image (or none for this platform). */
public class NoImageInArchiveException extends ImageException {

    public NoImageInArchiveException(String why) {
        super("no image in the archive: " + why);
    }
}
