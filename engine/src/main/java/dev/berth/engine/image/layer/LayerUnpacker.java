package dev.berth.engine.image.layer;

import dev.berth.engine.image.Digest;
import dev.berth.engine.sys.Syscalls;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.time.Instant;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;

/**
 * Writes one layer tar into an empty directory in overlayfs form. OCI whiteouts become what
 * overlayfs reads: {@code .wh.NAME} a 0/0 character device NAME, {@code .wh..wh..opq} the
 * {@code trusted.overlay.opaque=y} xattr on its directory. No entry may write outside the
 * directory: names with {@code ..} or a leading {@code /}, paths through a symlink and hard links
 * to outside are refused ({@link UnsafeLayerEntryException}).
 */
final class LayerUnpacker {

    static final String WHITEOUT_PREFIX = ".wh.";
    static final String OPAQUE_MARKER = ".wh..wh..opq";
    static final String OPAQUE_XATTR = "trusted.overlay.opaque";
    private static final byte[] OPAQUE_VALUE = {'y'};
    private static final String PAX_XATTR = "SCHILY.xattr.";
    private static final LinkOption NOFOLLOW = LinkOption.NOFOLLOW_LINKS;

    /** Thrown when reading the tar itself fails, as opposed to writing the files. */
    static final class TarReadException extends IOException {
        TarReadException(Throwable cause) {
            super(cause.getMessage(), cause);
        }
    }

    private record DirMeta(int mode, Instant mtime) {}

    private final Syscalls sys;
    private final Digest diffId;
    private final Path root;
    private final int ownUid;
    private final int ownGid;
    /** Directories this unpack made or checked: a path under one of them cannot pass through a symlink. */
    private final Set<Path> realDirs = new HashSet<>();
    /** Directory modes and times are set last: adding children changes a directory's mtime. */
    private final Map<Path, DirMeta> dirMeta = new LinkedHashMap<>();
    private long entries;
    /** Whiteout devices this layer made: a directory that replaces one must hide the lower directory. */
    private final Set<Path> whiteouts = new HashSet<>();
    private PaxXattrTap rawXattrs;

    LayerUnpacker(Syscalls sys, Digest diffId, Path emptyRoot) throws IOException {
        this.sys = sys;
        this.diffId = diffId;
        this.root = emptyRoot;
        this.ownUid = (Integer) Files.getAttribute(emptyRoot, "unix:uid", NOFOLLOW);
        this.ownGid = (Integer) Files.getAttribute(emptyRoot, "unix:gid", NOFOLLOW);
        realDirs.add(root);
    }

    /** Unpacks every entry; returns the number of entries. The caller hashes and drains the stream. */
    long unpack(TarArchiveInputStream tar, PaxXattrTap rawXattrs) throws IOException {
        this.rawXattrs = rawXattrs;
        InputStream content = new ContentStream(tar);
        TarArchiveEntry e;
        while ((e = nextEntry(tar)) != null) {
            entries++;
            extract(e, content);
        }
        dirMeta.putIfAbsent(root, new DirMeta(0755, null));
        for (Map.Entry<Path, DirMeta> d : dirMeta.entrySet()) {
            chmod(d.getKey(), d.getValue().mode());
            if (d.getValue().mtime() != null) setTime(d.getKey(), d.getValue().mtime());
        }
        return entries;
    }

    private static TarArchiveEntry nextEntry(TarArchiveInputStream tar) throws TarReadException {
        try {
            return tar.getNextEntry();
        } catch (IOException | RuntimeException e) {
            throw new TarReadException(e);
        }
    }

    private void extract(TarArchiveEntry e, InputStream content) throws IOException {
        String name = e.getName();
        Path target = resolve(name, name);
        if (target.equals(root)) {
            if (!e.isDirectory()) throw unsafe(name, "it would replace the layer's root directory");
            applyDirectory(e, target);
            return;
        }
        Path parent = target.getParent();
        requireRealDirectory(parent, name, true);
        String base = target.getFileName().toString();
        if (base.startsWith(WHITEOUT_PREFIX)) {
            whiteout(e, parent, base);
            return;
        }
        BasicFileAttributes existing = attributesOrNull(target);
        if (existing != null) {
            if (e.isDirectory() && existing.isDirectory()) {
                applyDirectory(e, target);
                return;
            }
            deleteTree(target); // a later entry replaces an earlier one, as tar does
        }
        if (e.isDirectory()) {
            Files.createDirectory(target);
            realDirs.add(target);
            if (whiteouts.remove(target)) sys.lsetxattr(target, OPAQUE_XATTR, OPAQUE_VALUE);
            applyDirectory(e, target);
        } else if (e.isSymbolicLink()) {
            // the link's target is resolved inside the container's root at run time: any value is fine
            Files.createSymbolicLink(target, Path.of(e.getLinkName()));
            chown(e, target);
            xattrs(e, target);
            setTime(target, e.getLastModifiedTime().toInstant());
        } else if (e.isLink()) {
            hardLink(e, target);
        } else if (e.isCharacterDevice() || e.isBlockDevice() || e.isFIFO()) {
            int type = e.isCharacterDevice() ? Syscalls.S_IFCHR : e.isBlockDevice() ? Syscalls.S_IFBLK : Syscalls.S_IFIFO;
            sys.mknod(target, type | (e.getMode() & 07777), e.getDevMajor(), e.getDevMinor());
            applyFile(e, target);
        } else if (e.isFile() || e.isSparse() || e.getLinkFlag() == '7') {
            Files.copy(content, target);
            applyFile(e, target);
        } else {
            throw new CorruptLayerException(diffId, "has entry \"" + name + "\" of unsupported tar type '"
                    + (char) e.getLinkFlag() + "'", null);
        }
    }

    private void whiteout(TarArchiveEntry e, Path parent, String base) throws IOException {
        if (base.equals(OPAQUE_MARKER)) {
            sys.lsetxattr(parent, OPAQUE_XATTR, OPAQUE_VALUE);
        } else if (base.startsWith(WHITEOUT_PREFIX + WHITEOUT_PREFIX)) {
            // other .wh..wh.* names are aufs bookkeeping (hard link dirs): meaningless here, as in Docker
        } else {
            String hidden = base.substring(WHITEOUT_PREFIX.length());
            if (hidden.isEmpty() || hidden.equals(".") || hidden.equals("..")) {
                throw unsafe(e.getName(), "a whiteout must name a file");
            }
            Path node = parent.resolve(hidden);
            BasicFileAttributes existing = attributesOrNull(node);
            if (existing == null) {
                sys.mknod(node, Syscalls.S_IFCHR, 0, 0);
                chown(e, node);
                whiteouts.add(node);
            } else if (existing.isDirectory()) {
                // a whiteout applies to the layers below only (OCI): this layer's directory stays, shows nothing of theirs
                sys.lsetxattr(node, OPAQUE_XATTR, OPAQUE_VALUE);
            }
            // an existing file of this layer stays: it hides the lower one by itself
        }
    }

    private void hardLink(TarArchiveEntry e, Path target) throws IOException {
        String linkName = e.getLinkName();
        Path source = resolve(linkName, e.getName());
        if (source.equals(root)) throw unsafe(e.getName(), "a hard link to the layer's root directory");
        requireRealDirectory(source.getParent(), e.getName(), false);
        BasicFileAttributes a = attributesOrNull(source);
        if (a == null) throw unsafe(e.getName(), "hard link to \"" + linkName + "\", which is not in the layer (yet)");
        if (a.isDirectory()) throw unsafe(e.getName(), "hard link to the directory \"" + linkName + "\"");
        Files.createLink(target, source); // link(2) links a symlink itself, never its target
    }

    private void applyDirectory(TarArchiveEntry e, Path dir) throws IOException {
        chown(e, dir);
        xattrs(e, dir);
        dirMeta.put(dir, new DirMeta(e.getMode() & 07777, e.getLastModifiedTime().toInstant()));
    }

    /** Owner first: chown(2) clears setuid/setgid bits and file capabilities, so mode and xattrs follow it. */
    private void applyFile(TarArchiveEntry e, Path file) throws IOException {
        chown(e, file);
        chmod(file, e.getMode() & 07777);
        xattrs(e, file);
        setTime(file, e.getLastModifiedTime().toInstant());
    }

    private void chown(TarArchiveEntry e, Path p) throws IOException {
        int uid = (int) e.getLongUserId();
        int gid = (int) e.getLongGroupId();
        if (uid != ownUid || gid != ownGid) sys.lchown(p, uid, gid);
    }

    private void xattrs(TarArchiveEntry e, Path p) throws IOException {
        for (Map.Entry<String, String> h : e.getExtraPaxHeaders().entrySet()) {
            if (!h.getKey().startsWith(PAX_XATTR)) continue;
            String name = h.getKey().substring(PAX_XATTR.length());
            // overlayfs's own attributes come only from our whiteout conversion, never from an image
            if (name.startsWith("trusted.overlay.")) continue;
            sys.lsetxattr(p, name, xattrBytes(e, name, h.getValue()));
        }
    }

    /**
     * chmod(2) with setuid/setgid/sticky. Never called on a symlink (we made the file ourselves), and
     * not NOFOLLOW on purpose: the JDK then opens the file, which blocks forever on a fifo.
     */
    private static void chmod(Path p, int mode) throws IOException {
        Files.setAttribute(p, "unix:mode", mode);
    }

    /**
     * The attribute's bytes as the tar holds them. commons-compress gives a UTF-8 decoded string,
     * wrong for binary values; the tap's raw bytes are used when they decode to that same string.
     */
    private byte[] xattrBytes(TarArchiveEntry e, String name, String decoded) {
        byte[] raw = rawXattrs == null ? null : rawXattrs.entryXattrs().get(name);
        if (raw != null && new String(raw, StandardCharsets.UTF_8).equals(decoded)) return raw;
        if (decoded.indexOf('\uFFFD') >= 0) {
            throw new CorruptLayerException(diffId, "has entry \"" + e.getName() + "\" whose extended attribute "
                    + name + " could not be read back byte for byte", null);
        }
        return decoded.getBytes(StandardCharsets.UTF_8);
    }

    private void setTime(Path p, Instant t) throws IOException {
        sys.lutimes(p, t.getEpochSecond(), t.getNano());
    }

    /** The entry's place under the root; {@code ..} and absolute names are refused, {@code ./} is dropped. */
    private Path resolve(String name, String entry) {
        if (name.startsWith("/")) throw unsafe(entry, "absolute path \"" + name + "\"");
        Path p = root;
        for (String part : name.split("/")) {
            if (part.isEmpty() || part.equals(".")) continue;
            if (part.equals("..")) throw unsafe(entry, "path \"" + name + "\" contains \"..\"");
            if (part.indexOf('\0') >= 0) throw unsafe(entry, "path contains a NUL byte");
            p = p.resolve(part);
        }
        return p;
    }

    /**
     * Checks that {@code dir} and everything between it and the root are real directories, not
     * symlinks (an entry written through a symlink could land anywhere on the host). Missing
     * directories are made (mode 0755) when {@code create}, as tar does for implicit parents.
     */
    private void requireRealDirectory(Path dir, String entry, boolean create) throws IOException {
        if (realDirs.contains(dir)) return;
        requireRealDirectory(dir.getParent(), entry, create);
        BasicFileAttributes a = attributesOrNull(dir);
        if (a == null) {
            if (!create) throw unsafe(entry, "hard link into \"" + root.relativize(dir) + "\", which is not in the layer");
            Files.createDirectory(dir);
            chmod(dir, 0755);
        } else if (a.isSymbolicLink()) {
            throw unsafe(entry, "it would be written through the symlink \"" + root.relativize(dir) + "\" -> \""
                    + Files.readSymbolicLink(dir) + "\"");
        } else if (!a.isDirectory()) {
            throw unsafe(entry, "\"" + root.relativize(dir) + "\" is not a directory");
        }
        realDirs.add(dir);
    }

    private static BasicFileAttributes attributesOrNull(Path p) {
        try {
            return Files.readAttributes(p, BasicFileAttributes.class, NOFOLLOW);
        } catch (IOException e) {
            return null;
        }
    }

    private void deleteTree(Path p) throws IOException {
        realDirs.removeIf(d -> d.startsWith(p));
        whiteouts.removeIf(d -> d.startsWith(p) && !d.equals(p));
        dirMeta.keySet().removeIf(d -> d.startsWith(p));
        FileTrees.delete(p);
    }

    private UnsafeLayerEntryException unsafe(String entry, String why) {
        return new UnsafeLayerEntryException(diffId, entry, why);
    }

    /** The current entry's bytes; read failures are the tar's fault, not the disk's. */
    private static final class ContentStream extends FilterInputStream {
        ContentStream(InputStream in) {
            super(in);
        }

        @Override
        public int read() throws IOException {
            try {
                return in.read();
            } catch (IOException | RuntimeException e) {
                throw new TarReadException(e);
            }
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            try {
                return in.read(b, off, len);
            } catch (IOException | RuntimeException e) {
                throw new TarReadException(e);
            }
        }

        @Override
        public void close() {
            // the tar stream outlives each entry
        }
    }
}
