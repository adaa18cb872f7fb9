package dev.berth.engine.image.layer;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.berth.engine.image.Digest;
import dev.berth.engine.image.DigestMismatchException;
import dev.berth.engine.sys.Syscalls;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarConstants;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DirectoryLayerStoreTest {

    private static final LinkOption NOFOLLOW = LinkOption.NOFOLLOW_LINKS;
    private final Syscalls sys = Syscalls.linux();
    private final List<LayerUnpacked> events = new CopyOnWriteArrayList<>();

    @TempDir
    Path tmp;

    private DirectoryLayerStore store;

    @BeforeEach
    void setUp() throws IOException {
        RootOnly.assumeRoot();
        store = DirectoryLayerStore.under(tmp.resolve("root"), events::add);
    }

    private Path unpack(byte[] tar) throws IOException {
        return store.unpack(TarBuilder.digest(tar), () -> new ByteArrayInputStream(tar));
    }

    @Test
    void unpacksEveryKindOfEntryWithItsMetadata() throws IOException {
        String longName = "deep/" + "x".repeat(120) + "/" + "y".repeat(150) + ".txt";
        TarArchiveEntry owned = TarBuilder.entry("bin/tool", TarConstants.LF_NORMAL, 04755);
        owned.setUserId(1234);
        owned.setGroupId(5678);
        owned.addPaxHeader("SCHILY.xattr.user.origin", "berth-test");
        TarArchiveEntry ownedLink = TarBuilder.entry("bin/tool-link", TarConstants.LF_SYMLINK, 0777);
        ownedLink.setLinkName("tool");
        ownedLink.setUserId(42);
        ownedLink.setGroupId(43);
        TarArchiveEntry fifo = TarBuilder.entry("run/fifo", TarConstants.LF_FIFO, 0600);
        TarArchiveEntry nullDev = TarBuilder.entry("dev/null", TarConstants.LF_CHR, 0666);
        nullDev.setDevMajor(1);
        nullDev.setDevMinor(3);
        byte[] tar = new TarBuilder()
                .dir("bin")
                .add(owned, "#!/bin/sh\n".getBytes(StandardCharsets.UTF_8))
                .add(ownedLink, null)
                .hardlink("bin/tool-hard", "bin/tool")
                .dir("tmp", 01777)
                .dir("shared", 02775)
                .file(longName, "long")
                .file("caf\u00e9/na\u00efve.txt", "unicode")
                .dir("run").add(fifo, null)
                .dir("dev").add(nullDev, null)
                .file("replaced", "first").dir("replaced")
                .build();

        Path layer = unpack(tar);

        assertEquals(store.directory(TarBuilder.digest(tar)), layer);
        Path tool = layer.resolve("bin/tool");
        assertEquals(04755, mode(tool) & 07777, "setuid survives the chown");
        assertEquals(1234, Files.getAttribute(tool, "unix:uid"));
        assertEquals(5678, Files.getAttribute(tool, "unix:gid"));
        assertEquals(Optional.of("berth-test"), sys.lgetxattr(tool, "user.origin").map(String::new));
        assertEquals(FileTime.from(TarBuilder.MTIME), Files.getLastModifiedTime(tool));

        Path link = layer.resolve("bin/tool-link");
        assertTrue(Files.isSymbolicLink(link));
        assertEquals(Path.of("tool"), Files.readSymbolicLink(link));
        assertEquals(42, Files.getAttribute(link, "unix:uid", NOFOLLOW), "lchown owns the link, not its target");
        assertEquals(FileTime.from(TarBuilder.MTIME), Files.getLastModifiedTime(link, NOFOLLOW));

        assertEquals(Files.getAttribute(tool, "unix:ino"), Files.getAttribute(layer.resolve("bin/tool-hard"), "unix:ino"));
        assertEquals(2, Files.getAttribute(tool, "unix:nlink"));
        assertEquals(01777, mode(layer.resolve("tmp")) & 07777);
        assertEquals(02775, mode(layer.resolve("shared")) & 07777);
        assertEquals(FileTime.from(TarBuilder.MTIME), Files.getLastModifiedTime(layer.resolve("bin")),
                "a directory's time is set after its children were added");
        assertEquals("long", Files.readString(layer.resolve(longName)));
        assertEquals("unicode", Files.readString(layer.resolve("caf\u00e9/na\u00efve.txt")));
        assertTrue(Files.isDirectory(layer.resolve("caf\u00e9")), "implicit parent made");
        assertEquals(0755, mode(layer.resolve("caf\u00e9")) & 07777);
        assertEquals(Syscalls.S_IFIFO, mode(layer.resolve("run/fifo")) & 0170000);
        assertEquals(Syscalls.S_IFCHR, mode(layer.resolve("dev/null")) & 0170000);
        assertEquals(0x103L, ((Number) Files.getAttribute(layer.resolve("dev/null"), "unix:rdev")).longValue());
        assertTrue(Files.isDirectory(layer.resolve("replaced"), NOFOLLOW), "a later entry replaces an earlier one");
        assertEquals(0755, mode(layer) & 07777, "the layer root is world-readable");
    }

    @Test
    void whiteoutsBecomeOverlayCharacterDevicesAndOpaqueXattrs() throws IOException {
        byte[] tar = new TarBuilder()
                .dir("etc").whiteout("etc/gone")
                .dir("var/cache").opaque("var/cache").file("var/cache/fresh", "new")
                .file(".wh..wh.plnk", "aufs bookkeeping, ignored")
                .build();

        Path layer = unpack(tar);

        Path gone = layer.resolve("etc/gone");
        assertEquals(Syscalls.S_IFCHR, mode(gone) & 0170000);
        assertEquals(0L, ((Number) Files.getAttribute(gone, "unix:rdev")).longValue(), "whiteout is device 0/0");
        assertFalse(Files.exists(layer.resolve("etc/.wh.gone"), NOFOLLOW));
        assertEquals("y", new String(sys.lgetxattr(layer.resolve("var/cache"), LayerUnpacker.OPAQUE_XATTR).orElseThrow()));
        assertFalse(Files.exists(layer.resolve("var/cache/.wh..wh..opq"), NOFOLLOW));
        assertEquals(Optional.empty(), sys.lgetxattr(layer.resolve("etc"), LayerUnpacker.OPAQUE_XATTR));
        assertEquals(Set.of("etc", "var"), names(layer));
    }

    @Test
    void binaryXattrValuesSurviveByteForByte() throws IOException {
        byte[] capability = {1, 0, 0, 2, (byte) 0x80, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0}; // CAP_SETUID: 0x80
        byte[] binary = {0, 1, (byte) 0xff, (byte) 0xfe, '\n', '=', ' '};
        byte[] tar = new TarBuilder().gnuLongNames()
                .file("odd-size", new byte[1001], 0644)
                .file("l".repeat(130) + "/long-gnu-name", "x")
                .rawPax("caps", Map.of("SCHILY.xattr.security.capability", capability))
                .file("caps", new byte[513], 0755)
                .rawPax("bin", Map.of("SCHILY.xattr.user.bin", binary, "SCHILY.xattr.user.text", "plain".getBytes()))
                .file("bin", "b")
                .build();
        Path layer = unpack(tar);
        assertArrayEquals(capability, sys.lgetxattr(layer.resolve("caps"), "security.capability").orElseThrow());
        assertArrayEquals(binary, sys.lgetxattr(layer.resolve("bin"), "user.bin").orElseThrow());
        assertEquals("plain", new String(sys.lgetxattr(layer.resolve("bin"), "user.text").orElseThrow()));
        assertEquals(Optional.empty(), sys.lgetxattr(layer.resolve("odd-size"), "user.bin"), "only on its own entry");
    }

    @Test
    void imageSuppliedOverlayXattrsAreDropped() throws IOException {
        TarArchiveEntry sneaky = TarBuilder.entry("d/", TarConstants.LF_DIR, 0755);
        sneaky.addPaxHeader("SCHILY.xattr.trusted.overlay.opaque", "y");
        byte[] tar = new TarBuilder().add(sneaky, null).build();
        Path layer = unpack(tar);
        assertEquals(Optional.empty(), sys.lgetxattr(layer.resolve("d"), LayerUnpacker.OPAQUE_XATTR));
    }

    @Test
    void aLayerIsUnpackedOnce() throws IOException {
        byte[] tar = new TarBuilder().file("a", "1").build();
        Digest id = TarBuilder.digest(tar);
        Path first = unpack(tar);
        FileTime firstTime = Files.getLastModifiedTime(first.getParent());
        Path second = store.unpack(id, () -> {
            throw new AssertionError("the tar must not be read again");
        });
        assertEquals(first, second);
        assertEquals(1, events.size());
        assertEquals(id, events.getFirst().diffId());
        assertEquals(tar.length, events.getFirst().tarBytes());
        assertEquals(firstTime, Files.getLastModifiedTime(first.getParent()));
        assertTrue(store.has(id));
        assertEquals(Set.of(id), store.list());
    }

    @Test
    void concurrentUnpacksOfOneLayerInOneProcessDoTheWorkOnce() throws Exception {
        byte[] tar = bigTar(200);
        Digest id = TarBuilder.digest(tar);
        ExecutorService pool = Executors.newFixedThreadPool(8);
        CountDownLatch go = new CountDownLatch(1);
        AtomicInteger opened = new AtomicInteger();
        List<Future<Path>> results = new ArrayList<>();
        for (int i = 0; i < 8; i++) {
            results.add(pool.submit(() -> {
                go.await();
                return store.unpack(id, () -> {
                    opened.incrementAndGet();
                    return new ByteArrayInputStream(tar);
                });
            }));
        }
        go.countDown();
        for (Future<Path> f : results) assertEquals(store.directory(id), f.get());
        pool.shutdown();
        assertEquals(1, opened.get());
        assertEquals(1, events.size());
        assertEquals(200, countFiles(store.directory(id)));
    }

    @Test
    void twoStoresOnOneDirectoryRaceAndOneRenameWins() throws Exception {
        byte[] tar = bigTar(300);
        Digest id = TarBuilder.digest(tar);
        DirectoryLayerStore other = DirectoryLayerStore.under(tmp.resolve("root"), events::add);
        CountDownLatch go = new CountDownLatch(1);
        ExecutorService pool = Executors.newFixedThreadPool(2);
        Future<Path> a = pool.submit(() -> { go.await(); return store.unpack(id, () -> new ByteArrayInputStream(tar)); });
        Future<Path> b = pool.submit(() -> { go.await(); return other.unpack(id, () -> new ByteArrayInputStream(tar)); });
        go.countDown();
        assertEquals(a.get(), b.get());
        pool.shutdown();
        assertEquals(300, countFiles(store.directory(id)));
        assertEquals(List.of(), leftovers(), "the loser's temp dir is gone");
    }

    @Test
    void aDigestMismatchLeavesNothing() throws IOException {
        byte[] tar = new TarBuilder().file("a", "1").build();
        Digest wrong = Digest.sha256("something else".getBytes(StandardCharsets.UTF_8));
        DigestMismatchException e = assertThrows(DigestMismatchException.class,
                () -> store.unpack(wrong, () -> new ByteArrayInputStream(tar)));
        assertEquals(TarBuilder.digest(tar), e.actual());
        assertFalse(store.has(wrong));
        assertEquals(Set.of(), store.list());
        assertEquals(List.of(), leftovers());
        assertTrue(events.isEmpty());
    }

    @Test
    void aTruncatedTarIsAClearErrorAndLeavesNothing() throws IOException {
        byte[] whole = new TarBuilder().file("big", new byte[10_000], 0644).build();
        byte[] cut = Arrays.copyOf(whole, 3000);
        Digest id = TarBuilder.digest(cut); // the digest matches: only the tar itself is broken
        CorruptLayerException e = assertThrows(CorruptLayerException.class,
                () -> store.unpack(id, () -> new ByteArrayInputStream(cut)));
        assertTrue(e.getMessage().startsWith("layer " + id + " is truncated or not a tar"), e.getMessage());
        assertEquals(Set.of(), store.list());
        assertEquals(List.of(), leftovers());
    }

    @Test
    void somethingThatIsNotATarIsAClearError() throws IOException {
        byte[] junk = new byte[4096];
        new Random(7).nextBytes(junk);
        Digest id = TarBuilder.digest(junk);
        CorruptLayerException e = assertThrows(CorruptLayerException.class,
                () -> store.unpack(id, () -> new ByteArrayInputStream(junk)));
        assertTrue(e.getMessage().contains("is truncated or not a tar"), e.getMessage());
        assertEquals(List.of(), leftovers());
    }

    @Test
    void diskUsageCountsAllocatedBlocksLikeDu() throws Exception {
        byte[] tar = new TarBuilder()
                .file("data", new byte[1 << 20], 0644)
                .hardlink("data-again", "data")
                .file("small", "x")
                .symlink("link", "data")
                .build();
        Digest id = TarBuilder.digest(tar);
        Path layer = unpack(tar);
        long usage = store.diskUsage(id);
        assertTrue(usage >= (1 << 20) && usage < (1 << 20) + 64 * 1024, "usage " + usage);
        Process du = new ProcessBuilder("du", "-s", "--block-size=1", layer.toString()).start();
        String out = new String(du.getInputStream().readAllBytes(), StandardCharsets.US_ASCII);
        assertEquals(0, du.waitFor());
        assertEquals(Long.parseLong(out.split("\\s+")[0]), usage, "same figure as du");
        assertEquals(0, store.diskUsage(Digest.sha256(new byte[] {1})));
    }

    @Test
    void removeDeletesTheLayer() throws IOException {
        byte[] tar = new TarBuilder().dir("d").file("d/f", "1").symlink("d/l", "/etc").build();
        Digest id = TarBuilder.digest(tar);
        unpack(tar);
        store.remove(id);
        assertFalse(store.has(id));
        assertEquals(Set.of(), store.list());
        assertEquals(List.of(), leftovers());
        assertTrue(Files.isDirectory(Path.of("/etc")), "symlinks are not followed when deleting");
        store.remove(id); // removing twice is fine
    }

    static int mode(Path p) throws IOException {
        return (Integer) Files.getAttribute(p, "unix:mode", NOFOLLOW);
    }

    static Set<String> names(Path dir) throws IOException {
        try (Stream<Path> s = Files.list(dir)) {
            return s.map(p -> p.getFileName().toString()).collect(java.util.stream.Collectors.toSet());
        }
    }

    private List<Path> leftovers() throws IOException {
        try (Stream<Path> s = Files.list(tmp.resolve("root/layers/.tmp"))) {
            return s.toList();
        }
    }

    private static long countFiles(Path dir) throws IOException {
        try (Stream<Path> s = Files.walk(dir)) {
            return s.filter(Files::isRegularFile).count();
        }
    }

    static byte[] bigTar(int files) {
        TarBuilder b = new TarBuilder();
        for (int i = 0; i < files; i++) b.file("f/" + i, ("file " + i).repeat(100));
        return b.build();
    }
}
