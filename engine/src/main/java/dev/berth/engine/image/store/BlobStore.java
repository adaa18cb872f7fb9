package dev.berth.engine.image.store;

import dev.berth.engine.image.Digest;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Path;
import java.util.Set;

/**
 * Content-addressed blobs (manifests, configs, compressed layers), stored once each by digest and
 * verified on every write: a blob whose content does not hash to its name is never stored.
 */
public interface BlobStore {

    boolean has(Digest digest);

    /** Size in bytes; {@link dev.berth.engine.image.BlobNotFoundException} when absent. */
    long size(Digest digest);

    InputStream open(Digest digest) throws IOException;

    /** Where the blob lives on disk (read-only use). */
    Path path(Digest digest);

    /**
     * Stores {@code content}, hashing it on the way; when {@code expected} is not null the
     * content must hash to it (else {@link dev.berth.engine.image.DigestMismatchException} and
     * nothing is stored). Returns the digest.
     */
    Digest put(InputStream content, Digest expected) throws IOException;

    Digest put(byte[] content);

    /**
     * Starts (or resumes) writing a blob whose digest is known in advance, for downloads: bytes
     * already received by an earlier, interrupted ingest of the same digest are kept.
     */
    Ingest ingest(Digest expected, long expectedSize) throws IOException;

    void delete(Digest digest) throws IOException;

    Set<Digest> list() throws IOException;

    /** An unfinished blob: write the remaining bytes, then {@link #commit()}. */
    interface Ingest extends AutoCloseable {

        /** Bytes already written (by this or an earlier, interrupted ingest): where to resume. */
        long offset();

        OutputStream output();

        /** Verifies digest and size and makes the blob visible; on mismatch the partial data is dropped. */
        Digest commit() throws IOException;

        /** Keeps the partial data for a later resume and releases the file. */
        @Override
        void close() throws IOException;
    }
}
