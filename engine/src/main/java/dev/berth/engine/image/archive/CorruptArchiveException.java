package dev.berth.engine.image.archive;

import dev.berth.engine.image.ImageException;

/** Content in an archive that is not what the archive says it is: a digest, diff ID or size does not match. */
public class CorruptArchiveException extends ImageException {

    public CorruptArchiveException(String what) {
        super("corrupt archive: " + what + "; the archive is damaged: save or copy it again (nothing half-written was stored)");
    }
}
