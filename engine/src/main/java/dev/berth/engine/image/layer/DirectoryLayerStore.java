package dev.berth.engine.image.layer;

import dev.berth.engine.image.Digest;
import dev.berth.engine.image.DigestMismatchException;
import dev.berth.engine.sys.SyscallException;
import dev.berth.engine.sys.Syscalls;
import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.FileSystemException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.security.DigestInputStream;
import java.time.Duration;
import java.util.HashSet;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Consumer;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;

/**
 * Layers as directories {@code <dir>/sha256/<diffid hex>/}, each unpacked once in overlayfs form
 * (see {@link LayerUnpacker}). An unpack goes to {@code <dir>/.tmp/} while the tar is hashed on the
 * way, and is renamed into place only when the diff ID matched: a layer directory is complete or
 * absent, never half-written. Two unpacks of one layer in this process wait for each other; two
 * processes both unpack, and the first rename wins.
 */
public final class DirectoryLayerStore implements LayerStore {

    private static final Pattern HEX = Pattern.compile("[a-f0-9]{64}");
    private static final int READ_BUFFER = 1 << 20;

    private final Path dir;
    private final Path tmpDir;
    private final Syscalls sys;
    private final Consumer<? super LayerUnpacked> events;
    private final ConcurrentHashMap<Digest, ReentrantLock> locks = new ConcurrentHashMap<>();

    /** The store under {@code <berthRoot>/layers}. */
    public static DirectoryLayerStore under(Path berthRoot, Consumer<? super LayerUnpacked> events) throws IOException {
        return new DirectoryLayerStore(berthRoot.resolve("layers"), Syscalls.linux(), events);
    }

    public DirectoryLayerStore(Path dir, Syscalls sys, Consumer<? super LayerUnpacked> events) throws IOException {
        this.dir = dir;
        this.tmpDir = dir.resolve(".tmp");
        this.sys = sys;
        this.events = events;
        Files.createDirectories(dir.resolve("sha256"));
        Files.createDirectories(tmpDir);
        removeAbandonedUnpacks();
    }

    @Override
    public Path unpack(Digest diffId, TarSource uncompressedTar) throws IOException {
        Path target = directory(diffId);
        if (Files.isDirectory(target)) return target;
        ReentrantLock lock = locks.computeIfAbsent(diffId, d -> new ReentrantLock());
        lock.lock();
        try {
            if (Files.isDirectory(target)) return target; // another thread did it while we waited
            long start = System.nanoTime();
            Path work = Files.createTempDirectory(tmpDir, diffId.shortHex() + "-" + ProcessHandle.current().pid() + "-");
            try {
                Counts counts = unpackInto(work, diffId, uncompressedTar);
                publish(work, target);
                events.accept(new LayerUnpacked(diffId, counts.tarBytes(), counts.entries(),
                        Duration.ofNanos(System.nanoTime() - start)));
                return target;
            } finally {
                FileTrees.delete(work);
            }
        } finally {
            lock.unlock();
        }
    }

    private record Counts(long tarBytes, long entries) {}

    private Counts unpackInto(Path work, Digest diffId, TarSource source) throws IOException {
        var sha = Digest.newSha256();
        try (InputStream raw = source.open();
                CountingStream counted = new CountingStream(new DigestInputStream(new BufferedInputStream(raw, READ_BUFFER), sha));
                PaxXattrTap tap = new PaxXattrTap(counted);
                TarArchiveInputStream tar = new TarArchiveInputStream(tap)) {
            long entries;
            try {
                entries = new LayerUnpacker(sys, diffId, work).unpack(tar, tap);
                // the tar's end-of-archive blocks and padding count towards the diff ID too
                counted.transferTo(OutputStream.nullOutputStream());
            } catch (LayerUnpacker.TarReadException e) {
                // the source verifies what it streams (blob digest, diff ID): its verdict is the clearer one
                DigestMismatchException mismatch = mismatchIn(e);
                if (mismatch != null) throw mismatch;
                throw new CorruptLayerException(diffId, "is truncated or not a tar: " + e.getMessage(), e);
            } catch (SyscallException e) {
                throw new LayerUnpackException(diffId, e);
            }
            Digest actual = Digest.fromHash(sha.digest());
            if (!actual.equals(diffId)) throw new DigestMismatchException("layer " + diffId, diffId, actual);
            if (entries == 0 && counted.count == 0) {
                throw new CorruptLayerException(diffId, "is truncated or not a tar: the stream is empty", null);
            }
            return new Counts(counted.count, entries);
        }
    }

    /** Renames the finished directory into place; if another unpacker got there first, theirs stays. */
    private static void publish(Path work, Path target) throws IOException {
        try {
            Files.move(work, target, StandardCopyOption.ATOMIC_MOVE);
        } catch (AtomicMoveNotSupportedException e) {
            throw new IOException("layer store " + target.getParent().getParent() + " must be on one filesystem", e);
        } catch (FileSystemException e) {
            // rename(2) onto a non-empty directory fails (ENOTEMPTY): another unpacker won, same content
            if (!Files.isDirectory(target, LinkOption.NOFOLLOW_LINKS)) throw e;
        }
    }

    @Override
    public boolean has(Digest diffId) {
        return Files.isDirectory(directory(diffId));
    }

    @Override
    public Path directory(Digest diffId) {
        return dir.resolve(diffId.algorithm()).resolve(diffId.hex());
    }

    /**
     * Space really allocated, as {@code du -s} counts it: the sum of {@code st_blocks * 512} over the
     * layer's files, directories and links, each hard-linked inode once. Sparse files count their
     * allocated blocks, small files a whole block: what the disk loses, not what the tar held.
     */
    @Override
    public long diskUsage(Digest diffId) throws IOException {
        Path top = directory(diffId);
        if (!Files.isDirectory(top)) return 0;
        Set<Long> seenLinked = new HashSet<>();
        long[] total = {0};
        Files.walkFileTree(top, new SimpleFileVisitor<>() {
            @Override
            public FileVisitResult preVisitDirectory(Path d, BasicFileAttributes attrs) throws IOException {
                total[0] += sys.lstat(d).allocatedBytes();
                return FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult visitFile(Path f, BasicFileAttributes attrs) throws IOException {
                Syscalls.FileStat st = sys.lstat(f);
                if (st.nlink() < 2 || seenLinked.add(st.ino())) total[0] += st.allocatedBytes();
                return FileVisitResult.CONTINUE;
            }
        });
        return total[0];
    }

    @Override
    public void remove(Digest diffId) throws IOException {
        Path target = directory(diffId);
        if (!Files.exists(target)) return;
        // rename first, so the layer vanishes at once and a crash mid-delete leaves only .tmp garbage
        Path doomed = tmpDir.resolve(diffId.shortHex() + "-" + ProcessHandle.current().pid() + "-removed-" + System.nanoTime());
        try {
            Files.move(target, doomed, StandardCopyOption.ATOMIC_MOVE);
        } catch (java.nio.file.NoSuchFileException e) {
            return;
        }
        FileTrees.delete(doomed);
    }

    @Override
    public Set<Digest> list() throws IOException {
        Set<Digest> out = new TreeSet<>();
        try (Stream<Path> dirs = Files.list(dir.resolve("sha256"))) {
            dirs.map(p -> p.getFileName().toString()).filter(n -> HEX.matcher(n).matches())
                    .forEach(n -> out.add(new Digest("sha256", n)));
        }
        return out;
    }

    /** Temp dirs are named {@code <hex12>-<pid>-…}: those of processes that are gone are garbage. */
    private void removeAbandonedUnpacks() throws IOException {
        try (Stream<Path> entries = Files.list(tmpDir)) {
            for (Path p : entries.toList()) {
                String[] parts = p.getFileName().toString().split("-");
                if (parts.length < 3) continue;
                try {
                    long pid = Long.parseLong(parts[1]);
                    if (ProcessHandle.of(pid).isEmpty()) FileTrees.delete(p);
                } catch (NumberFormatException e) {
                    // not ours
                }
            }
        }
    }

    /** Counts the bytes read through it (the tar's size, for the unpack event). */
    private static final class CountingStream extends java.io.FilterInputStream {
        long count;

        CountingStream(InputStream in) {
            super(in);
        }

        @Override
        public int read() throws IOException {
            int b = in.read();
            if (b >= 0) count++;
            return b;
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            int n = in.read(b, off, len);
            if (n > 0) count += n;
            return n;
        }

        @Override
        public long skip(long n) throws IOException {
            // skipping would bypass the hash: read instead
            byte[] buf = new byte[(int) Math.min(n, 8192)];
            int r = read(buf, 0, buf.length);
            return Math.max(r, 0);
        }
    }

    /** A digest mismatch the tar source raised while it was read, if that is why reading failed. */
    private static DigestMismatchException mismatchIn(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof DigestMismatchException m) return m;
            for (Throwable s : t.getSuppressed()) {
                if (s instanceof DigestMismatchException m) return m;
            }
        }
        return null;
    }
}
