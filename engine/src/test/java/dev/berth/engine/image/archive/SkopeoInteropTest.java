package dev.berth.engine.image.archive;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.berth.engine.image.Digest;
import dev.berth.engine.image.store.FileBlobStore;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Interop without Docker: skopeo writes docker-save and OCI archives from a real busybox image that
 * berth then loads, and reads back what berth saves.
 */
class SkopeoInteropTest {

    @TempDir
    Path tmp;

    Skopeo skopeo;
    TestImages.Image busybox;
    Path layout;
    Path storeDir;
    FileBlobStore store;
    Path scratch;

    @BeforeEach
    void setUp() throws IOException {
        skopeo = Skopeo.require(tmp);
        assumeTrue(Files.isRegularFile(TestImages.BUSYBOX), "needs Debian's busybox-static (/usr/bin/busybox)");
        busybox = TestImages.busybox();
        layout = tmp.resolve("layout");
        TestImages.writeOciLayout(layout, busybox, "latest");
        storeDir = tmp.resolve("store");
        store = new FileBlobStore(storeDir);
        scratch = tmp.resolve("scratch");
    }

    @Test
    void aDockerArchiveWrittenBySkopeoLoads() throws Exception {
        Path archive = tmp.resolve("skopeo-docker.tar");
        skopeo.run("copy", "oci:" + layout + ":latest", "docker-archive:" + archive + ":busybox:latest");
        assertTrue(TestImages.entries(archive).contains("manifest.json"), "skopeo wrote a docker-save archive");

        ArchivedImage image = new ImageArchiveReader(store, scratch).read(archive).getFirst();

        assertEquals(List.of("busybox:latest"), image.repoTags());
        assertEquals(busybox.configDigest(), image.configDigest(), "the same config, byte for byte");
        assertEquals(busybox.diffIds(), storedDiffIds(image));
        StoreChecks.assertConsistent(store, storeDir);
        StoreChecks.assertEmptyDir(scratch);
    }

    @Test
    void anOciArchiveWrittenBySkopeoLoads() throws Exception {
        Path archive = tmp.resolve("skopeo-oci.tar");
        skopeo.run("copy", "oci:" + layout + ":latest", "oci-archive:" + archive + ":busybox:latest");

        ArchivedImage image = new ImageArchiveReader(store, scratch).read(archive).getFirst();

        assertEquals(List.of("busybox:latest"), image.repoTags(), "skopeo's ref.name busybox:latest is a full name");
        assertEquals(busybox.configDigest(), image.configDigest());
        assertEquals(busybox.manifestDigest(), image.manifestDigest(), "gzip layers and the manifest are kept as they are");
        assertEquals(busybox.diffIds(), storedDiffIds(image));
    }

    @Test
    void skopeoReadsWhatBerthSaves() throws Exception {
        ArchivedImage loaded = new ImageArchiveReader(store, scratch).read(layout).getFirst();
        ArchivedImage named = new ArchivedImage(List.of("busybox:latest"), List.of(), loaded.manifest(),
                loaded.manifestMediaType(), loaded.manifestDigest(), loaded.config(), loaded.configDigest());

        Path saved = tmp.resolve("berth.tar");
        try (OutputStream out = Files.newOutputStream(saved)) {
            new ImageArchiveWriter(store).writeDockerArchive(List.of(named), out);
        }
        JsonNode inspect = TestImages.JSON.readTree(skopeo.run("inspect", "docker-archive:" + saved));
        assertEquals("amd64", inspect.path("Architecture").asText());
        assertEquals(busybox.layers().size(), inspect.path("Layers").size());

        byte[] rawConfig = skopeo.runBytes("inspect", "--raw", "--config", "docker-archive:" + saved);
        assertEquals(busybox.configDigest(), Digest.sha256(rawConfig), "skopeo reads berth's config byte for byte");
        byte[] rawManifest = skopeo.runBytes("inspect", "--raw", "oci-archive:" + saved);
        assertEquals(busybox.manifestDigest(), Digest.sha256(rawManifest),
                "the docker-save archive is an OCI layout too, holding the original manifest");

        // docker-archive to oci: converts the Docker manifest to OCI, and skopeo re-serializes the config
        // on the way (same content, other key order), so the digest changes: compare content and diff IDs
        Path out = tmp.resolve("out");
        skopeo.run("copy", "docker-archive:" + saved, "oci:" + out + ":x");
        Digest converted = configOf(out);
        JsonNode convertedConfig = TestImages.JSON.readTree(out.resolve("blobs/sha256/" + converted.hex()).toFile());
        assertEquals(TestImages.JSON.readTree(busybox.config()), convertedConfig, "the same config content");
        ArchivedImage again = new ImageArchiveReader(new FileBlobStore(tmp.resolve("again")), scratch).read(out).getFirst();
        assertEquals(converted, again.configDigest(), "berth loads skopeo's OCI layout directory");
        assertEquals(List.of("x"), again.refNames());

        Path oci = tmp.resolve("berth-oci.tar");
        try (OutputStream o = Files.newOutputStream(oci)) {
            new ImageArchiveWriter(store).writeOciArchive(List.of(named), o);
        }
        Path out2 = tmp.resolve("out2");
        skopeo.run("copy", "oci-archive:" + oci, "oci:" + out2 + ":y");
        assertEquals(busybox.configDigest(), configOf(out2), "skopeo found the same config in berth's OCI archive");
    }

    private List<Digest> storedDiffIds(ArchivedImage image) throws IOException {
        List<Digest> ids = new ArrayList<>();
        for (JsonNode layer : TestImages.JSON.readTree(image.manifest()).path("layers")) {
            ids.add(StoreChecks.diffIdOf(store, Digest.parse(layer.path("digest").asText())));
        }
        return ids;
    }

    /** The config digest of the (only) image in an OCI layout directory, read by hand. */
    private static Digest configOf(Path layoutDir) throws IOException {
        JsonNode index = TestImages.JSON.readTree(layoutDir.resolve("index.json").toFile());
        Digest manifest = Digest.parse(index.path("manifests").get(0).path("digest").asText());
        JsonNode m = TestImages.JSON.readTree(layoutDir.resolve("blobs/sha256/" + manifest.hex()).toFile());
        return Digest.parse(m.path("config").path("digest").asText());
    }
}
