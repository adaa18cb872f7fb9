package dev.berth.engine.image.store;

import dev.berth.engine.image.Digest;
import dev.berth.engine.image.DigestMismatchException;
import dev.berth.engine.image.layer.LayerStore;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.PosixFilePermission;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;

/**
 * A test stand-in for the real layer store (which handles overlay whiteouts): unpacks each
 * layer tar for real with commons-compress into {@code <root>/<hex>}, via a temporary directory
 * renamed into place once the tar hashed to its diff ID. Regular files, directories, symlinks
 * and hard links; devices and whiteouts are skipped.
 */
public final class TarDirectoryLayerStore implements LayerStore {

    private final Path root;
    public final AtomicInteger unpacks = new AtomicInteger();

    public TarDirectoryLayerStore(Path root) throws IOException {
        this.root = Files.createDirectories(root);
    }

    @Override
    public Path unpack(Digest diffId, TarSource source) throws IOException {
        Path dir = directory(diffId);
        if (Files.isDirectory(dir)) return dir;
        Path tmp = Files.createTempDirectory(root, ".unpack-");
        try {
            MessageDigest sha = Digest.newSha256();
            try (InputStream in = source.open(); DigestInputStream hashed = new DigestInputStream(in, sha)) {
                TarArchiveInputStream tar = new TarArchiveInputStream(hashed);
                extract(tar, tmp);
                hashed.transferTo(OutputStream.nullOutputStream());
            }
            Digest actual = Digest.fromHash(sha.digest());
            if (!actual.equals(diffId)) throw new DigestMismatchException("layer " + diffId, diffId, actual);
            Files.move(tmp, dir, StandardCopyOption.ATOMIC_MOVE);
            unpacks.incrementAndGet();
            return dir;
        } catch (IOException | RuntimeException e) {
            deleteTree(tmp);
            throw e;
        }
    }

    private static void extract(TarArchiveInputStream tar, Path into) throws IOException {
        List<Path> dirs = new ArrayList<>();
        List<Integer> dirModes = new ArrayList<>();
        for (TarArchiveEntry e = tar.getNextEntry(); e != null; e = tar.getNextEntry()) {
            Path target = safe(into, e.getName());
            if (target.equals(into)) continue;
            Files.createDirectories(target.getParent());
            if (e.isDirectory()) {
                Files.createDirectories(target);
                dirs.add(target);
                dirModes.add(e.getMode());
            } else if (e.isSymbolicLink()) {
                Files.createSymbolicLink(target, Path.of(e.getLinkName()));
            } else if (e.isLink()) {
                Files.createLink(target, safe(into, e.getLinkName()));
            } else if (e.isFile()) {
                Files.copy(tar, target, StandardCopyOption.REPLACE_EXISTING);
                Files.setPosixFilePermissions(target, perms(e.getMode()));
            }
        }
        for (int i = dirs.size() - 1; i >= 0; i--) Files.setPosixFilePermissions(dirs.get(i), perms(dirModes.get(i)));
    }

    private static Path safe(Path root, String name) throws IOException {
        Path p = root.resolve(name.replaceFirst("^(\\./|/)+", "")).normalize();
        if (!p.startsWith(root)) throw new IOException("tar entry " + name + " points outside the layer");
        return p;
    }

    private static Set<PosixFilePermission> perms(int mode) {
        Set<PosixFilePermission> s = EnumSet.noneOf(PosixFilePermission.class);
        PosixFilePermission[] all = PosixFilePermission.values(); // OWNER_READ … OTHERS_EXECUTE, high bit first
        for (int i = 0; i < 9; i++) if ((mode & (1 << (8 - i))) != 0) s.add(all[i]);
        return s;
    }

    @Override
    public boolean has(Digest diffId) {
        return Files.isDirectory(directory(diffId));
    }

    @Override
    public Path directory(Digest diffId) {
        return root.resolve(diffId.hex());
    }

    @Override
    public long diskUsage(Digest diffId) throws IOException {
        return bytes(directory(diffId));
    }

    /** Sum of regular file sizes under {@code dir}, each inode once (hard links count once). */
    public static long bytes(Path dir) throws IOException {
        Set<Object> seen = new HashSet<>();
        long total = 0;
        try (Stream<Path> s = Files.walk(dir)) {
            for (Path p : (Iterable<Path>) s::iterator) {
                BasicFileAttributes a = Files.readAttributes(p, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
                if (a.isRegularFile() && seen.add(a.fileKey())) total += a.size();
            }
        }
        return total;
    }

    @Override
    public void remove(Digest diffId) throws IOException {
        deleteTree(directory(diffId));
    }

    @Override
    public Set<Digest> list() throws IOException {
        Set<Digest> out = new TreeSet<>();
        try (Stream<Path> s = Files.list(root)) {
            s.map(p -> p.getFileName().toString()).filter(n -> !n.startsWith(".")).forEach(n -> out.add(new Digest("sha256", n)));
        }
        return out;
    }

    public static void deleteTree(Path dir) throws IOException {
        if (!Files.exists(dir, LinkOption.NOFOLLOW_LINKS)) return;
        Files.walkFileTree(dir, new SimpleFileVisitor<>() {
            @Override
            public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) throws IOException {
                Files.delete(file);
                return FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult preVisitDirectory(Path d, BasicFileAttributes attrs) throws IOException {
                d.toFile().setWritable(true, true);
                return FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult postVisitDirectory(Path d, IOException exc) throws IOException {
                Files.delete(d);
                return FileVisitResult.CONTINUE;
            }
        });
    }
}
