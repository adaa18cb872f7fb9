package dev.berth.engine.image.layer;

import dev.berth.engine.image.Digest;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import java.util.Map;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveOutputStream;
import org.apache.commons.compress.archivers.tar.TarConstants;

/** Writes layer tars for tests with commons-compress: PAX long names, any name (even hostile ones). */
final class TarBuilder {

    static final Instant MTIME = Instant.parse("2021-06-01T12:00:00Z");

    private final ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    private final TarArchiveOutputStream tar = new TarArchiveOutputStream(bytes);

    TarBuilder() {
        tar.setLongFileMode(TarArchiveOutputStream.LONGFILE_POSIX);
        tar.setBigNumberMode(TarArchiveOutputStream.BIGNUMBER_POSIX);
        tar.setAddPaxHeadersForNonAsciiNames(true);
    }

    /** GNU ././@LongLink entries for long names instead of PAX. */
    TarBuilder gnuLongNames() {
        tar.setLongFileMode(TarArchiveOutputStream.LONGFILE_GNU);
        return this;
    }

    static TarArchiveEntry entry(String name, byte type, int mode) {
        TarArchiveEntry e = new TarArchiveEntry(name, type, true); // true: keep the name exactly as given
        e.setMode(mode);
        e.setModTime(FileTime.from(MTIME));
        return e;
    }

    TarBuilder dir(String name) {
        return dir(name, 0755);
    }

    TarBuilder dir(String name, int mode) {
        return add(entry(name.endsWith("/") ? name : name + "/", TarConstants.LF_DIR, mode), null);
    }

    TarBuilder file(String name, String content) {
        return file(name, content.getBytes(StandardCharsets.UTF_8), 0644);
    }

    TarBuilder file(String name, byte[] content, int mode) {
        return add(entry(name, TarConstants.LF_NORMAL, mode), content);
    }

    TarBuilder symlink(String name, String target) {
        TarArchiveEntry e = entry(name, TarConstants.LF_SYMLINK, 0777);
        e.setLinkName(target);
        return add(e, null);
    }

    TarBuilder hardlink(String name, String target) {
        TarArchiveEntry e = entry(name, TarConstants.LF_LINK, 0644);
        e.setLinkName(target);
        return add(e, null);
    }

    /** OCI whiteout: deletes {@code path} of the layers below. */
    TarBuilder whiteout(String path) {
        int slash = path.lastIndexOf('/');
        String wh = path.substring(0, slash + 1) + ".wh." + path.substring(slash + 1);
        return file(wh, new byte[0], 0644);
    }

    /** OCI opaque marker: {@code dir} shows nothing of the layers below. */
    TarBuilder opaque(String dir) {
        return file(dir + "/.wh..wh..opq", new byte[0], 0644);
    }

    /**
     * A PAX extended header written byte for byte, for the entry that follows: how Go's archive/tar
     * and GNU tar store binary xattr values (commons-compress would write them as UTF-8 text).
     */
    TarBuilder rawPax(String forName, Map<String, byte[]> records) {
        ByteArrayOutputStream data = new ByteArrayOutputStream();
        for (Map.Entry<String, byte[]> r : records.entrySet()) {
            byte[] key = r.getKey().getBytes(StandardCharsets.UTF_8);
            int body = 1 + key.length + 1 + r.getValue().length + 1; // ' ' key '=' value '\n'
            int len = body + Integer.toString(body).length();
            if (Integer.toString(len).length() != Integer.toString(body).length()) len++;
            data.writeBytes(Integer.toString(len).getBytes(StandardCharsets.US_ASCII));
            data.write(' ');
            data.writeBytes(key);
            data.write('=');
            data.writeBytes(r.getValue());
            data.write('\n');
        }
        return add(entry("PaxHeaders/" + forName, TarConstants.LF_PAX_EXTENDED_HEADER_LC, 0644), data.toByteArray());
    }

    TarBuilder add(TarArchiveEntry e, byte[] content) {
        try {
            if (content != null) e.setSize(content.length);
            tar.putArchiveEntry(e);
            if (content != null) tar.write(content);
            tar.closeArchiveEntry();
            return this;
        } catch (IOException x) {
            throw new UncheckedIOException(x);
        }
    }

    byte[] build() {
        try {
            tar.finish();
            tar.close();
            return bytes.toByteArray();
        } catch (IOException x) {
            throw new UncheckedIOException(x);
        }
    }

    static Digest digest(byte[] tar) {
        return Digest.sha256(tar);
    }
}
