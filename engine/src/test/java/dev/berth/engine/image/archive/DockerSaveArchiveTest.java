package dev.berth.engine.image.archive;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.berth.engine.image.Digest;
import dev.berth.engine.image.MediaTypes;
import dev.berth.engine.image.store.FileBlobStore;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;
import org.apache.commons.compress.compressors.gzip.GzipCompressorOutputStream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The docker-save format: old archives load, and berth's own save output loads back the same. */
class DockerSaveArchiveTest {

    @TempDir
    Path tmp;

    Path storeDir;
    FileBlobStore store;
    Path scratch;

    @BeforeEach
    void setUp() throws IOException {
        storeDir = tmp.resolve("store");
        store = new FileBlobStore(storeDir);
        scratch = tmp.resolve("scratch");
    }

    @Test
    void anOldDockerSaveArchiveLoadsWithABuiltManifest() throws IOException {
        assumeTrue(Files.isRegularFile(TestImages.BUSYBOX), "needs Debian's busybox-static (/usr/bin/busybox)");
        TestImages.Layer base = TestImages.busyboxLayer();
        TestImages.Layer app = TestImages.fileLayer("etc/motd", "hello from the second layer\n");
        TestImages.Image image = TestImages.image(List.of(base, app), "sh");
        Path archive = tmp.resolve("old.tar");
        // the second layer.tar gzip-compressed, as some writers do: told apart by its magic bytes
        TestImages.writeOldDockerSave(archive, image, "busybox:latest", List.of(base.tar(), app.gzip()));

        List<ArchiveEvent> events = new ArrayList<>();
        List<ArchivedImage> images = new ImageArchiveReader(store, scratch).withListener(events::add).read(archive);

        assertEquals(1, images.size());
        ArchivedImage loaded = images.getFirst();
        assertEquals(List.of("busybox:latest"), loaded.repoTags());
        assertEquals(image.configDigest(), loaded.configDigest(), "the config is kept byte for byte");
        assertEquals(MediaTypes.DOCKER_MANIFEST, loaded.manifestMediaType());
        JsonNode manifest = TestImages.JSON.readTree(loaded.manifest());
        assertEquals(image.configDigest().toString(), manifest.path("config").path("digest").asText());
        assertEquals(MediaTypes.DOCKER_CONFIG, manifest.path("config").path("mediaType").asText());
        List<Digest> diffIds = new ArrayList<>();
        for (JsonNode layer : manifest.path("layers")) {
            assertEquals(MediaTypes.DOCKER_LAYER_GZIP, layer.path("mediaType").asText());
            Digest blob = Digest.parse(layer.path("digest").asText());
            assertEquals(layer.path("size").asLong(), store.size(blob));
            diffIds.add(StoreChecks.diffIdOf(store, blob));
        }
        assertEquals(image.diffIds(), diffIds, "stored gzip layers decompress to the config's diff IDs");
        assertTrue(store.has(app.blob()), "an already-gzip layer is stored byte for byte");
        assertTrue(store.has(loaded.manifestDigest()) && store.has(loaded.configDigest()));
        StoreChecks.assertConsistent(store, storeDir);
        StoreChecks.assertEmptyDir(scratch);

        assertTrue(events.getFirst() instanceof ArchiveEvent.ArchiveSpooled s && s.bytes() > base.tar().length, events.toString());
        List<Boolean> recompressed = events.stream().filter(e -> e instanceof ArchiveEvent.LayerStored)
                .map(e -> ((ArchiveEvent.LayerStored) e).recompressed()).toList();
        assertEquals(List.of(true, false), recompressed, "the tar layer was compressed, the gzip one kept");
        assertEquals(new ArchiveEvent.ImageStored(loaded), events.getLast());
    }

    @Test
    void aDocker25ArchiveLoadsWithItsLayersCompressed() throws IOException {
        TestImages.Image image = TestImages.image(List.of(TestImages.fileLayer("a.txt", "a\n"),
                TestImages.fileLayer("b.txt", "b\n")), "sh");
        Path archive = tmp.resolve("docker25.tar");
        TestImages.writeDocker25Save(archive, image, "docker.io/library/app:2", "app:2");

        ArchivedImage loaded = new ImageArchiveReader(store, scratch).read(archive).getFirst();

        assertEquals(List.of("app:2"), loaded.repoTags());
        assertEquals(List.of(), loaded.refNames(), "the containerd name covers the ref.name tag");
        assertEquals(image.configDigest(), loaded.configDigest());
        assertEquals(MediaTypes.OCI_MANIFEST, loaded.manifestMediaType(), "an OCI image stays OCI");
        JsonNode manifest = TestImages.JSON.readTree(loaded.manifest());
        List<Digest> diffIds = new ArrayList<>();
        for (JsonNode layer : manifest.path("layers")) {
            assertEquals(MediaTypes.OCI_LAYER_GZIP, layer.path("mediaType").asText(), "stored gzip, as pulled images are");
            diffIds.add(StoreChecks.diffIdOf(store, Digest.parse(layer.path("digest").asText())));
        }
        assertEquals(image.diffIds(), diffIds);
        for (TestImages.Layer l : image.layers()) assertTrue(!store.has(l.diffId()), "no uncompressed copy is kept");
        assertEquals(4, store.list().size(), "2 layers, config, manifest");
        StoreChecks.assertConsistent(store, storeDir);
        StoreChecks.assertEmptyDir(scratch);
    }

    @Test
    void whatBerthSavesLoadsBackTheSame() throws IOException {
        TestImages.Image image = TestImages.image(List.of(TestImages.fileLayer("hello.txt", "hi\n")), "cat", "/hello.txt");
        Path layout = tmp.resolve("layout");
        TestImages.writeOciLayout(layout, image, "latest");
        ArchivedImage original = new ImageArchiveReader(store, scratch).read(layout).getFirst();
        ArchivedImage named = new ArchivedImage(List.of("me/app:1", "127.0.0.1:5000/app:2"), List.of(),
                original.manifest(), original.manifestMediaType(), original.manifestDigest(), original.config(), original.configDigest());

        Path saved = tmp.resolve("saved.tar");
        try (OutputStream out = Files.newOutputStream(saved)) {
            new ImageArchiveWriter(store).writeDockerArchive(List.of(named), out);
        }
        List<String> entries = TestImages.entries(saved);
        for (String name : List.of("manifest.json", "repositories", "oci-layout", "index.json",
                "blobs/sha256/" + image.manifestDigest().hex(), "blobs/sha256/" + image.configDigest().hex(),
                "blobs/sha256/" + image.layers().getFirst().blob().hex())) {
            assertTrue(entries.contains(name), name + " in " + entries);
        }
        JsonNode repositories = TestImages.JSON.readTree(read(saved, "repositories"));
        assertEquals(image.diffIds().getLast().hex(), repositories.path("me/app").path("1").asText());
        JsonNode index = TestImages.JSON.readTree(read(saved, "index.json"));
        assertEquals("docker.io/me/app:1", index.path("manifests").get(0).path("annotations").path("io.containerd.image.name").asText());
        assertEquals("1", index.path("manifests").get(0).path("annotations").path("org.opencontainers.image.ref.name").asText());

        Path otherDir = tmp.resolve("other");
        FileBlobStore other = new FileBlobStore(otherDir);
        ArchivedImage back = new ImageArchiveReader(other, scratch).read(saved).getFirst();
        assertEquals(List.of("me/app:1", "127.0.0.1:5000/app:2"), back.repoTags());
        assertEquals(image.manifestDigest(), back.manifestDigest(), "the manifest survives save and load byte for byte");
        assertArrayEquals(image.config(), back.config());
        assertEquals(store.list(), other.list(), "the same blobs, no more");
        StoreChecks.assertConsistent(other, otherDir);
    }

    @Test
    void imagesSharingALayerSaveItOnceAndAGzippedArchiveLoads() throws IOException {
        TestImages.Layer base = TestImages.fileLayer("base.txt", "shared base\n");
        TestImages.Image one = TestImages.image(List.of(base, TestImages.fileLayer("one", "1")), "one");
        TestImages.Image two = TestImages.image(List.of(base, TestImages.fileLayer("two", "2")), "two");
        ImageArchiveReader reader = new ImageArchiveReader(store, scratch);
        List<ArchivedImage> images = new ArrayList<>();
        for (TestImages.Image i : List.of(one, two)) {
            Path layout = Files.createDirectories(tmp.resolve("l-" + i.configDigest().shortHex()));
            TestImages.writeOciLayout(layout, i, "x");
            ArchivedImage a = reader.read(layout).getFirst();
            images.add(new ArchivedImage(List.of("img" + images.size() + ":latest"), List.of(), a.manifest(),
                    a.manifestMediaType(), a.manifestDigest(), a.config(), a.configDigest()));
        }
        Path gz = tmp.resolve("both.tar.gz");
        try (OutputStream out = new GzipCompressorOutputStream(Files.newOutputStream(gz))) {
            new ImageArchiveWriter(store).writeDockerArchive(images, out);
        }
        Path plain = tmp.resolve("both.tar");
        try (OutputStream out = Files.newOutputStream(plain)) {
            new ImageArchiveWriter(store).writeDockerArchive(images, out);
        }
        long baseEntries = TestImages.entries(plain).stream().filter(n -> n.endsWith(base.blob().hex())).count();
        assertEquals(1, baseEntries, "the shared layer is written once");

        Path otherDir = tmp.resolve("other");
        FileBlobStore other = new FileBlobStore(otherDir);
        List<ArchivedImage> back = new ImageArchiveReader(other, scratch).read(gz);
        assertEquals(List.of("img0:latest", "img1:latest"), back.stream().map(a -> a.repoTags().getFirst()).toList());
        assertEquals(List.of(one.manifestDigest(), two.manifestDigest()), back.stream().map(ArchivedImage::manifestDigest).toList());
        assertEquals(7, other.list().size(), "2 manifests, 2 configs, 3 layers (the shared base once)");
    }

    @Test
    void anOciArchiveRoundTrips() throws IOException {
        TestImages.Image image = TestImages.image(List.of(TestImages.fileLayer("a", "a"), TestImages.fileLayer("b", "b")), "sh");
        Path layout = tmp.resolve("layout");
        TestImages.writeOciLayout(layout, image, "v1");
        ArchivedImage loaded = new ImageArchiveReader(store, scratch).read(layout).getFirst();
        assertEquals(List.of(), loaded.repoTags(), "a bare tag is not a name");
        assertEquals(List.of("v1"), loaded.refNames());
        assertEquals(image.manifestDigest(), loaded.manifestDigest());

        Path archive = tmp.resolve("oci.tar");
        try (OutputStream out = Files.newOutputStream(archive)) {
            new ImageArchiveWriter(store).write(ArchiveFormat.OCI, List.of(loaded), out);
        }
        assertTrue(!TestImages.entries(archive).contains("manifest.json"));
        FileBlobStore other = new FileBlobStore(tmp.resolve("other"));
        ArchivedImage back;
        try (InputStream in = Files.newInputStream(archive)) {
            back = new ImageArchiveReader(other, scratch).read(in, "stdin").getFirst();
        }
        assertEquals(List.of("v1"), back.refNames());
        assertEquals(image.manifestDigest(), back.manifestDigest());
        assertEquals(store.list(), other.list());
    }

    static byte[] read(Path tarFile, String name) throws IOException {
        try (TarArchiveInputStream in = new TarArchiveInputStream(Files.newInputStream(tarFile))) {
            for (TarArchiveEntry e = in.getNextEntry(); e != null; e = in.getNextEntry()) {
                if (e.getName().equals(name)) return in.readAllBytes();
            }
        }
        throw new AssertionError(name + " not in " + tarFile);
    }
}
