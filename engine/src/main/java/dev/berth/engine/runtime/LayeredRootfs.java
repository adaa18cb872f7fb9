package dev.berth.engine.runtime;

import dev.berth.engine.sys.Errno;
import dev.berth.engine.sys.SyscallException;
import dev.berth.engine.sys.Syscalls;
import java.io.IOException;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A container's root filesystem read from its layer directories, as overlayfs would show it, without
 * mounting anything (berthd reads the image's {@code /etc/passwd} before the container's mount
 * namespace exists). Layers are given top first — the container's upper dir, then the image's
 * layers — in the form {@code DirectoryLayerStore} unpacks them and the kernel writes upper dirs:
 * a whiteout is a 0/0 character device, an opaque directory has {@code trusted.overlay.opaque=y}.
 * Symbolic links are followed inside the merged tree (an absolute target starts at its root; {@code ..}
 * stops at the root), as a lookup in the container would.
 */
public final class LayeredRootfs {

    private static final int MAX_SYMLINKS = 40; // Linux's limit per lookup
    private static final int S_IFMT = 0170000;
    private static final int S_IFCHR = 0020000;
    private static final String OPAQUE_XATTR = "trusted.overlay.opaque";

    private final List<Path> layersTopFirst;
    private final Syscalls sys;

    public LayeredRootfs(List<Path> layersTopFirst, Syscalls sys) {
        if (layersTopFirst.isEmpty()) throw new IllegalArgumentException("a root filesystem needs at least one layer");
        this.layersTopFirst = List.copyOf(layersTopFirst);
        this.sys = sys;
    }

    /** What a name in a merged directory is. */
    private sealed interface Entry {}

    private record Missing() implements Entry {}

    /** A directory: its instances in the layers, top first, down to an opaque one. */
    private record Directory(List<Path> layers) implements Entry {}

    private record Symlink(Path path) implements Entry {}

    private record Other(Path path) implements Entry {}

    /**
     * The layer file that {@code absolutePath} names in the merged tree, following symlinks; empty if
     * it does not exist, is whited out, is a directory, or a symlink loop is in the way.
     */
    public Optional<Path> find(String absolutePath) throws IOException {
        return resolve(absolutePath) instanceof Other o ? Optional.of(o.path()) : Optional.empty();
    }

    /** What {@code absolutePath} names in the merged tree, symlinks followed inside it. */
    private Entry resolve(String absolutePath) throws IOException {
        Deque<String> todo = new ArrayDeque<>(components(absolutePath));
        List<String> resolved = new ArrayList<>();
        int links = 0;
        while (!todo.isEmpty()) {
            String name = todo.pop();
            if (name.isEmpty() || name.equals(".")) continue;
            if (name.equals("..")) {
                if (!resolved.isEmpty()) resolved.removeLast();
                continue;
            }
            Directory dir = directory(resolved);
            if (dir == null) return new Missing();
            switch (lookup(dir, name)) {
                case Missing m -> {
                    return m;
                }
                case Directory d -> resolved.add(name);
                case Symlink s -> {
                    if (++links > MAX_SYMLINKS) return new Missing();
                    String target = Files.readSymbolicLink(s.path()).toString();
                    List<String> parts = components(target);
                    for (int i = parts.size() - 1; i >= 0; i--) todo.push(parts.get(i));
                    if (target.startsWith("/")) resolved.clear();
                }
                case Other o -> {
                    if (!todo.isEmpty()) return new Missing(); // a file used as a directory: ENOTDIR
                    return o;
                }
            }
        }
        Directory d = directory(resolved);
        return d == null ? new Missing() : d;
    }

    /**
     * Docker's copy-up of a new volume: the merged directory at {@code absolutePath} (symlinks followed
     * inside this tree only, never to the host's files) copied into {@code destination} with owners,
     * modes and times; the destination directory takes the source directory's owner and mode. Returns
     * false (and copies nothing) when the path is not a directory here.
     */
    public boolean copyDirectory(String absolutePath, Path destination) throws IOException {
        if (!(resolve(absolutePath) instanceof Directory d)) return false;
        copyChildren(d, destination);
        copyOwnerAndMode(d.layers().getFirst(), destination);
        return true;
    }

    private void copyChildren(Directory d, Path destination) throws IOException {
        java.util.TreeSet<String> names = new java.util.TreeSet<>();
        for (Path layer : d.layers()) {
            if (!Files.isDirectory(layer, LinkOption.NOFOLLOW_LINKS)) continue; // an upper dir not made yet
            try (var s = Files.list(layer)) {
                s.forEach(p -> names.add(p.getFileName().toString()));
            }
        }
        for (String name : names) {
            Path to = destination.resolve(name);
            switch (lookup(d, name)) {
                case Missing m -> { } // whited out
                case Directory sub -> {
                    Files.createDirectories(to);
                    copyChildren(sub, to);
                    copyOwnerAndMode(sub.layers().getFirst(), to);
                }
                case Symlink link -> Files.copy(link.path(), to, LinkOption.NOFOLLOW_LINKS, java.nio.file.StandardCopyOption.COPY_ATTRIBUTES);
                case Other o -> {
                    Map<String, Object> a = Files.readAttributes(o.path(), "unix:mode,rdev,uid,gid", LinkOption.NOFOLLOW_LINKS);
                    int mode = (Integer) a.get("mode");
                    if ((mode & S_IFMT) == 0100000) {
                        Files.copy(o.path(), to, LinkOption.NOFOLLOW_LINKS, java.nio.file.StandardCopyOption.COPY_ATTRIBUTES);
                    } else {
                        long rdev = (Long) a.get("rdev");
                        sys.mknod(to, mode, (int) ((rdev >> 8) & 0xfff), (int) ((rdev & 0xff) | ((rdev >> 12) & 0xfff00)));
                        sys.lchown(to, (Integer) a.get("uid"), (Integer) a.get("gid"));
                    }
                }
            }
        }
    }

    private static void copyOwnerAndMode(Path from, Path to) throws IOException {
        Map<String, Object> a = Files.readAttributes(from, "unix:mode,uid,gid,lastModifiedTime", LinkOption.NOFOLLOW_LINKS);
        Files.setAttribute(to, "unix:uid", a.get("uid"), LinkOption.NOFOLLOW_LINKS);
        Files.setAttribute(to, "unix:gid", a.get("gid"), LinkOption.NOFOLLOW_LINKS);
        Files.setAttribute(to, "unix:mode", ((Integer) a.get("mode")) & 07777, LinkOption.NOFOLLOW_LINKS);
        Files.setLastModifiedTime(to, (java.nio.file.attribute.FileTime) a.get("lastModifiedTime"));
    }

    /** The file's content, or empty if {@link #find} finds none. */
    public Optional<byte[]> read(String absolutePath) throws IOException {
        Optional<Path> file = find(absolutePath);
        return file.isEmpty() ? Optional.empty() : Optional.of(Files.readAllBytes(file.get()));
    }

    private Directory directory(List<String> components) throws IOException {
        Directory dir = new Directory(layersTopFirst);
        for (String name : components) {
            if (!(lookup(dir, name) instanceof Directory d)) return null;
            dir = d;
        }
        return dir;
    }

    /** overlayfs's lookup of one name: the top layer that has it decides, directories merge down to an opaque one. */
    private Entry lookup(Directory dir, String name) throws IOException {
        List<Path> found = new ArrayList<>();
        for (Path layer : dir.layers()) {
            Path p = layer.resolve(name);
            Map<String, Object> a;
            try {
                a = Files.readAttributes(p, "unix:mode,rdev", LinkOption.NOFOLLOW_LINKS);
            } catch (NoSuchFileException e) {
                continue;
            }
            int mode = (Integer) a.get("mode");
            boolean whiteout = (mode & S_IFMT) == S_IFCHR && (Long) a.get("rdev") == 0;
            if (whiteout) break;
            if ((mode & S_IFMT) == 0040000) {
                found.add(p);
                if (opaque(p)) break;
                continue;
            }
            if (!found.isEmpty()) break; // a lower non-directory under a directory is hidden
            return Files.isSymbolicLink(p) ? new Symlink(p) : new Other(p);
        }
        return found.isEmpty() ? new Missing() : new Directory(List.copyOf(found));
    }

    private boolean opaque(Path dir) throws IOException {
        try {
            return sys.lgetxattr(dir, OPAQUE_XATTR).map(v -> v.length == 1 && v[0] == 'y').orElse(false);
        } catch (SyscallException e) {
            if (e.errno() == Errno.ENOTSUP) return false; // a filesystem without xattrs has no opaque directories
            throw e;
        }
    }

    private static List<String> components(String path) {
        return Arrays.stream(path.split("/")).filter(s -> !s.isEmpty()).toList();
    }
}
