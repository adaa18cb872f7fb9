package dev.berth.engine.image.archive;

import dev.berth.engine.image.ImageException;
import java.io.BufferedInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.HashMap;
import java.util.Map;
import java.util.stream.Stream;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;
import org.apache.commons.compress.compressors.gzip.GzipCompressorInputStream;

/**
 * A tar archive read in one pass into a scratch directory, because {@code docker save} may write
 * {@code manifest.json} after the layers it names: every regular file is spooled, links are
 * remembered, and the archive is interpreted afterwards. A gzip-compressed archive is read too
 * ({@code docker load} accepts {@code docker save | gzip}).
 */
final class SpooledTar implements ArchiveFiles {

    private static final int MAX_LINK_HOPS = 40;

    private final String source;
    private final Path dir;
    private final Map<String, Path> files = new HashMap<>();
    private final Map<String, String> links = new HashMap<>();
    private long bytes;

    private SpooledTar(String source, Path dir) {
        this.source = source;
        this.dir = dir;
    }

    /** Spools {@code archive} under a new directory in {@code scratchParent}; {@link #close()} removes it. */
    static SpooledTar spool(InputStream archive, String source, Path scratchParent) throws IOException {
        Files.createDirectories(scratchParent);
        SpooledTar tar = new SpooledTar(source, Files.createTempDirectory(scratchParent, "berth-archive-"));
        try {
            tar.read(archive);
            return tar;
        } catch (IOException | RuntimeException e) {
            tar.close();
            throw e;
        }
    }

    private void read(InputStream archive) throws IOException {
        BufferedInputStream in = new BufferedInputStream(archive, 1 << 16);
        in.mark(2);
        boolean gzip = in.read() == 0x1f && in.read() == 0x8b;
        in.reset();
        InputStream plain = gzip ? new GzipCompressorInputStream(in, true) : in;
        TarArchiveInputStream tar = new TarArchiveInputStream(plain);
        int count = 0;
        byte[] buffer = new byte[1 << 16];
        while (true) {
            TarArchiveEntry entry;
            try {
                entry = tar.getNextEntry();
            } catch (IOException e) {
                if (count == 0 && !(e instanceof EOFException)) throw new NotAnImageArchiveException(source + " (not a tar: " + e.getMessage() + ")");
                throw new TruncatedArchiveException(source + ": a tar header after entry " + count + " is unreadable", e);
            }
            if (entry == null) break;
            count++;
            String name = ArchivePaths.normalize(entry.getName());
            if (name == null || name.isEmpty()) continue;
            if (entry.isSymbolicLink()) {
                String target = ArchivePaths.resolveLink(name, entry.getLinkName());
                if (target != null) links.put(name, target);
            } else if (entry.isLink()) {
                String target = ArchivePaths.normalize(entry.getLinkName());
                if (target != null) links.put(name, target);
            } else if (entry.isFile()) {
                Path file = dir.resolve("entry-" + count);
                copyEntry(tar, name, entry.getSize(), file, buffer);
                files.put(name, file);
                bytes += entry.getSize();
                links.remove(name);
            }
        }
        if (count == 0) throw new NotAnImageArchiveException(source + " (an empty or non-tar file)");
    }

    /** Copies one entry's data; a short read means the archive ends inside the entry. */
    private void copyEntry(TarArchiveInputStream tar, String name, long size, Path file, byte[] buffer) throws IOException {
        long copied = 0;
        try (OutputStream out = Files.newOutputStream(file)) {
            while (true) {
                int n;
                try {
                    n = tar.read(buffer);
                } catch (IOException e) {
                    throw new TruncatedArchiveException(source + " ends inside " + name + " after " + copied
                            + " of its " + size + " bytes", e);
                }
                if (n < 0) break;
                copied += n;
                try {
                    out.write(buffer, 0, n);
                } catch (IOException e) {
                    throw new ImageException("cannot spool " + name + " of " + source + " to " + dir
                            + ": " + e.getMessage() + " (is the disk full? set a scratch directory with room)", e);
                }
            }
        }
        if (copied != size) {
            throw new TruncatedArchiveException(source + " ends inside " + name + " after " + copied
                    + " of its " + size + " bytes", null);
        }
    }

    @Override
    public Path find(String name) {
        String current = ArchivePaths.normalize(name);
        for (int hop = 0; current != null && hop < MAX_LINK_HOPS; hop++) {
            Path file = files.get(current);
            if (file != null) return file;
            current = resolveThroughLinks(current);
        }
        return null;
    }

    /** The name after following a link at the name itself or at one of its parent directories; null when none. */
    private String resolveThroughLinks(String name) {
        String link = links.get(name);
        if (link != null) return link;
        for (int slash = name.lastIndexOf('/'); slash > 0; slash = name.lastIndexOf('/', slash - 1)) {
            String parentTarget = links.get(name.substring(0, slash));
            if (parentTarget != null) return ArchivePaths.normalize(parentTarget + name.substring(slash));
        }
        return null;
    }

    /** Bytes of file content spooled. */
    long bytes() {
        return bytes;
    }

    @Override
    public String describe() {
        return source;
    }

    @Override
    public void close() throws IOException {
        if (!Files.exists(dir)) return;
        try (Stream<Path> walk = Files.walk(dir)) {
            for (Path p : walk.sorted(Comparator.reverseOrder()).toList()) Files.deleteIfExists(p);
        }
    }
}
