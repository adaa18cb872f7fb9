package dev.berth.engine.image.store;

import dev.berth.engine.image.BlobNotFoundException;
import dev.berth.engine.image.Digest;
import dev.berth.engine.image.DigestMismatchException;
import dev.berth.engine.image.ImageException;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.security.DigestOutputStream;
import java.security.MessageDigest;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;

/**
 * Blobs as files, {@code <dir>/sha256/<hex>} like an OCI image layout's {@code blobs/}. Writes go
 * to {@code <dir>/.ingest/} first and are moved into place only once verified, so a crash or a
 * corrupt download never leaves a wrong blob under a digest's name.
 */
public final class FileBlobStore implements BlobStore {

    private final Path dir;
    private final Path ingestDir;

    public FileBlobStore(Path dir) throws IOException {
        this.dir = dir;
        this.ingestDir = dir.resolve(".ingest");
        Files.createDirectories(dir.resolve("sha256"));
        Files.createDirectories(ingestDir);
    }

    @Override
    public boolean has(Digest digest) {
        return Files.isRegularFile(path(digest));
    }

    @Override
    public long size(Digest digest) {
        try {
            return Files.size(path(digest));
        } catch (NoSuchFileException e) {
            throw new BlobNotFoundException(digest);
        } catch (IOException e) {
            throw new ImageException("cannot read blob " + digest + ": " + e.getMessage(), e);
        }
    }

    @Override
    public InputStream open(Digest digest) throws IOException {
        try {
            return Files.newInputStream(path(digest));
        } catch (NoSuchFileException e) {
            throw new BlobNotFoundException(digest);
        }
    }

    @Override
    public Path path(Digest digest) {
        return dir.resolve(digest.algorithm()).resolve(digest.hex());
    }

    @Override
    public Digest put(byte[] content) {
        try {
            return put(new ByteArrayInputStream(content), null);
        } catch (IOException e) {
            throw new ImageException("cannot write blob: " + e.getMessage(), e);
        }
    }

    @Override
    public Digest put(InputStream content, Digest expected) throws IOException {
        Path tmp = Files.createTempFile(ingestDir, "put-", ".tmp");
        try {
            MessageDigest sha = Digest.newSha256();
            try (OutputStream out = new DigestOutputStream(Files.newOutputStream(tmp), sha)) {
                content.transferTo(out);
            }
            Digest actual = Digest.fromHash(sha.digest());
            if (expected != null && !expected.equals(actual)) {
                throw new DigestMismatchException("blob", expected, actual);
            }
            publish(tmp, actual);
            return actual;
        } finally {
            Files.deleteIfExists(tmp);
        }
    }

    @Override
    public Ingest ingest(Digest expected, long expectedSize) throws IOException {
        return new FileIngest(expected, expectedSize);
    }

    @Override
    public void delete(Digest digest) throws IOException {
        Files.deleteIfExists(path(digest));
    }

    @Override
    public Set<Digest> list() throws IOException {
        Set<Digest> out = new TreeSet<>();
        try (Stream<Path> files = Files.list(dir.resolve("sha256"))) {
            files.forEach(f -> out.add(new Digest("sha256", f.getFileName().toString())));
        }
        return out;
    }

    /** Moves a verified file under its digest's name; if the blob is there already, keeps that one. */
    private void publish(Path verified, Digest digest) throws IOException {
        Path target = path(digest);
        if (Files.exists(target)) return;
        try {
            Files.move(verified, target, StandardCopyOption.ATOMIC_MOVE);
        } catch (FileAlreadyExistsException e) {
            // another writer published the same content first: same bytes, nothing to do
        } catch (AtomicMoveNotSupportedException e) {
            throw new IOException("blob store " + dir + " must be on one filesystem", e);
        }
    }

    private final class FileIngest implements Ingest {
        private final Digest expected;
        private final long expectedSize;
        private final Path partial;
        private final boolean shared;
        private final FileChannel channel;
        private final FileLock lock;
        private final MessageDigest sha = Digest.newSha256();
        private final long offset;
        private final OutputStream out;

        FileIngest(Digest expected, long expectedSize) throws IOException {
            this.expected = expected;
            this.expectedSize = expectedSize;
            // One writer per partial file: a second download of the same blob at the same time (another
            // thread or berth process) writes a private partial instead of appending to the first one's.
            Path resumable = ingestDir.resolve("partial-" + expected.hex());
            FileChannel ch = FileChannel.open(resumable, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                    StandardOpenOption.APPEND);
            FileLock held = tryLock(ch);
            if (held == null) {
                ch.close();
                resumable = Files.createTempFile(ingestDir, "partial-" + expected.hex() + "-", ".private");
                ch = FileChannel.open(resumable, StandardOpenOption.WRITE, StandardOpenOption.APPEND);
                held = ch.lock();
            }
            this.partial = resumable;
            this.shared = partial.getFileName().toString().equals("partial-" + expected.hex());
            this.channel = ch;
            this.lock = held;
            long existing = 0;
            if (shared && Files.size(partial) > 0) {
                // resume: the bytes already there count towards the digest
                try (InputStream in = Files.newInputStream(partial)) {
                    existing = in.transferTo(new DigestOutputStream(OutputStream.nullOutputStream(), sha));
                }
            }
            this.offset = existing;
            this.out = new DigestOutputStream(java.nio.channels.Channels.newOutputStream(channel), sha);
        }

        private static FileLock tryLock(FileChannel ch) throws IOException {
            try {
                return ch.tryLock();
            } catch (OverlappingFileLockException e) {
                return null; // this JVM holds it already
            }
        }

        @Override
        public long offset() {
            return offset;
        }

        @Override
        public OutputStream output() {
            return out;
        }

        @Override
        public Digest commit() throws IOException {
            out.flush();
            Digest actual = Digest.fromHash(sha.digest());
            long size = Files.size(partial);
            try {
                if (!expected.equals(actual) || (expectedSize >= 0 && size != expectedSize)) {
                    Files.deleteIfExists(partial);
                    if (!expected.equals(actual)) throw new DigestMismatchException("blob " + expected, expected, actual);
                    throw new ImageException("blob " + expected + ": size mismatch: expected " + expectedSize
                            + " bytes, got " + size + " (nothing was stored)");
                }
                publish(partial, actual);
                Files.deleteIfExists(partial);
                return actual;
            } finally {
                release();
            }
        }

        /** Keeps a resumable partial for later; a private one cannot be resumed and goes. */
        @Override
        public void close() throws IOException {
            release();
            if (!shared) Files.deleteIfExists(partial);
        }

        private void release() throws IOException {
            if (lock.isValid()) lock.release();
            channel.close();
        }
    }
}
