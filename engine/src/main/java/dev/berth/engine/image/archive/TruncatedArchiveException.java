package dev.berth.engine.image.archive;

import dev.berth.engine.image.ImageException;

/** The archive ends in the middle of an entry, or its tar headers are unreadable. */
public class TruncatedArchiveException extends ImageException {

    public TruncatedArchiveException(String what, Throwable cause) {
        super("truncated archive: " + what + "; the file is incomplete (an interrupted download or copy?): "
                + "save or copy it again (nothing half-written was stored)", cause);
    }
}
