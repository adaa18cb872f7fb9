package dev.berth.engine.image.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.berth.engine.image.DigestMismatchException;
import dev.berth.engine.image.ImageException;
import dev.berth.engine.image.MediaTypes;
import dev.berth.engine.image.layer.DirectoryLayerStore;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The image store over the real layer store (overlay-form unpacking, as root): what issue 3's
 * Done-when asks of the two together — a shared base layer takes its size on disk once, and
 * damaged content is refused clearly with the store left as it was.
 */
class ImageStoreOnRealLayersTest {

    @TempDir
    Path tmp;

    private Path imagesDir;
    private Path layersDir;
    private DirectoryLayerStore layers;
    private final AtomicInteger unpacks = new AtomicInteger();
    private ImageStore store;

    @BeforeEach
    void open() throws IOException {
        imagesDir = tmp.resolve("images");
        layersDir = tmp.resolve("layers");
        layers = DirectoryLayerStore.under(tmp, unpacked -> unpacks.incrementAndGet());
        store = new ImageStore(imagesDir, layers, id -> false);
        Image seed = store.add(TestImage.put(store, "seed", TestImage.textLayer("seed", "seed")), MediaTypes.OCI_MANIFEST);
        store.tag(seed.id().toString(), "seed");
    }

    private Map<String, String> listing() throws IOException {
        return TestImage.listing(imagesDir, layersDir);
    }

    @Test
    void twoImagesSharingABaseLayerHoldItOnce() throws IOException {
        int baseBytes = 8 << 20;
        TestImage.Layer base = TestImage.randomLayer("usr/lib/base.bin", baseBytes, 42);
        long before = TestImage.bytesOnDisk(imagesDir, layersDir);
        store.add(TestImage.put(store, "a", base, TestImage.textLayer("app/a", "a")), MediaTypes.OCI_MANIFEST);
        long afterFirst = TestImage.bytesOnDisk(imagesDir, layersDir);
        store.add(TestImage.put(store, "b", base, TestImage.textLayer("app/b", "bb")), MediaTypes.OCI_MANIFEST);
        long afterSecond = TestImage.bytesOnDisk(imagesDir, layersDir);
        System.out.printf("real layer store: base layer %d bytes; first image +%d bytes, second image +%d bytes%n",
                baseBytes, afterFirst - before, afterSecond - afterFirst);
        assertTrue(afterFirst - before > 2L * baseBytes, "the first image holds the base blob and its unpacked files");
        assertTrue(afterSecond - afterFirst < 64 * 1024, "the second adds only its own small layer and documents");
        assertEquals(4, unpacks.get(), "seed, base, a, b: each unpacked once");
        assertEquals(4, layers.list().size());
    }

    @Test
    void aCorruptedBlobIsRefusedAndNothingChanges() throws IOException {
        TestImage.Layer good = TestImage.textLayer("good", "good");
        TestImage.Layer bad = TestImage.randomLayer("bad.bin", 100_000, 7);
        byte[] manifest = TestImage.put(store, "x", good, bad);
        Path blob = store.blobs().path(bad.blobDigest());
        byte[] bytes = Files.readAllBytes(blob);
        bytes[bytes.length / 2] ^= 0x55;
        Files.write(blob, bytes);
        Map<String, String> before = listing();
        DigestMismatchException e = assertThrows(DigestMismatchException.class, () -> store.add(manifest, null));
        assertTrue(e.getMessage().contains("digest mismatch"), e.getMessage());
        assertFalse(layers.has(good.diffId()), "the layer this add unpacked is removed again");
        assertEquals(before, listing());
    }

    @Test
    void aLayerThatIsNotItsDiffIdIsRefusedAndNothingChanges() throws IOException {
        TestImage.Layer l1 = TestImage.textLayer("a", "a");
        TestImage.Layer l2 = TestImage.textLayer("b", "b");
        TestImage.Layer other = TestImage.textLayer("b", "not b");
        byte[] manifest = TestImage.put(store, TestImage.config(List.of(l1.diffId(), other.diffId()), "x"), l1, l2);
        Map<String, String> before = listing();
        DigestMismatchException e = assertThrows(DigestMismatchException.class, () -> store.add(manifest, MediaTypes.OCI_MANIFEST));
        assertEquals(other.diffId(), e.expected());
        assertEquals(before, listing());
    }

    @Test
    void aTruncatedLayerIsRefusedAndNothingChanges() throws IOException {
        byte[] cut = Arrays.copyOf(TestImage.randomLayer("big.bin", 50_000, 3).tar(), 20_000);
        for (boolean gzip : new boolean[] {true, false}) {
            byte[] manifest = TestImage.put(store, "x", TestImage.textLayer("first", "1"), TestImage.layer(cut, gzip));
            Map<String, String> before = listing();
            ImageException e = assertThrows(ImageException.class, () -> store.add(manifest, MediaTypes.OCI_MANIFEST));
            assertTrue(e.getMessage().contains("truncated"), e.getMessage());
            assertEquals(before, listing());
        }
    }
}
