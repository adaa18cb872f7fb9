package dev.berth.engine.image.build;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.berth.engine.image.Digest;
import dev.berth.engine.image.ImageException;
import dev.berth.engine.image.MediaTypes;
import dev.berth.engine.image.store.HistoryRow;
import dev.berth.engine.image.store.Image;
import dev.berth.engine.image.store.ImageStore;
import dev.berth.engine.image.store.TarDirectoryLayerStore;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import java.util.ArrayList;
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
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RootfsImporterTest {

    private static final Instant CREATED = Instant.parse("2024-02-03T04:05:06Z");

    @TempDir
    Path tmp;

    TarDirectoryLayerStore layers;
    ImageStore store;

    @BeforeEach
    void open() throws IOException {
        layers = new TarDirectoryLayerStore(tmp.resolve("layers"));
        store = new ImageStore(tmp.resolve("images"), layers, id -> false);
    }

    static Path busybox() {
        assumeTrue(Files.isExecutable(BusyboxRootfs.DEFAULT_BINARY),
                "skipped: " + BusyboxRootfs.DEFAULT_BINARY + " is missing (apt-get install busybox-static)");
        return BusyboxRootfs.DEFAULT_BINARY;
    }

    @Test
    void busyboxBecomesARunnableOneLayerImage() throws Exception {
        Image img = BusyboxRootfs.importInto(store, busybox(), "busybox:latest");
        assertEquals(List.of("busybox:latest"), img.repoTags());
        assertEquals(1, img.manifest().layers().size());
        assertEquals(MediaTypes.OCI_LAYER_GZIP, img.manifest().layers().getFirst().mediaType());
        assertEquals("linux", img.config().os());
        assertEquals("amd64", img.config().architecture());
        assertEquals(List.of("sh"), img.config().containerConfig().cmd());
        assertTrue(img.config().containerConfig().env().getFirst().startsWith("PATH=/usr/local/sbin"));
        assertEquals("2000-01-01T00:00:00Z", img.config().created());
        assertTrue(img.size() >= Files.size(busybox()), "Size counts the unpacked busybox binary");

        Path root = layers.directory(img.diffIds().getFirst());
        assertTrue(Files.isExecutable(root.resolve("bin/busybox")));
        for (String applet : BusyboxRootfs.APPLETS) {
            assertEquals(Path.of("busybox"), Files.readSymbolicLink(root.resolve("bin").resolve(applet)), applet);
        }
        assertTrue(Files.readString(root.resolve("etc/passwd")).startsWith("root:x:0:0:"));
        assertEquals("rwxrwxrwx", java.nio.file.attribute.PosixFilePermissions.toString(
                Files.getPosixFilePermissions(root.resolve("tmp"))));

        // GNU tar, an independent reader, lists the layer blob as written
        assumeTrue(Files.isExecutable(Path.of("/usr/bin/tar")) || Files.isExecutable(Path.of("/bin/tar")), "skipped: no tar");
        ProcessBuilder tarList = new ProcessBuilder("tar", "-tvzf",
                store.blobs().path(img.manifest().layers().getFirst().digest()).toString()).redirectErrorStream(true);
        tarList.environment().put("TZ", "UTC");
        Process tar = tarList.start();
        String listing = new String(tar.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertEquals(0, tar.waitFor(), listing);
        assertTrue(listing.contains("bin/sh -> busybox"), listing);
        assertTrue(listing.contains("2000-01-01 00:00 tmp/"), listing);
        assertTrue(listing.lines().anyMatch(l -> l.startsWith("drwxrwxrwt") && l.endsWith(" tmp/")), listing);

        // the unpacked layer is a working root filesystem: run its shell in it (real kernel, as root)
        assumeTrue("root".equals(System.getProperty("user.name")), "skipped: chroot needs root");
        assumeTrue(Files.isExecutable(Path.of("/usr/sbin/chroot")), "skipped: no chroot");
        Process p = new ProcessBuilder("/usr/sbin/chroot", root.toString(), "/bin/sh", "-c", "echo hello; ls /bin")
                .redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
        assertEquals(0, p.waitFor(), out);
        List<String> expected = new ArrayList<>(List.of("hello", "busybox"));
        expected.addAll(BusyboxRootfs.APPLETS);
        assertEquals(expected.stream().sorted().toList(), List.of(out.split("\\s+")).stream().sorted().toList(), out);
    }

    @Test
    void theSameRootfsAlwaysMakesTheSameImage() throws IOException {
        Image first = BusyboxRootfs.importInto(store, busybox());
        ImageStore other = new ImageStore(tmp.resolve("other/images"), new TarDirectoryLayerStore(tmp.resolve("other/layers")), id -> false);
        Image second = BusyboxRootfs.importInto(other, busybox());
        assertEquals(first.id(), second.id());
        assertEquals(first.manifestDigest(), second.manifestDigest());
        assertEquals(first.manifest().layers(), second.manifest().layers(), "same layer tar, same gzip blob");
        try (Stream<Path> s = Files.list(store.workDir())) {
            assertEquals(0, s.count(), "no work files left behind");
        }
    }

    @Test
    void aLayerTarReimportsToTheSameDiffIdPlainOrGzip() throws IOException {
        Path dir = BusyboxRootfs.create(busybox(), tmp.resolve("rootfs"));
        Image fromDir = new RootfsImporter(store).importRootfs(dir, ImportOptions.defaults().withCreated(CREATED));
        Path gz = tmp.resolve("layer.tar.gz");
        Files.copy(store.blobs().path(fromDir.manifest().layers().getFirst().digest()), gz);
        Path plain = tmp.resolve("layer.tar");
        try (InputStream in = GzipCompressorInputStream.builder().setPath(gz).get()) {
            Files.copy(in, plain);
        }
        for (Path tar : List.of(gz, plain)) {
            Image again = new RootfsImporter(store).importRootfs(tar, ImportOptions.defaults().withCreated(CREATED));
            assertEquals(fromDir.diffIds(), again.diffIds(), tar.toString());
            assertEquals(fromDir.manifest().layers().getFirst().digest(), again.manifest().layers().getFirst().digest());
        }
    }

    @Test
    void directoryEntriesKeepOwnerModeTimeAndLinks() throws IOException {
        assumeTrue("root".equals(System.getProperty("user.name")), "skipped: chown needs root");
        Path dir = Files.createDirectories(tmp.resolve("rootfs/etc"));
        Path file = Files.writeString(dir.resolve("conf"), "x=1\n");
        Files.setAttribute(file, "unix:uid", 1234);
        Files.setAttribute(file, "unix:gid", 5678);
        Files.setAttribute(file, "unix:mode", 0640);
        Files.setLastModifiedTime(file, FileTime.from(1_600_000_000_123L, TimeUnit.MILLISECONDS));
        Files.createLink(dir.resolve("a-hardlink"), file);
        Files.createSymbolicLink(dir.resolve("link"), Path.of("conf"));
        Image img = new RootfsImporter(store).importRootfs(tmp.resolve("rootfs"), ImportOptions.defaults());
        Map<String, TarArchiveEntry> entries = layerEntries(img);
        assertEquals(List.of("etc/", "etc/a-hardlink", "etc/conf", "etc/link"), List.copyOf(entries.keySet()), "sorted");
        TarArchiveEntry first = entries.get("etc/a-hardlink");
        assertTrue(first.isFile() && !first.isLink(), "the first name (sorted) of a hard-linked file carries the content");
        assertEquals(1234, first.getLongUserId());
        assertEquals(5678, first.getLongGroupId());
        assertEquals(0640, first.getMode() & 07777);
        assertEquals(1_600_000_000L, first.getLastModifiedTime().to(TimeUnit.SECONDS));
        assertTrue(entries.get("etc/conf").isLink());
        assertEquals("etc/a-hardlink", entries.get("etc/conf").getLinkName());
        assertTrue(entries.get("etc/link").isSymbolicLink());
        assertEquals("conf", entries.get("etc/link").getLinkName());
        Path unpacked = layers.directory(img.diffIds().getFirst());
        assertEquals(Files.getAttribute(unpacked.resolve("etc/conf"), "unix:ino"),
                Files.getAttribute(unpacked.resolve("etc/a-hardlink"), "unix:ino"), "unpacked as one inode");
    }

    @Test
    void devicesAndFifosAreArchivedAsSuch() throws Exception {
        assumeTrue("root".equals(System.getProperty("user.name")), "skipped: mknod needs root");
        Path dir = Files.createDirectories(tmp.resolve("rootfs/dev"));
        run("mknod", dir.resolve("null").toString(), "c", "1", "3");
        run("mknod", dir.resolve("loop300").toString(), "b", "7", "300");
        run("mkfifo", dir.resolve("fifo").toString());
        Image img = new RootfsImporter(store).importRootfs(tmp.resolve("rootfs"), ImportOptions.defaults());
        Map<String, TarArchiveEntry> entries = layerEntries(img);
        TarArchiveEntry nul = entries.get("dev/null");
        assertTrue(nul.isCharacterDevice());
        assertEquals(1, nul.getDevMajor());
        assertEquals(3, nul.getDevMinor());
        TarArchiveEntry loop = entries.get("dev/loop300");
        assertTrue(loop.isBlockDevice());
        assertEquals(7, loop.getDevMajor());
        assertEquals(300, loop.getDevMinor(), "minor numbers above 255 use the high bits of rdev");
        assertTrue(entries.get("dev/fifo").isFIFO());
    }

    private static void run(String... cmd) throws IOException, InterruptedException {
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertEquals(0, p.waitFor(), String.join(" ", cmd) + ": " + out);
    }

    @Test
    void anUnsortedTarIsSortedWithHardLinksFixedAndLaterDuplicatesWinning() throws IOException {
        Path tar = tmp.resolve("rootfs.tar");
        try (TarArchiveOutputStream out = new TarArchiveOutputStream(Files.newOutputStream(tar))) {
            file(out, "./zeta/data", "first version");
            file(out, "./alpha", "a");
            link(out, "./beta", "zeta/data"); // sorts before its target
            file(out, "./zeta/data", "second version");
            dir(out, "./zeta/");
        }
        Image img = new RootfsImporter(store).importRootfs(tar, ImportOptions.defaults().withMessage("from a tar")
                .withTags("app:1", "app:2"));
        Map<String, TarArchiveEntry> entries = layerEntries(img);
        assertEquals(List.of("alpha", "beta", "zeta/", "zeta/data"), List.copyOf(entries.keySet()));
        assertFalse(entries.get("beta").isLink());
        assertEquals("beta", entries.get("zeta/data").getLinkName());
        Path unpacked = layers.directory(img.diffIds().getFirst());
        assertEquals("second version", Files.readString(unpacked.resolve("zeta/data")));
        assertEquals("second version", Files.readString(unpacked.resolve("beta")));
        assertEquals(List.of("app:1", "app:2"), img.repoTags());
        assertEquals("from a tar", img.config().comment());
        List<HistoryRow> history = HistoryRow.of(img);
        assertEquals(1, history.size());
        assertEquals("from a tar", history.getFirst().comment());
        assertEquals(img.size(), history.getFirst().size());
    }

    @Test
    void importFailuresLeaveTheStoreUnchanged() throws IOException {
        Path notATar = Files.writeString(tmp.resolve("notes.txt"), "this is not a tar archive, just text\n".repeat(40));
        store.workDir();
        Map<String, String> before = listing();
        InvalidRootfsException e = assertThrows(InvalidRootfsException.class,
                () -> new RootfsImporter(store).importRootfs(notATar, ImportOptions.defaults()));
        assertTrue(e.getMessage().contains("not a readable tar archive"), e.getMessage());
        assertEquals(before, listing());

        Path dir = Files.createDirectories(tmp.resolve("rootfs"));
        Files.writeString(dir.resolve("f"), "f");
        assertThrows(InvalidChangeException.class, () -> new RootfsImporter(store).importRootfs(dir,
                ImportOptions.defaults().withChanges(List.of("RUN rm -rf /"))));
        assertThrows(ImageException.class, () -> new RootfsImporter(store).importRootfs(dir,
                ImportOptions.defaults().withTags("Not/Valid")));
        ImageException missing = assertThrows(ImageException.class,
                () -> new RootfsImporter(store).importRootfs(tmp.resolve("nope"), ImportOptions.defaults()));
        assertTrue(missing.getMessage().contains("no such file or directory"), missing.getMessage());
        assertEquals(before, listing());
        assertTrue(store.list().isEmpty());
    }

    @Test
    void changesAndMessageGoIntoTheConfig() throws IOException {
        Path dir = Files.createDirectories(tmp.resolve("rootfs"));
        Files.writeString(dir.resolve("f"), "f");
        Image img = new RootfsImporter(store).importRootfs(dir, ImportOptions.defaults()
                .withChanges(List.of("ENTRYPOINT [\"/f\"]", "EXPOSE 8080", "WORKDIR /w", "USER 1000", "LABEL a=b"))
                .withCreated(CREATED));
        var c = img.config().containerConfig();
        assertEquals(List.of("/f"), c.entrypoint());
        assertEquals(List.of("8080/tcp"), List.copyOf(c.exposedPorts().keySet()));
        assertEquals("/w", c.workingDir());
        assertEquals("1000", c.user());
        assertEquals(Map.of("a", "b"), c.labels());
        assertEquals("Imported from rootfs", img.config().comment());
        assertEquals(CREATED, img.created());
        assertNotEquals(Digest.sha256(new byte[0]), img.id());
    }

    private Map<String, TarArchiveEntry> layerEntries(Image img) throws IOException {
        Map<String, TarArchiveEntry> out = new TreeMap<>();
        List<String> order = new ArrayList<>();
        Path blob = store.blobs().path(img.manifest().layers().getFirst().digest());
        try (InputStream in = GzipCompressorInputStream.builder().setPath(blob).get();
             TarArchiveInputStream tar = new TarArchiveInputStream(in)) {
            for (TarArchiveEntry e = tar.getNextEntry(); e != null; e = tar.getNextEntry()) {
                out.put(e.getName(), e);
                order.add(e.getName());
            }
        }
        assertEquals(List.copyOf(out.keySet()), order, "entries are written in sorted order");
        return out;
    }

    private Map<String, String> listing() throws IOException {
        Map<String, String> out = new TreeMap<>();
        for (Path root : List.of(tmp.resolve("images"), tmp.resolve("layers"))) {
            try (Stream<Path> s = Files.walk(root)) {
                for (Path p : (Iterable<Path>) s::iterator) {
                    out.put(p.toString(), Files.isDirectory(p, LinkOption.NOFOLLOW_LINKS) ? "dir" : Files.size(p) + "");
                }
            }
        }
        return out;
    }

    private static void file(TarArchiveOutputStream out, String name, String content) throws IOException {
        byte[] b = content.getBytes(StandardCharsets.UTF_8);
        TarArchiveEntry e = new TarArchiveEntry(name);
        e.setSize(b.length);
        e.setMode(0644);
        out.putArchiveEntry(e);
        out.write(b);
        out.closeArchiveEntry();
    }

    private static void link(TarArchiveOutputStream out, String name, String target) throws IOException {
        TarArchiveEntry e = new TarArchiveEntry(name, TarConstants.LF_LINK);
        e.setLinkName(target);
        out.putArchiveEntry(e);
        out.closeArchiveEntry();
    }

    private static void dir(TarArchiveOutputStream out, String name) throws IOException {
        TarArchiveEntry e = new TarArchiveEntry(name);
        e.setMode(0755);
        out.putArchiveEntry(e);
        out.closeArchiveEntry();
    }

}
