package dev.berth.engine.image.archive;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.berth.engine.image.ImageException;
import dev.berth.engine.image.store.FileBlobStore;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import org.apache.commons.compress.archivers.tar.TarArchiveOutputStream;
import org.apache.commons.compress.compressors.gzip.GzipCompressorOutputStream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;
import org.junit.jupiter.api.io.TempDir;

/** Broken archives: each gives its own clear error and leaves the store without a half-written blob. */
class ArchiveErrorsTest {

    @TempDir
    Path tmp;

    Path storeDir;
    FileBlobStore store;
    Path scratch;
    TestImages.Image image;

    @BeforeEach
    void setUp() throws IOException {
        storeDir = tmp.resolve("store");
        store = new FileBlobStore(storeDir);
        scratch = tmp.resolve("scratch");
        byte[] noise = new byte[300_000];
        new Random(42).nextBytes(noise); // incompressible, so the layer is big in any form
        image = TestImages.image(List.of(TestImages.layer(java.util.Map.of("data.bin", noise)),
                TestImages.fileLayer("etc/motd", "hi\n")), "sh");
    }

    @Test
    void aTruncatedArchiveSaysSo() throws IOException {
        Path full = dockerArchiveOf(image);
        byte[] bytes = Files.readAllBytes(full);
        Path cut = tmp.resolve("cut.tar");
        Files.write(cut, Arrays.copyOf(bytes, bytes.length * 2 / 3));

        TruncatedArchiveException e = expect(TruncatedArchiveException.class, () -> read(cut));
        assertTrue(e.getMessage().startsWith("truncated archive: "), e.getMessage());
        assertTrue(e.getMessage().contains("ends inside blobs/sha256/"), e.getMessage());
        assertTrue(store.list().isEmpty(), "nothing is stored from an archive that could not be read whole");
        StoreChecks.assertConsistent(store, storeDir);
        StoreChecks.assertEmptyDir(scratch);

        Path gz = tmp.resolve("cut.tar.gz");
        try (OutputStream out = new GzipCompressorOutputStream(Files.newOutputStream(gz))) {
            out.write(bytes);
        }
        byte[] gzBytes = Files.readAllBytes(gz);
        Files.write(gz, Arrays.copyOf(gzBytes, gzBytes.length / 2));
        expect(TruncatedArchiveException.class, () -> read(gz));
        StoreChecks.assertEmptyDir(scratch);
    }

    @Test
    void aTarWithoutManifestOrIndexIsNotAnImageArchive() throws IOException {
        Path tar = tmp.resolve("files.tar");
        try (TarArchiveOutputStream out = new TarArchiveOutputStream(Files.newOutputStream(tar))) {
            TestImages.add(out, "hello.txt", "hello".getBytes(StandardCharsets.UTF_8));
        }
        NotAnImageArchiveException e = expect(NotAnImageArchiveException.class, () -> read(tar));
        assertTrue(e.getMessage().contains("neither manifest.json (docker save) nor index.json"), e.getMessage());

        Path garbage = tmp.resolve("garbage.tar");
        byte[] noise = new byte[5000];
        new Random(1).nextBytes(noise);
        Files.write(garbage, noise);
        expect(NotAnImageArchiveException.class, () -> read(garbage));
        Path empty = Files.createFile(tmp.resolve("empty.tar"));
        expect(NotAnImageArchiveException.class, () -> read(empty));
        StoreChecks.assertEmptyDir(scratch);
    }

    @Test
    void aLayerThatIsNotTheConfigsDiffIdIsCorrupt() throws IOException {
        byte[] damaged = image.layers().get(1).tar().clone();
        damaged[512] ^= 1; // the file's content, in the block after its header: still a valid tar
        Path archive = tmp.resolve("old.tar");
        TestImages.writeOldDockerSave(archive, image, "app:1", List.of(image.layers().get(0).tar(), damaged));

        CorruptArchiveException e = expect(CorruptArchiveException.class, () -> read(archive));
        assertTrue(e.getMessage().startsWith("corrupt archive: layer 2 of app:1"), e.getMessage());
        assertTrue(e.getMessage().contains("the image config says " + image.layers().get(1).diffId()), e.getMessage());
        assertFalse(store.has(image.configDigest()), "no config without its layers");
        assertFalse(store.has(image.layers().get(1).blob()));
        // what may remain: the first layer, complete and verified, unreferenced until pruned
        assertTrue(store.list().size() <= 1, "at most the first layer's blob: " + store.list());
        StoreChecks.assertConsistent(store, storeDir);
        StoreChecks.assertEmptyDir(scratch);
    }

    @Test
    void blobsThatDoNotMatchTheirNamesAreCorrupt() throws IOException {
        Path layout = tmp.resolve("layout");
        TestImages.writeOciLayout(layout, image, "latest");
        Path configFile = layout.resolve("blobs/sha256/" + image.configDigest().hex());
        Files.write(configFile, "{\"rootfs\":{\"diff_ids\":[]}}".getBytes(StandardCharsets.UTF_8));
        CorruptArchiveException e = expect(CorruptArchiveException.class, () -> read(layout));
        assertTrue(e.getMessage().contains("the config of latest is sha256:"), e.getMessage());

        TestImages.writeOciLayout(layout, image, "latest");
        Path layerFile = layout.resolve("blobs/sha256/" + image.layers().get(0).blob().hex());
        byte[] layer = Files.readAllBytes(layerFile);
        layer[layer.length / 2] ^= 0x55;
        Files.write(layerFile, layer);
        e = expect(CorruptArchiveException.class, () -> read(layout));
        assertTrue(e.getMessage().startsWith("corrupt archive: layer 1 of latest"), e.getMessage());
        assertFalse(store.has(image.configDigest()));
        StoreChecks.assertConsistent(store, storeDir);
    }

    @Test
    void aMissingLayerIsCorrupt() throws IOException {
        Path layout = tmp.resolve("layout");
        TestImages.writeOciLayout(layout, image, "latest");
        Files.delete(layout.resolve("blobs/sha256/" + image.layers().get(1).blob().hex()));
        CorruptArchiveException e = expect(CorruptArchiveException.class, () -> read(layout));
        assertTrue(e.getMessage().contains("is missing from OCI layout"), e.getMessage());
    }

    @Test
    void unknownMediaTypesAndCompressionsAreRefused() throws IOException {
        ObjectNode manifest = (ObjectNode) TestImages.JSON.readTree(image.manifest());
        ((ObjectNode) manifest.path("layers").get(0)).put("mediaType", "application/vnd.example.layer.v1");
        Path layout = tmp.resolve("weird-layer");
        TestImages.writeOciLayout(layout, new TestImages.Image(image.layers(), image.config(), TestImages.bytes(manifest)), "x");
        UnsupportedArchiveContentException e = expect(UnsupportedArchiveContentException.class, () -> read(layout));
        assertTrue(e.getMessage().contains("\"application/vnd.example.layer.v1\""), e.getMessage());

        ObjectNode artifact = (ObjectNode) TestImages.JSON.readTree(image.manifest());
        ((ObjectNode) artifact.path("config")).put("mediaType", "application/vnd.cncf.helm.config.v1+json");
        Path helm = tmp.resolve("helm");
        TestImages.writeOciLayout(helm, new TestImages.Image(image.layers(), image.config(), TestImages.bytes(artifact)), "x");
        e = expect(UnsupportedArchiveContentException.class, () -> read(helm));
        assertTrue(e.getMessage().contains("not a container image"), e.getMessage());

        byte[] zstd = {0x28, (byte) 0xb5, 0x2f, (byte) 0xfd, 0, 0, 0, 0};
        Path archive = tmp.resolve("zstd.tar");
        TestImages.writeOldDockerSave(archive, image, "app:1", List.of(image.layers().get(0).tar(), zstd));
        e = expect(UnsupportedArchiveContentException.class, () -> read(archive));
        assertTrue(e.getMessage().contains("is zstd-compressed"), e.getMessage());
        StoreChecks.assertConsistent(store, storeDir);
    }

    @Test
    void anArchiveListingNoImageSaysSo() throws IOException {
        Path layout = Files.createDirectories(tmp.resolve("empty-layout"));
        Files.writeString(layout.resolve("oci-layout"), "{\"imageLayoutVersion\":\"1.0.0\"}");
        Files.writeString(layout.resolve("index.json"), "{\"schemaVersion\":2,\"manifests\":[]}");
        NoImageInArchiveException e = expect(NoImageInArchiveException.class, () -> read(layout));
        assertTrue(e.getMessage().startsWith("no image in the archive"), e.getMessage());

        Path tar = tmp.resolve("empty-save.tar");
        try (TarArchiveOutputStream out = new TarArchiveOutputStream(Files.newOutputStream(tar))) {
            TestImages.add(out, "manifest.json", "[]".getBytes(StandardCharsets.UTF_8));
        }
        expect(NoImageInArchiveException.class, () -> read(tar));
    }

    @Test
    void aMultiPlatformIndexWithoutOurPlatformSaysWhichItHas() throws IOException {
        Path layout = tmp.resolve("arm");
        TestImages.writeOciLayout(layout, image, "latest");
        ObjectNode nested = TestImages.JSON.createObjectNode();
        nested.put("schemaVersion", 2).put("mediaType", "application/vnd.oci.image.index.v1+json");
        ObjectNode entry = nested.putArray("manifests").addObject();
        entry.put("mediaType", "application/vnd.oci.image.manifest.v1+json")
                .put("digest", image.manifestDigest().toString()).put("size", image.manifest().length);
        entry.putObject("platform").put("os", "linux").put("architecture", "arm64");
        byte[] nestedBytes = TestImages.bytes(nested);
        dev.berth.engine.image.Digest nestedDigest = dev.berth.engine.image.Digest.sha256(nestedBytes);
        Files.write(layout.resolve("blobs/sha256/" + nestedDigest.hex()), nestedBytes);
        ObjectNode index = TestImages.JSON.createObjectNode().put("schemaVersion", 2);
        index.putArray("manifests").addObject().put("mediaType", "application/vnd.oci.image.index.v1+json")
                .put("digest", nestedDigest.toString()).put("size", nestedBytes.length);
        Files.write(layout.resolve("index.json"), TestImages.bytes(index));

        NoImageInArchiveException e = expect(NoImageInArchiveException.class, () -> read(layout));
        assertTrue(e.getMessage().contains("no manifest for linux/amd64 (it has [linux/arm64])"), e.getMessage());
        ArchivedImage arm = new ImageArchiveReader(store, scratch)
                .withPlatform(new dev.berth.engine.image.Descriptor.Platform("linux", "arm64", null)).read(layout).getFirst();
        assertEquals(image.manifestDigest(), arm.manifestDigest());
    }

    private void read(Path archive) throws IOException {
        if (Files.isDirectory(archive)) {
            new ImageArchiveReader(store, scratch).read(archive);
        } else {
            try (InputStream in = Files.newInputStream(archive)) {
                new ImageArchiveReader(store, scratch).read(in, archive.getFileName().toString());
            }
        }
    }

    private Path dockerArchiveOf(TestImages.Image img) throws IOException {
        Path layout = tmp.resolve("src-layout");
        TestImages.writeOciLayout(layout, img, "latest");
        FileBlobStore source = new FileBlobStore(tmp.resolve("source"));
        ArchivedImage loaded = new ImageArchiveReader(source, scratch).read(layout).getFirst();
        Path out = tmp.resolve("full.tar");
        try (OutputStream o = Files.newOutputStream(out)) {
            new ImageArchiveWriter(source).writeDockerArchive(List.of(new ArchivedImage(List.of("app:1"), List.of(),
                    loaded.manifest(), loaded.manifestMediaType(), loaded.manifestDigest(), loaded.config(), loaded.configDigest())), o);
        }
        return out;
    }

    private static <T extends ImageException> T expect(Class<T> type, Executable body) {
        return assertThrows(type, body);
    }
}
