package dev.berth.engine.image.layer;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.berth.engine.image.Digest;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.security.DigestOutputStream;
import java.security.MessageDigest;
import java.util.Random;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveOutputStream;
import org.apache.commons.compress.archivers.tar.TarConstants;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Unpack speed of a generated ~100 MB layer (80 files of 1 MB, 10,000 of 2 KB, 500 directories,
 * some symlinks), read from a file as the blob store holds it. Prints, asserts nothing.
 * Opt-in: {@code mvn -pl engine test -Dtest=LayerUnpackSpeedTest -Dberth.bench=true}; add
 * {@code -Dberth.bench.dir=/dev/shm} to unpack on tmpfs (berth's own cost, without the disk).
 */
class LayerUnpackSpeedTest {

    @TempDir
    Path tmp;

    @Test
    void unpackSpeed() throws IOException {
        assumeTrue(Boolean.getBoolean("berth.bench"), "skipped: a benchmark; run with -Dberth.bench=true");
        RootOnly.assumeRoot();
        Path tarFile = tmp.resolve("layer.tar");
        Digest id = writeLayer(tarFile);
        long size = Files.size(tarFile);
        for (int run = 1; run <= 3; run++) {
            Path root = Files.createTempDirectory(Path.of(System.getProperty("berth.bench.dir", tmp.toString())), "bench-");
            LayerUnpacked[] event = new LayerUnpacked[1];
            DirectoryLayerStore store = DirectoryLayerStore.under(root, e -> event[0] = e);
            store.unpack(id, () -> Files.newInputStream(tarFile));
            System.out.printf("layer unpack run %d: %.1f MB tar, %d entries, %d ms, %.0f MB/s, %.1f MB on disk%n",
                    run, size / 1e6, event[0].entries(), event[0].elapsed().toMillis(), event[0].megabytesPerSecond(),
                    store.diskUsage(id) / 1e6);
            store.remove(id);
            FileTrees.delete(root);
        }
    }

    private static Digest writeLayer(Path file) throws IOException {
        MessageDigest sha = Digest.newSha256();
        Random random = new Random(42);
        FileTime mtime = FileTime.from(TarBuilder.MTIME);
        try (OutputStream out = new DigestOutputStream(Files.newOutputStream(file), sha);
                TarArchiveOutputStream tar = new TarArchiveOutputStream(out, 1 << 16)) {
            tar.setLongFileMode(TarArchiveOutputStream.LONGFILE_POSIX);
            byte[] big = new byte[1 << 20];
            byte[] small = new byte[2048];
            for (int d = 0; d < 500; d++) {
                TarArchiveEntry dir = new TarArchiveEntry("usr/share/pkg" + d + "/", TarConstants.LF_DIR);
                dir.setModTime(mtime);
                tar.putArchiveEntry(dir);
                tar.closeArchiveEntry();
                for (int f = 0; f < 20; f++) add(tar, "usr/share/pkg" + d + "/file" + f, small, random, mtime, 0644);
                TarArchiveEntry link = new TarArchiveEntry("usr/share/pkg" + d + "/link", TarConstants.LF_SYMLINK);
                link.setLinkName("file0");
                link.setModTime(mtime);
                tar.putArchiveEntry(link);
                tar.closeArchiveEntry();
            }
            for (int f = 0; f < 80; f++) add(tar, "usr/lib/big" + f + ".so", big, random, mtime, 0755);
        }
        return Digest.fromHash(sha.digest());
    }

    private static void add(TarArchiveOutputStream tar, String name, byte[] buf, Random random, FileTime mtime, int mode)
            throws IOException {
        random.nextBytes(buf);
        TarArchiveEntry e = new TarArchiveEntry(name);
        e.setSize(buf.length);
        e.setMode(mode);
        e.setModTime(mtime);
        tar.putArchiveEntry(e);
        tar.write(buf);
        tar.closeArchiveEntry();
    }
}
