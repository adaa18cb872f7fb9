package dev.berth.engine.image.archive;

import dev.berth.engine.image.Digest;

/** Progress of a load or save, for the CLI to render; the library never prints. */
public sealed interface ArchiveEvent {

    /** The archive was read whole into scratch space ({@code bytes} of entries). */
    record ArchiveSpooled(String source, long bytes) implements ArchiveEvent {
    }

    /**
     * A layer is in the store, verified against its diff ID.
     *
     * @param recompressed true when it came as a plain tar and was gzip-compressed on the way
     */
    record LayerStored(String image, int layer, int layers, Digest diffId, Digest blob, long size,
                       boolean recompressed) implements ArchiveEvent {
    }

    /** An image's config and manifest are in the store, after all its layers. */
    record ImageStored(ArchivedImage image) implements ArchiveEvent {
    }

    /** A blob was written into an archive being saved. */
    record BlobWritten(Digest digest, long size) implements ArchiveEvent {
    }
}
