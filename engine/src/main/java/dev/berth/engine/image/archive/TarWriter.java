package dev.berth.engine.image.archive;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import java.util.HashSet;
import java.util.Set;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveOutputStream;

/**
 * Writes an archive's entries: files owned by root, mode 0644, dated the epoch so that saving the
 * same images twice gives the same bytes; content streamed with its size known up front.
 */
final class TarWriter {

    private static final FileTime EPOCH = FileTime.from(Instant.EPOCH);

    private final TarArchiveOutputStream tar;
    private final Set<String> dirs = new HashSet<>();

    TarWriter(OutputStream out) {
        this.tar = new TarArchiveOutputStream(out);
        tar.setLongFileMode(TarArchiveOutputStream.LONGFILE_POSIX);
        tar.setBigNumberMode(TarArchiveOutputStream.BIGNUMBER_POSIX);
    }

    void file(String name, byte[] content) throws IOException {
        file(name, content.length, new java.io.ByteArrayInputStream(content));
    }

    void file(String name, long size, InputStream content) throws IOException {
        parents(name);
        TarArchiveEntry entry = entry(name, TarArchiveEntry.DEFAULT_FILE_MODE);
        entry.setSize(size);
        tar.putArchiveEntry(entry);
        long copied = content.transferTo(tar);
        if (copied != size) throw new IOException(name + ": expected " + size + " bytes, the source gave " + copied);
        tar.closeArchiveEntry();
    }

    private void parents(String name) throws IOException {
        for (int slash = name.indexOf('/'); slash > 0; slash = name.indexOf('/', slash + 1)) {
            String dir = name.substring(0, slash + 1);
            if (dirs.add(dir)) {
                tar.putArchiveEntry(entry(dir, TarArchiveEntry.DEFAULT_DIR_MODE));
                tar.closeArchiveEntry();
            }
        }
    }

    private static TarArchiveEntry entry(String name, int mode) {
        TarArchiveEntry entry = new TarArchiveEntry(name);
        entry.setMode(mode);
        entry.setLastModifiedTime(EPOCH);
        entry.setUserId(0);
        entry.setGroupId(0);
        entry.setUserName("");
        entry.setGroupName("");
        return entry;
    }

    /** Ends the archive; the caller's stream stays open. */
    void finish() throws IOException {
        tar.finish();
        tar.flush();
    }
}
