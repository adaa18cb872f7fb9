package dev.berth.engine.image.archive;

import dev.berth.engine.image.ImageException;

/** A manifest, config or layer of a media type or compression berth does not read. */
public class UnsupportedArchiveContentException extends ImageException {

    public UnsupportedArchiveContentException(String what) {
        super(what + "; berth loads Docker v2 schema 2 and OCI images whose layers are tar or tar+gzip "
                + "(convert others first, e.g. `skopeo copy --dest-compress-format gzip ...`)");
    }
}
