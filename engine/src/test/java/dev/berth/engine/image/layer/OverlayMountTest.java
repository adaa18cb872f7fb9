package dev.berth.engine.image.layer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.berth.engine.image.Digest;
import dev.berth.engine.sys.MountTable;
import dev.berth.engine.sys.Syscalls;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Layers unpacked by the store, stacked by the real kernel: the merged view follows OCI layer semantics. */
class OverlayMountTest {

    private static final LinkOption NOFOLLOW = LinkOption.NOFOLLOW_LINKS;
    private final OverlayMount overlay = new OverlayMount(Syscalls.linux());

    @TempDir
    Path tmp;

    /** base: a small system. */
    static byte[] base() {
        return new TarBuilder()
                .dir("etc").file("etc/passwd", "root:x:0:0").file("etc/hosts", "h1").file("etc/removed", "gone later")
                .dir("opt/keep").file("opt/keep/a", "a1").file("opt/keep/b", "b1")
                .dir("var/cache").file("var/cache/old1", "o1").dir("var/cache/sub").file("var/cache/sub/old2", "o2")
                .dir("bin").file("bin/sh", "#!sh".getBytes(), 0755).hardlink("bin/sh-hard", "bin/sh")
                .symlink("bin/hosts-link", "../etc/hosts")
                .dir("srv").file("srv/old", "s").dir("data").file("data/old", "d").file("file-then-dir", "f")
                .build();
    }

    /** middle: deletes, replaces, hides a directory's lower content. */
    static byte[] middle() {
        return new TarBuilder()
                .dir("etc").whiteout("etc/removed").file("etc/hosts", "h2")
                .dir("opt/keep").whiteout("opt/keep/b")
                .dir("var/cache").opaque("var/cache").file("var/cache/new1", "n1")
                .dir("newdir").file("newdir/f", "f2")
                // a whiteout and a new entry of the same name in one layer: the lower one goes, the new one stays
                .whiteout("srv").dir("srv").file("srv/new", "s2")
                .dir("data").file("data/new", "d2").whiteout("data")
                .whiteout("file-then-dir").dir("file-then-dir").file("file-then-dir/x", "x")
                .build();
    }

    /** top: deletes a file that has a hard link, brings back a deleted one, adds a sticky dir. */
    static byte[] top() {
        return new TarBuilder()
                .dir("bin").whiteout("bin/sh")
                .dir("opt/keep").file("opt/keep/b", "b3")
                .dir("tmp", 01777)
                .build();
    }

    @Test
    void mergedViewFollowsOciLayerSemanticsAndWritesLandInUpper() throws IOException {
        RootOnly.assumeOverlay();
        DirectoryLayerStore store = DirectoryLayerStore.under(tmp.resolve("root"), e -> {});
        List<Path> lowerTopFirst = new ArrayList<>();
        for (byte[] tar : List.of(top(), middle(), base())) lowerTopFirst.add(unpack(store, tar));
        Map<String, String> lowerBefore = new TreeMap<>();
        for (Path l : lowerTopFirst) lowerBefore.putAll(snapshot(l, l.getFileName().toString() + "/"));

        Path upper = Files.createDirectories(tmp.resolve("c/upper"));
        Path work = Files.createDirectories(tmp.resolve("c/work"));
        Path merged = Files.createDirectories(tmp.resolve("c/merged"));
        overlay.mount(lowerTopFirst, upper, work, merged);
        try {
            assertTrue(MountTable.isMountPoint(merged));
            assertEquals(new TreeSet<>(Set.of(
                    "bin/", "bin/sh-hard", "bin/hosts-link",
                    "etc/", "etc/passwd", "etc/hosts",
                    "newdir/", "newdir/f",
                    "opt/", "opt/keep/", "opt/keep/a", "opt/keep/b",
                    "tmp/",
                    "var/", "var/cache/", "var/cache/new1",
                    "srv/", "srv/new", "data/", "data/new", "file-then-dir/", "file-then-dir/x")), paths(merged));
            assertEquals("h2", Files.readString(merged.resolve("etc/hosts")), "the upper layer's version wins");
            assertEquals("h2", Files.readString(merged.resolve("bin/hosts-link")), "symlinks resolve in the merged view");
            assertEquals("b3", Files.readString(merged.resolve("opt/keep/b")), "recreated after a whiteout");
            assertEquals("#!sh", Files.readString(merged.resolve("bin/sh-hard")), "the other name of a deleted file stays");
            assertEquals(01777, DirectoryLayerStoreTest.mode(merged.resolve("tmp")) & 07777);

            // the container writes: all of it lands in upper, the layers stay as they were
            Files.writeString(merged.resolve("etc/new"), "w");
            Files.writeString(merged.resolve("etc/hosts"), "changed");
            Files.delete(merged.resolve("etc/passwd"));
            Files.delete(merged.resolve("opt/keep/a"));
            assertEquals("w", Files.readString(upper.resolve("etc/new")));
            assertEquals("changed", Files.readString(upper.resolve("etc/hosts")));
            assertEquals(Syscalls.S_IFCHR, DirectoryLayerStoreTest.mode(upper.resolve("etc/passwd")) & 0170000,
                    "a deletion is a whiteout in upper");
            assertFalse(Files.exists(merged.resolve("etc/passwd")));
            assertEquals(Set.of("etc/", "etc/hosts", "etc/new", "etc/passwd", "opt/", "opt/keep/", "opt/keep/a"),
                    paths(upper));
        } finally {
            overlay.unmount(merged);
        }
        assertEquals(List.of(), MountTable.mountsUnder(tmp), "no mount left");
        Map<String, String> lowerAfter = new TreeMap<>();
        for (Path l : lowerTopFirst) lowerAfter.putAll(snapshot(l, l.getFileName().toString() + "/"));
        assertEquals(lowerBefore, lowerAfter, "layer directories untouched");
    }

    @Test
    void pathsWithCommasAndColonsAreEscaped() throws IOException {
        RootOnly.assumeOverlay();
        Path odd = Files.createDirectories(tmp.resolve("odd,dir:with\\marks"));
        DirectoryLayerStore store = DirectoryLayerStore.under(odd, e -> {});
        Path lower1 = unpack(store, new TarBuilder().file("one", "1").build());
        Path lower2 = unpack(store, new TarBuilder().file("two", "2").build());
        Path upper = Files.createDirectories(odd.resolve("up,per"));
        Path work = Files.createDirectories(odd.resolve("wo:rk"));
        Path merged = Files.createDirectories(odd.resolve("mer ged"));
        overlay.mount(List.of(lower1, lower2), upper, work, merged);
        try {
            assertEquals("1", Files.readString(merged.resolve("one")));
            assertEquals("2", Files.readString(merged.resolve("two")));
            assertTrue(MountTable.isMountPoint(merged), "mountinfo's \\040 escapes are read back");
        } finally {
            overlay.unmount(merged);
        }
        assertEquals(List.of(), MountTable.mountsUnder(tmp));
    }

    @Test
    void theKernelsRefusalIsExplained() throws IOException {
        RootOnly.assumeOverlay();
        Path lower = Files.createDirectories(tmp.resolve("lower"));
        Path upper = Files.createDirectories(tmp.resolve("upper"));
        Path merged = Files.createDirectories(tmp.resolve("merged"));
        OverlayMountException e = assertThrows(OverlayMountException.class,
                () -> overlay.mount(List.of(lower), upper, tmp.resolve("missing-work"), merged));
        assertTrue(e.getMessage().startsWith("cannot mount the overlay root filesystem at " + merged + ": mount("),
                e.getMessage());
        assertTrue(e.getMessage().contains("ENOENT") && e.getMessage().contains("is missing"), e.getMessage());
        assertEquals(List.of(), MountTable.mountsUnder(tmp));
        OverlayMountException notMounted = assertThrows(OverlayMountException.class, () -> overlay.unmount(merged));
        assertTrue(notMounted.getMessage().contains("EINVAL") && notMounted.getMessage().contains("not a mount point"),
                notMounted.getMessage());
    }

    @Test
    void tooManyLayersAreRefusedBeforeTheKernelSeesThem() {
        List<Path> many = new ArrayList<>();
        for (int i = 0; i < 501; i++) many.add(Path.of("/l/" + i));
        OverlayMountException tooMany = assertThrows(OverlayMountException.class,
                () -> overlay.mount(many, Path.of("/u"), Path.of("/w"), Path.of("/m")));
        assertTrue(tooMany.getMessage().contains("501 layers, overlayfs stacks at most 500"), tooMany.getMessage());
    }

    @Test
    void moreLayersThanFitInOnePageOfOptionsGoInOneByOne() throws IOException {
        RootOnly.assumeOverlay();
        List<Path> lowerTopFirst = new ArrayList<>();
        for (int i = 0; i < 60; i++) {
            // 60 layer paths of ~150 bytes: ~9 KB of options, more than mount(2) takes
            Path layer = Files.createDirectories(tmp.resolve("layers/" + "l".repeat(100) + i));
            Files.writeString(layer.resolve("only-in-" + i), "x");
            Files.writeString(layer.resolve("shared"), "from " + i);
            lowerTopFirst.add(layer);
        }
        assertTrue(OverlayMount.options(lowerTopFirst, tmp, tmp).length() > OverlayMount.MAX_OPTIONS_BYTES);
        Path upper = Files.createDirectories(tmp.resolve("c/upper"));
        Path work = Files.createDirectories(tmp.resolve("c/work"));
        Path merged = Files.createDirectories(tmp.resolve("c/merged"));
        try {
            overlay.mount(lowerTopFirst, upper, work, merged);
        } catch (OverlayMountException e) {
            assumeTrue(!e.getMessage().contains("needs Linux 6.8+"), "skipped: " + e.getMessage());
            throw e;
        }
        try {
            assertEquals("from 0", Files.readString(merged.resolve("shared")), "the first layer given is the top one");
            assertEquals(61, paths(merged).size());
        } finally {
            overlay.unmount(merged);
        }
        assertEquals(List.of(), MountTable.mountsUnder(tmp));
    }

    @Test
    void oddPathsThroughTheNewMountApi() throws IOException {
        RootOnly.assumeOverlay();
        Path odd = Files.createDirectories(tmp.resolve("odd,dir:with\\marks"));
        Path lower1 = Files.createDirectories(odd.resolve("l,1"));
        Path lower2 = Files.createDirectories(odd.resolve("l:2"));
        Files.writeString(lower1.resolve("f"), "top");
        Files.writeString(lower2.resolve("f"), "bottom");
        Files.writeString(lower2.resolve("g"), "g");
        Path upper = Files.createDirectories(odd.resolve("up,per"));
        Path work = Files.createDirectories(odd.resolve("wo:rk"));
        Path merged = Files.createDirectories(odd.resolve("merged"));
        try {
            overlay.mountByParameters(List.of(lower1, lower2), upper, work, merged, 0);
        } catch (OverlayMountException e) {
            assumeTrue(!e.getMessage().contains("needs Linux 6.8+"), "skipped: " + e.getMessage());
            throw e;
        }
        try {
            assertEquals("top", Files.readString(merged.resolve("f")));
            assertEquals("g", Files.readString(merged.resolve("g")));
            Files.writeString(merged.resolve("new"), "n");
            assertEquals("n", Files.readString(upper.resolve("new")));
        } finally {
            overlay.unmount(merged);
        }
        assertEquals(List.of(), MountTable.mountsUnder(tmp));
    }

    @Test
    void theNewMountApiNamesTheRefusedParameter() throws IOException {
        RootOnly.assumeOverlay();
        Path lower = Files.createDirectories(tmp.resolve("lower"));
        Path upper = Files.createDirectories(tmp.resolve("upper"));
        Path merged = Files.createDirectories(tmp.resolve("merged"));
        OverlayMountException e = assertThrows(OverlayMountException.class,
                () -> overlay.mountByParameters(List.of(lower), upper, upper.resolve("work-inside-upper"), merged, 0));
        assertTrue(e.getMessage().contains("fsconfig workdir=" + upper + "/work-inside-upper") && e.getMessage().contains("ENOENT"),
                e.getMessage());
        assertEquals(List.of(), MountTable.mountsUnder(tmp));
    }

    @Test
    void optionsEscapeSeparators() {
        assertEquals("lowerdir=/a\\,b:/c\\:d:/e\\\\f,upperdir=/u\\,1,workdir=/w\\:2",
                OverlayMount.options(List.of(Path.of("/a,b"), Path.of("/c:d"), Path.of("/e\\f")),
                        Path.of("/u,1"), Path.of("/w:2")));
        assertThrows(IllegalArgumentException.class, () -> OverlayMount.escape(Path.of("relative")));
    }

    private static Path unpack(DirectoryLayerStore store, byte[] tar) throws IOException {
        Digest id = TarBuilder.digest(tar);
        return store.unpack(id, () -> new ByteArrayInputStream(tar));
    }

    /** Relative paths under {@code root}, directories with a trailing slash. */
    static Set<String> paths(Path root) throws IOException {
        Set<String> out = new TreeSet<>();
        try (Stream<Path> s = Files.walk(root)) {
            for (Path p : s.toList()) {
                if (p.equals(root)) continue;
                String rel = root.relativize(p).toString();
                out.add(Files.isDirectory(p, NOFOLLOW) ? rel + "/" : rel);
            }
        }
        return out;
    }

    /** Every entry with its type, mode and content hash: to prove a layer did not change. */
    static Map<String, String> snapshot(Path root, String prefix) throws IOException {
        Map<String, String> out = new TreeMap<>();
        try (Stream<Path> s = Files.walk(root)) {
            for (Path p : s.toList()) {
                String what = Integer.toOctalString(DirectoryLayerStoreTest.mode(p));
                if (Files.isRegularFile(p, NOFOLLOW)) {
                    what += " " + HexFormat.of().formatHex(sha(Files.readAllBytes(p)));
                } else if (Files.isSymbolicLink(p)) {
                    what += " -> " + Files.readSymbolicLink(p);
                }
                what += " " + Files.getLastModifiedTime(p, NOFOLLOW);
                out.put(prefix + root.relativize(p), what);
            }
        }
        return out;
    }

    private static byte[] sha(byte[] b) {
        return Digest.newSha256().digest(b);
    }

}
