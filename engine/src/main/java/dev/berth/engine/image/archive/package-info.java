/**
 * Image archives: {@code docker save}'s format (before Docker 25: {@code <id>/layer.tar} directories;
 * since: also an OCI layout) and the OCI image layout (a tar, or a directory as skopeo's {@code oci:}
 * writes it). {@link dev.berth.engine.image.archive.ImageArchiveReader} loads them into a
 * {@link dev.berth.engine.image.store.BlobStore}, verifying every digest and diff ID, layers stored
 * gzip-compressed; {@link dev.berth.engine.image.archive.ImageArchiveWriter} writes them from it.
 * Images cross this package as {@link dev.berth.engine.image.archive.ArchivedImage}: names plus the
 * original manifest and config bytes. JSON is read with Jackson's tree model here; the typed
 * manifest records belong to the image store.
 */
package dev.berth.engine.image.archive;
