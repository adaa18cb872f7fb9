package dev.berth.engine.image.archive;

import dev.berth.engine.image.ImageException;

/** A tar (or directory) with neither a docker-save {@code manifest.json} nor an OCI layout {@code index.json}. */
public class NotAnImageArchiveException extends ImageException {

    public NotAnImageArchiveException(String source) {
        super(source + " is not an image archive: it has neither manifest.json (docker save) nor index.json "
                + "(OCI image layout); give an archive written by `docker save`, `berth image save`, "
                + "`skopeo copy ... docker-archive:` or `oci-archive:`, or an OCI layout directory "
                + "(an archive cut short may lack them too: copy it again)");
    }
}
