package dev.berth.engine.image.layer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.berth.engine.image.Digest;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** Tars that try to write outside the layer directory are refused, and nothing of them stays. */
class UnsafeLayerTest {

    @TempDir
    Path tmp;

    private DirectoryLayerStore store;
    private Path outside;

    @BeforeEach
    void setUp() throws IOException {
        RootOnly.assumeRoot();
        store = DirectoryLayerStore.under(tmp.resolve("root"), e -> {});
        outside = Files.createDirectories(tmp.resolve("outside"));
        Files.writeString(outside.resolve("secret"), "host file");
    }

    record Case(String name, Function<Path, byte[]> tar, String why) {
        @Override
        public String toString() {
            return name;
        }
    }

    static List<Case> cases() {
        return List.of(
                new Case("dot-dot", o -> new TarBuilder().file("../escaped", "x").build(), "contains \"..\""),
                new Case("dot-dot inside", o -> new TarBuilder().file("a/../../escaped", "x").build(), "contains \"..\""),
                new Case("absolute", o -> new TarBuilder().file(o + "/escaped", "x").build(), "absolute path"),
                new Case("through symlink to outside", o -> new TarBuilder()
                        .symlink("link", o.toString()).file("link/escaped", "x").build(), "through the symlink \"link\""),
                new Case("through relative symlink", o -> new TarBuilder()
                        .dir("d").symlink("d/up", "../../../outside").file("d/up/escaped", "x").build(), "through the symlink"),
                new Case("whiteout through symlink", o -> new TarBuilder()
                        .symlink("link", o.toString()).whiteout("link/secret").build(), "through the symlink"),
                new Case("opaque through symlink", o -> new TarBuilder()
                        .symlink("link", o.toString()).opaque("link").build(), "through the symlink"),
                new Case("hard link with dot-dot", o -> new TarBuilder()
                        .hardlink("h", "../outside/secret").build(), "contains \"..\""),
                new Case("hard link absolute", o -> new TarBuilder()
                        .hardlink("h", o + "/secret").build(), "absolute path"),
                new Case("hard link through symlink", o -> new TarBuilder()
                        .symlink("link", o.toString()).hardlink("h", "link/secret").build(), "through the symlink"),
                new Case("hard link to nothing", o -> new TarBuilder()
                        .hardlink("h", "missing").build(), "not in the layer"),
                new Case("root replaced by symlink", o -> new TarBuilder()
                        .symlink(".", o.toString()).build(), "layer's root"));
    }

    @ParameterizedTest
    @MethodSource("cases")
    void refused(Case c) throws IOException {
        byte[] tar = c.tar().apply(outside);
        Digest id = TarBuilder.digest(tar);
        UnsafeLayerEntryException e = assertThrows(UnsafeLayerEntryException.class,
                () -> store.unpack(id, () -> new ByteArrayInputStream(tar)));
        assertTrue(e.getMessage().contains(c.why()), e.getMessage());
        assertTrue(e.getMessage().startsWith("layer " + id + ": refused entry"), e.getMessage());
        assertFalse(store.has(id));
        assertEquals(Set.of(), store.list());
        try (Stream<Path> s = Files.list(tmp.resolve("root/layers/.tmp"))) {
            assertEquals(List.of(), s.toList(), "nothing of the layer is left");
        }
        try (Stream<Path> s = Files.list(outside)) {
            assertEquals(List.of(outside.resolve("secret")), s.toList(), "nothing written outside");
        }
        assertEquals("host file", Files.readString(outside.resolve("secret")));
        assertEquals(1, Files.getAttribute(outside.resolve("secret"), "unix:nlink"));
        assertFalse(Files.exists(tmp.resolve("escaped")));
    }
}
