package dev.berth.engine.image.build;

import dev.berth.engine.image.store.Image;
import dev.berth.engine.image.store.ImageStore;
import java.io.IOException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.BasicFileAttributeView;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.FileTime;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Instant;
import java.util.List;
import java.util.stream.Stream;

/**
 * The offline base image for samples and tests: a tiny root filesystem around a static busybox
 * (Debian's {@code busybox-static}, {@code /usr/bin/busybox}) — {@code bin/busybox}, applet
 * symlinks, {@code /etc/passwd} and {@code /etc/group}, the usual empty directories — with fixed
 * times, so the same busybox binary always makes the same image ID.
 *
 * <p>From a script: {@code java -cp … dev.berth.engine.image.build.BusyboxRootfs /usr/bin/busybox DIR}
 * writes the rootfs to {@code DIR}; then {@code berth image import} it with {@link #IMAGE_CHANGES}.
 */
public final class BusyboxRootfs {

    public static final Path DEFAULT_BINARY = Path.of("/usr/bin/busybox");
    public static final List<String> APPLETS = List.of("sh", "ls", "echo", "cat", "wget", "httpd", "ping", "sleep", "true");
    /** The run defaults of Docker Hub's busybox image. */
    public static final List<String> IMAGE_CHANGES = List.of(
            "ENV PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin", "CMD [\"sh\"]");
    /** Every file's time and the image's creation time: 2000-01-01T00:00:00Z. */
    public static final Instant FIXED_TIME = Instant.parse("2000-01-01T00:00:00Z");

    private BusyboxRootfs() {
    }

    /** Builds the rootfs in {@code dir} (created; must be empty if it exists). Returns {@code dir}. */
    public static Path create(Path busybox, Path dir) throws IOException {
        if (!Files.isRegularFile(busybox)) {
            throw new IOException(busybox + " is not a file: install busybox-static (apt-get install busybox-static) or give its path");
        }
        Files.createDirectories(dir);
        try (Stream<Path> s = Files.list(dir)) {
            if (s.findAny().isPresent()) throw new IOException(dir + " is not empty: give a new or empty directory");
        }
        for (String d : List.of("bin", "dev", "etc", "home", "proc", "root", "sys", "tmp", "usr/bin", "var/www")) {
            Files.createDirectories(dir.resolve(d));
        }
        Files.copy(busybox, dir.resolve("bin/busybox"), StandardCopyOption.COPY_ATTRIBUTES);
        Files.setPosixFilePermissions(dir.resolve("bin/busybox"), PosixFilePermissions.fromString("rwxr-xr-x"));
        for (String applet : APPLETS) Files.createSymbolicLink(dir.resolve("bin").resolve(applet), Path.of("busybox"));
        Files.writeString(dir.resolve("etc/passwd"), "root:x:0:0:root:/root:/bin/sh\nnobody:x:65534:65534:nobody:/home:/bin/false\n");
        Files.writeString(dir.resolve("etc/group"), "root:x:0:\nnobody:x:65534:\n");
        Files.setPosixFilePermissions(dir.resolve("tmp"), PosixFilePermissions.fromString("rwxrwxrwx"));
        Files.setPosixFilePermissions(dir.resolve("root"), PosixFilePermissions.fromString("rwx------"));
        // sticky bit on /tmp: java.nio has no name for it, chmod does it
        setMode(dir.resolve("tmp"), 01777);
        fixTimes(dir);
        return dir;
    }

    /** Imports the busybox rootfs as an image with {@link #IMAGE_CHANGES} and fixed times, tagged as given. */
    public static Image importInto(ImageStore store, Path busybox, String... tags) throws IOException {
        Path rootfs = Files.createTempDirectory(store.workDir(), "busybox-rootfs-");
        try {
            create(busybox, rootfs);
            ImportOptions options = ImportOptions.defaults().withChanges(IMAGE_CHANGES)
                    .withMessage("busybox from " + busybox).withCreated(FIXED_TIME).withTags(tags);
            return new RootfsImporter(store).importRootfs(rootfs, options);
        } finally {
            deleteTree(rootfs);
        }
    }

    private static void setMode(Path p, int mode) throws IOException {
        Files.setAttribute(p, "unix:mode", mode, LinkOption.NOFOLLOW_LINKS);
    }

    private static void fixTimes(Path dir) throws IOException {
        FileTime t = FileTime.from(FIXED_TIME);
        // children first: touching an entry changes its directory's mtime
        Files.walkFileTree(dir, new SimpleFileVisitor<>() {
            @Override
            public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) throws IOException {
                Files.getFileAttributeView(file, BasicFileAttributeView.class, LinkOption.NOFOLLOW_LINKS).setTimes(t, t, null);
                return FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult postVisitDirectory(Path d, IOException exc) throws IOException {
                Files.getFileAttributeView(d, BasicFileAttributeView.class, LinkOption.NOFOLLOW_LINKS).setTimes(t, t, null);
                return FileVisitResult.CONTINUE;
            }
        });
    }

    private static void deleteTree(Path dir) throws IOException {
        if (!Files.exists(dir, LinkOption.NOFOLLOW_LINKS)) return;
        Files.walkFileTree(dir, new SimpleFileVisitor<>() {
            @Override
            public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) throws IOException {
                Files.delete(file);
                return FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult postVisitDirectory(Path d, IOException exc) throws IOException {
                Files.delete(d);
                return FileVisitResult.CONTINUE;
            }
        });
    }

    /** {@code BusyboxRootfs [BUSYBOX] DIR}: writes the rootfs to DIR (for samples/busybox scripts). */
    public static void main(String[] args) throws IOException {
        if (args.length < 1 || args.length > 2) {
            System.err.println("usage: BusyboxRootfs [BUSYBOX_BINARY] TARGET_DIR   (busybox defaults to " + DEFAULT_BINARY + ")");
            System.exit(2);
        }
        Path busybox = args.length == 2 ? Path.of(args[0]) : DEFAULT_BINARY;
        try {
            create(busybox, Path.of(args[args.length - 1]));
        } catch (IOException e) {
            System.err.println("berth: " + e.getMessage());
            System.exit(1);
        }
    }
}
