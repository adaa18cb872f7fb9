package dev.berth.engine.image.layer;

import dev.berth.engine.image.Digest;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Path;
import java.util.Set;

/**
 * Image layers unpacked once each, by diff ID (the sha256 of the uncompressed layer tar), into
 * directories in overlayfs form (whiteouts as 0/0 character devices, opaque directories marked
 * with the {@code trusted.overlay.opaque} xattr), ready to be stacked as overlay lower dirs.
 */
public interface LayerStore {

    /** Supplies a fresh stream of the uncompressed layer tar. */
    @FunctionalInterface
    interface TarSource {
        InputStream open() throws IOException;
    }

    /**
     * Unpacks the layer unless it is there already; the tar must hash to {@code diffId} (else
     * {@link dev.berth.engine.image.DigestMismatchException} and nothing is left). Returns its directory.
     */
    Path unpack(Digest diffId, TarSource uncompressedTar) throws IOException;

    boolean has(Digest diffId);

    /** The directory holding the layer's files. */
    Path directory(Digest diffId);

    /** Bytes the unpacked layer occupies on disk. */
    long diskUsage(Digest diffId) throws IOException;

    void remove(Digest diffId) throws IOException;

    Set<Digest> list() throws IOException;
}
