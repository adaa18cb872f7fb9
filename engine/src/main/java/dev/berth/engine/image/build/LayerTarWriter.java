package dev.berth.engine.image.build;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.FileTime;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;
import org.apache.commons.compress.archivers.tar.TarArchiveOutputStream;
import org.apache.commons.compress.archivers.tar.TarConstants;
import org.apache.commons.compress.compressors.gzip.GzipCompressorInputStream;

/**
 * Writes a root filesystem (a directory, or a tar, plain or gzip) as a deterministic layer tar:
 * entries sorted by name, owner, mode and mtime (whole seconds) kept, symlinks and hard links as
 * links, devices and fifos as such; sockets skipped. The same input always gives the same bytes,
 * so the same diff ID.
 */
final class LayerTarWriter {

    private static final int S_IFMT = 0170000;
    private static final int S_IFSOCK = 0140000;
    private static final int S_IFLNK = 0120000;
    private static final int S_IFREG = 0100000;
    private static final int S_IFBLK = 0060000;
    private static final int S_IFDIR = 0040000;
    private static final int S_IFCHR = 0020000;
    private static final int S_IFIFO = 0010000;

    /** A header and where its content is: a file of the source directory, or a range of the spool. */
    private record Item(TarArchiveEntry header, Path file, long offset) {
    }

    private final Path workDir;

    /** @param workDir where a tar's contents are spooled while it is sorted */
    LayerTarWriter(Path workDir) {
        this.workDir = workDir;
    }

    void write(Path source, OutputStream out) throws IOException {
        if (Files.isDirectory(source)) {
            writeSorted(fromDirectory(source), null, out);
            return;
        }
        Path spool = Files.createTempFile(workDir, "import-", ".spool");
        try {
            List<Item> items = fromTar(source, spool);
            try (FileChannel ch = FileChannel.open(spool, StandardOpenOption.READ)) {
                writeSorted(items, ch, out);
            }
        } finally {
            Files.deleteIfExists(spool);
        }
    }

    private static List<Item> fromDirectory(Path root) throws IOException {
        List<Path> paths;
        try (Stream<Path> s = Files.walk(root)) {
            paths = s.filter(p -> !p.equals(root)).toList();
        }
        TreeMap<String, Path> byName = new TreeMap<>();
        for (Path p : paths) {
            String name = root.relativize(p).toString().replace('\\', '/');
            if (Files.isDirectory(p, LinkOption.NOFOLLOW_LINKS)) name += "/";
            byName.put(name, p);
        }
        Map<Object, String> firstOfInode = new HashMap<>();
        List<Item> items = new ArrayList<>();
        for (Map.Entry<String, Path> e : byName.entrySet()) {
            String name = e.getKey();
            Path p = e.getValue();
            Map<String, Object> a = Files.readAttributes(p, "unix:mode,uid,gid,ino,dev,nlink,rdev,size,lastModifiedTime",
                    LinkOption.NOFOLLOW_LINKS);
            int mode = (Integer) a.get("mode");
            int type = mode & S_IFMT;
            TarArchiveEntry h;
            switch (type) {
                case S_IFDIR -> h = new TarArchiveEntry(name, TarConstants.LF_DIR);
                case S_IFLNK -> {
                    h = new TarArchiveEntry(name, TarConstants.LF_SYMLINK);
                    h.setLinkName(Files.readSymbolicLink(p).toString());
                }
                case S_IFREG -> {
                    Object inode = List.of(a.get("dev"), a.get("ino"));
                    String first = (Integer) a.get("nlink") > 1 ? firstOfInode.putIfAbsent(inode, name) : null;
                    if (first != null) {
                        h = new TarArchiveEntry(name, TarConstants.LF_LINK);
                        h.setLinkName(first);
                    } else {
                        h = new TarArchiveEntry(name, TarConstants.LF_NORMAL);
                        h.setSize((Long) a.get("size"));
                    }
                }
                case S_IFCHR, S_IFBLK, S_IFIFO -> {
                    h = new TarArchiveEntry(name, type == S_IFCHR ? TarConstants.LF_CHR
                            : type == S_IFBLK ? TarConstants.LF_BLK : TarConstants.LF_FIFO);
                    long rdev = (Long) a.get("rdev");
                    h.setDevMajor((int) (((rdev >> 8) & 0xfff) | ((rdev >> 32) & ~0xfffL)));
                    h.setDevMinor((int) ((rdev & 0xff) | ((rdev >> 12) & ~0xffL)));
                }
                case S_IFSOCK -> {
                    continue; // sockets are not content (tar and docker skip them)
                }
                default -> throw new IOException("cannot archive " + p + ": unknown file type " + Integer.toOctalString(type));
            }
            h.setMode(mode & 07777);
            h.setUserId((Integer) a.get("uid"));
            h.setGroupId((Integer) a.get("gid"));
            h.setModTime(seconds((FileTime) a.get("lastModifiedTime")));
            items.add(new Item(h, h.isFile() && !h.isLink() ? p : null, -1));
        }
        return items;
    }

    private static List<Item> fromTar(Path tarFile, Path spool) throws IOException {
        Map<String, Item> byName = new LinkedHashMap<>();
        try (InputStream raw = new BufferedInputStream(Files.newInputStream(tarFile), 65536);
             OutputStream spoolOut = Files.newOutputStream(spool)) {
            InputStream in = raw;
            raw.mark(2);
            int b1 = raw.read();
            int b2 = raw.read();
            raw.reset();
            if (b1 == 0x1f && b2 == 0x8b) {
                in = GzipCompressorInputStream.builder().setInputStream(raw).setDecompressConcatenated(true).get();
            }
            TarArchiveInputStream tar = new TarArchiveInputStream(in);
            long offset = 0;
            boolean any = false;
            for (TarArchiveEntry e = tar.getNextEntry(); e != null; e = tar.getNextEntry()) {
                any = true;
                String name = clean(e.getName());
                if (name.isEmpty() || name.equals("/")) continue; // the root itself
                TarArchiveEntry h = copyHeader(e, name);
                long start = -1;
                if (h.isFile() && !h.isLink()) {
                    start = offset;
                    long n = tar.transferTo(spoolOut);
                    if (n != e.getSize()) throw new IOException("entry " + e.getName() + " is truncated");
                    offset += n;
                }
                byName.remove(name); // a later entry of the same name wins, as on extraction
                byName.put(name, new Item(h, null, start));
            }
            if (!any) throw new IOException("no tar entries found");
        } catch (IOException | IllegalArgumentException e) {
            throw new InvalidRootfsException("cannot import " + tarFile + ": not a readable tar archive (plain or gzip): "
                    + e.getMessage(), e);
        }
        return canonicalHardLinks(new TreeMap<>(byName));
    }

    private static TarArchiveEntry copyHeader(TarArchiveEntry e, String name) {
        TarArchiveEntry h;
        if (e.isDirectory()) {
            h = new TarArchiveEntry(name.endsWith("/") ? name : name + "/", TarConstants.LF_DIR);
        } else {
            byte flag = e.isSymbolicLink() ? TarConstants.LF_SYMLINK : e.isLink() ? TarConstants.LF_LINK
                    : e.isCharacterDevice() ? TarConstants.LF_CHR : e.isBlockDevice() ? TarConstants.LF_BLK
                    : e.isFIFO() ? TarConstants.LF_FIFO : TarConstants.LF_NORMAL;
            h = new TarArchiveEntry(name, flag);
            if (e.isSymbolicLink()) h.setLinkName(e.getLinkName());
            if (e.isLink()) h.setLinkName(clean(e.getLinkName()));
            if (e.isCharacterDevice() || e.isBlockDevice()) {
                h.setDevMajor(e.getDevMajor());
                h.setDevMinor(e.getDevMinor());
            }
            if (flag == TarConstants.LF_NORMAL) h.setSize(e.getSize());
        }
        h.setMode(e.getMode() & 07777);
        h.setUserId(e.getLongUserId());
        h.setGroupId(e.getLongGroupId());
        h.setUserName(e.getUserName());
        h.setGroupName(e.getGroupName());
        h.setModTime(seconds(e.getLastModifiedTime()));
        // extended attributes (file capabilities, …) travel as SCHILY.xattr.* PAX records
        new TreeMap<>(e.getExtraPaxHeaders()).forEach((k, v) -> {
            if (k.startsWith("SCHILY.xattr.")) h.addPaxHeader(k, v);
        });
        return h;
    }

    /**
     * In sorted order a hard link may come before the file it links to; tar needs the file first.
     * The first name of each group (in sorted order) becomes the file, the others link to it.
     */
    private static List<Item> canonicalHardLinks(TreeMap<String, Item> sorted) {
        Map<String, String> fileOf = new HashMap<>(); // link name → the entry with the content
        for (Map.Entry<String, Item> e : sorted.entrySet()) {
            if (!e.getValue().header().isLink()) continue;
            String t = e.getValue().header().getLinkName();
            for (int hops = 0; sorted.containsKey(t) && sorted.get(t).header().isLink() && hops < 64; hops++) {
                t = sorted.get(t).header().getLinkName();
            }
            if (sorted.containsKey(t) && !sorted.get(t).header().isLink()) fileOf.put(e.getKey(), t);
        }
        Map<String, String> canonicalOf = new HashMap<>(); // content entry → first name of its group
        fileOf.forEach((link, file) -> canonicalOf.merge(file, link.compareTo(file) < 0 ? link : file,
                (a, b) -> a.compareTo(b) <= 0 ? a : b));
        List<Item> out = new ArrayList<>();
        for (Map.Entry<String, Item> e : sorted.entrySet()) {
            String name = e.getKey();
            String file = e.getValue().header().isLink() ? fileOf.get(name) : canonicalOf.containsKey(name) ? name : null;
            if (file == null) {
                out.add(e.getValue());
                continue;
            }
            String canonical = canonicalOf.get(file);
            Item content = sorted.get(file);
            if (name.equals(canonical)) {
                TarArchiveEntry h = relabel(content.header(), name, TarConstants.LF_NORMAL);
                h.setSize(content.header().getSize());
                out.add(new Item(h, null, content.offset()));
            } else {
                TarArchiveEntry h = relabel(content.header(), name, TarConstants.LF_LINK);
                h.setLinkName(canonical);
                out.add(new Item(h, null, -1));
            }
        }
        return out;
    }

    private static TarArchiveEntry relabel(TarArchiveEntry h, String name, byte flag) {
        TarArchiveEntry r = new TarArchiveEntry(name, flag);
        r.setMode(h.getMode());
        r.setUserId(h.getLongUserId());
        r.setGroupId(h.getLongGroupId());
        r.setUserName(h.getUserName());
        r.setGroupName(h.getGroupName());
        r.setModTime(h.getLastModifiedTime());
        h.getExtraPaxHeaders().forEach(r::addPaxHeader);
        return r;
    }

    private static void writeSorted(List<Item> items, FileChannel spool, OutputStream out) throws IOException {
        TarArchiveOutputStream tar = new TarArchiveOutputStream(new NonClosing(out), 512);
        tar.setLongFileMode(TarArchiveOutputStream.LONGFILE_POSIX);
        tar.setBigNumberMode(TarArchiveOutputStream.BIGNUMBER_POSIX);
        tar.setAddPaxHeadersForNonAsciiNames(true);
        for (Item item : items) {
            tar.putArchiveEntry(item.header());
            if (item.header().isFile() && !item.header().isLink() && item.header().getSize() > 0) {
                if (item.file() != null) {
                    long n;
                    try (InputStream in = Files.newInputStream(item.file())) {
                        n = in.transferTo(tar);
                    }
                    if (n != item.header().getSize()) {
                        throw new IOException(item.file() + " changed size while being archived; import a quiet directory");
                    }
                } else {
                    InputStream in = Channels.newInputStream(spool.position(item.offset()));
                    long left = item.header().getSize();
                    byte[] buf = new byte[65536];
                    while (left > 0) {
                        int r = in.read(buf, 0, (int) Math.min(buf.length, left));
                        if (r < 0) throw new IOException("spool ended early");
                        tar.write(buf, 0, r);
                        left -= r;
                    }
                }
            }
            tar.closeArchiveEntry();
        }
        tar.finish();
        tar.close();
    }

    private static String clean(String name) {
        String n = name;
        while (n.startsWith("./")) n = n.substring(2);
        while (n.startsWith("/")) n = n.substring(1);
        return n.equals(".") ? "" : n;
    }

    private static FileTime seconds(FileTime t) {
        return FileTime.from(t.to(TimeUnit.SECONDS), TimeUnit.SECONDS);
    }

    /** Lets the tar stream finish without closing the caller's stream. */
    private static final class NonClosing extends java.io.FilterOutputStream {
        NonClosing(OutputStream out) {
            super(out);
        }

        @Override
        public void write(byte[] b, int off, int len) throws IOException {
            out.write(b, off, len);
        }

        @Override
        public void close() throws IOException {
            flush();
        }
    }
}
