package dev.berth.engine.registry;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.berth.engine.image.Descriptor;
import dev.berth.engine.image.Digest;
import dev.berth.engine.image.ImageReference;
import dev.berth.engine.image.MediaTypes;
import dev.berth.engine.image.store.FileBlobStore;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Push and pull against the real Debian registry: what goes up comes back byte for byte. */
class RegistryPushPullTest {

    @TempDir
    static Path registryDir;
    static LocalRegistry registry;

    @TempDir
    Path tmp;

    @BeforeAll
    static void startRegistry() throws Exception {
        registry = LocalRegistry.start(registryDir);
    }

    @AfterAll
    static void stopRegistry() throws Exception {
        if (registry != null) registry.close();
    }

    private RegistryClient client() {
        return RegistryClient.builder(registry.address()).build();
    }

    private ImageReference ref(String nameAndTag) {
        return ImageReference.parse(registry.address() + "/" + nameAndTag);
    }

    private FileBlobStore store(String name) throws IOException {
        return new FileBlobStore(tmp.resolve(name));
    }

    @Test
    void pushedOciImageComesBackIdentical() throws Exception {
        FileBlobStore local = store("local");
        TestImage image = TestImage.create(local, TestImage.Format.OCI, true, 1, 200_000, 50_000);
        try (RegistryClient client = client()) {
            assertNull(client.ping(), "a registry without auth sends no challenge");
            assertFalse(client.endpoint().secure(), "127.0.0.1 is spoken to over plain HTTP");
            Digest pushed = client.push(ref("berth/oci:1"), image.manifest(), image.mediaType(), local);
            assertEquals(image.digest(), pushed);

            FileBlobStore fresh = store("fresh");
            PulledImage pulled = client.pull(ref("berth/oci:1"), fresh);
            assertEquals(image.digest(), pulled.manifest().digest());
            assertEquals(MediaTypes.OCI_MANIFEST, pulled.manifest().mediaType());
            assertArrayEquals(image.manifest(), pulled.manifest().bytes());
            assertNull(pulled.index());
            assertEquals(image.config(), pulled.config());
            assertEquals(image.layers(), pulled.layers());
            for (Descriptor blob : image.blobs()) {
                assertTrue(fresh.has(blob.digest()), "pulled " + blob.digest());
                assertEquals(blob.size(), fresh.size(blob.digest()));
                assertEquals(blob.digest(), sha256(fresh, blob.digest()), "stored bytes hash to their name");
            }
            assertTrue(fresh.has(image.digest()), "the manifest is stored as a blob too");
            assertEquals(Set.copyOf(local.list()), Set.copyOf(fresh.list()), "same blobs on both sides");

            // by digest, as `pull name@sha256:...`
            FetchedManifest byDigest = client.fetchManifest("berth/oci", image.digest().toString());
            assertArrayEquals(image.manifest(), byDigest.bytes());
            PulledImage again = client.pull(ImageReference.parse(registry.address() + "/berth/oci@" + image.digest()), store("third"));
            assertEquals(image.digest(), again.manifest().digest());
        }
    }

    @Test
    void dockerV2ManifestWithUncompressedLayers() throws Exception {
        FileBlobStore local = store("local");
        TestImage image = TestImage.create(local, TestImage.Format.DOCKER, false, 2, 30_000, 10_000);
        try (RegistryClient client = client()) {
            client.push(ref("berth/docker:plain"), image.manifest(), image.mediaType(), local);
            FileBlobStore fresh = store("fresh");
            PulledImage pulled = client.pull(ref("berth/docker:plain"), fresh);
            assertEquals(MediaTypes.DOCKER_MANIFEST, pulled.manifest().mediaType());
            assertEquals(image.digest(), pulled.manifest().digest());
            assertEquals(MediaTypes.DOCKER_LAYER, pulled.layers().getFirst().mediaType());
            for (Descriptor layer : image.layers()) {
                assertEquals(layer.digest(), sha256(fresh, layer.digest()), "uncompressed layer stored as is");
            }
        }
    }

    @Test
    void secondPushAndPullSkipWhatIsThere() throws Exception {
        FileBlobStore local = store("local");
        TestImage image = TestImage.create(local, TestImage.Format.OCI, true, 3, 40_000, 40_000);
        try (RegistryClient client = client()) {
            ConcurrentLinkedQueue<ProgressEvent> first = new ConcurrentLinkedQueue<>();
            client.push(ref("berth/skip:1"), image.manifest(), image.mediaType(), local, null, first::add);
            assertEquals(3, count(first, ProgressEvent.BlobDone.class));
            for (Descriptor blob : image.blobs()) {
                assertTrue(first.contains(new ProgressEvent.BlobProgress(blob.digest(), blob.size(), blob.size())),
                        "upload progress reaches the blob's size: " + first);
            }
            ConcurrentLinkedQueue<ProgressEvent> second = new ConcurrentLinkedQueue<>();
            client.push(ref("berth/skip:2"), image.manifest(), image.mediaType(), local, null, second::add);
            assertEquals(3, count(second, ProgressEvent.BlobSkipped.class), "HEAD finds every blob: " + second);
            assertEquals(0, count(second, ProgressEvent.BlobStarted.class));

            ConcurrentLinkedQueue<ProgressEvent> pull = new ConcurrentLinkedQueue<>();
            client.pull(ref("berth/skip:2"), local, pull::add);
            assertEquals(3, count(pull, ProgressEvent.BlobSkipped.class), "the local store has them all: " + pull);
            assertEquals(0, count(pull, ProgressEvent.BlobStarted.class));
        }
    }

    @Test
    void crossRepositoryMountUploadsNothing() throws Exception {
        FileBlobStore local = store("local");
        TestImage image = TestImage.create(local, TestImage.Format.OCI, true, 4, 50_000);
        try (RegistryClient client = client()) {
            client.push(ref("berth/mount-src:1"), image.manifest(), image.mediaType(), local);
            ConcurrentLinkedQueue<ProgressEvent> events = new ConcurrentLinkedQueue<>();
            client.push(ref("berth/mount-dst:1"), image.manifest(), image.mediaType(), local, "berth/mount-src", events::add);
            assertEquals(0, count(events, ProgressEvent.BlobProgress.class), "mounted, not uploaded: " + events);
            assertEquals(2, count(events, ProgressEvent.BlobDone.class));
            PulledImage pulled = client.pull(ref("berth/mount-dst:1"), store("fresh"));
            assertEquals(image.digest(), pulled.manifest().digest());
        }
    }

    @Test
    void indexResolvesToLinuxAmd64() throws Exception {
        FileBlobStore local = store("local");
        TestImage arm = TestImage.create(local, TestImage.Format.OCI, true, 5, 10_000);
        TestImage amd = TestImage.create(local, TestImage.Format.OCI, true, 6, 10_000);
        byte[] index = TestImage.index(local, List.of(arm, amd), List.of("linux/arm64/v8", "linux/amd64"));
        try (RegistryClient client = client()) {
            Digest pushed = client.push(ref("berth/multi:1"), index, MediaTypes.OCI_INDEX, local);
            assertEquals(Digest.sha256(index), pushed);
            FileBlobStore fresh = store("fresh");
            PulledImage pulled = client.pull(ref("berth/multi:1"), fresh);
            assertEquals(amd.digest(), pulled.manifest().digest());
            assertEquals(Digest.sha256(index), pulled.index().digest());
            assertEquals(MediaTypes.OCI_INDEX, pulled.index().mediaType());
            assertTrue(fresh.has(amd.layers().getFirst().digest()));
            assertFalse(fresh.has(arm.layers().getFirst().digest()), "only the chosen platform is pulled");
        }
    }

    @Test
    void indexWithoutLinuxAmd64ListsWhatItHas() throws Exception {
        FileBlobStore local = store("local");
        TestImage arm = TestImage.create(local, TestImage.Format.OCI, true, 7, 10_000);
        TestImage win = TestImage.create(local, TestImage.Format.OCI, true, 8, 10_000);
        byte[] index = TestImage.index(local, List.of(arm, win), List.of("linux/arm64/v8", "windows/amd64"));
        try (RegistryClient client = client()) {
            client.push(ref("berth/noamd:1"), index, MediaTypes.OCI_INDEX, local);
            FileBlobStore fresh = store("fresh");
            PlatformNotFoundException e = assertThrows(PlatformNotFoundException.class,
                    () -> client.pull(ref("berth/noamd:1"), fresh));
            assertTrue(e.getMessage().contains("no linux/amd64 image"), e.getMessage());
            assertTrue(e.getMessage().contains("linux/arm64/v8, windows/amd64"), e.getMessage());
            assertTrue(fresh.list().isEmpty(), "nothing stored");
        }
    }

    @Test
    void unknownTagIsManifestNotFound() throws Exception {
        try (RegistryClient client = client()) {
            ManifestNotFoundException e = assertThrows(ManifestNotFoundException.class,
                    () -> client.pull(ref("berth/nothing:here"), store("fresh")));
            assertEquals("manifest for " + registry.address() + "/berth/nothing:here not found: check the name and the tag"
                    + " (manifest unknown)", e.getMessage());
        }
    }

    @Test
    void skopeoSeesWhatBerthPushedAndBerthPullsWhatSkopeoCopied() throws Exception {
        Skopeo.assumeInstalled();
        FileBlobStore local = store("local");
        TestImage image = TestImage.create(local, TestImage.Format.DOCKER, true, 9, 60_000, 20_000);
        try (RegistryClient client = client()) {
            client.push(ref("berth/interop:1"), image.manifest(), image.mediaType(), local);
            String inspect = Skopeo.run(tmp, "inspect", "--tls-verify=false", "docker://" + registry.address() + "/berth/interop:1");
            assertTrue(inspect.contains("\"Digest\": \"" + image.digest() + "\""), inspect);
            for (Descriptor layer : image.layers()) assertTrue(inspect.contains(layer.digest().toString()), inspect);

            Path layout = tmp.resolve("layout");
            Skopeo.run(tmp, "copy", "--src-tls-verify=false", "docker://" + registry.address() + "/berth/interop:1",
                    "oci:" + layout + ":copied");
            Skopeo.run(tmp, "copy", "--dest-tls-verify=false", "oci:" + layout + ":copied",
                    "docker://" + registry.address() + "/berth/from-skopeo:2");
            String copied = Skopeo.run(tmp, "inspect", "--raw", "--tls-verify=false",
                    "docker://" + registry.address() + "/berth/from-skopeo:2");

            FileBlobStore fresh = store("fresh");
            PulledImage pulled = client.pull(ref("berth/from-skopeo:2"), fresh);
            assertEquals(Digest.sha256(copied.getBytes(java.nio.charset.StandardCharsets.UTF_8)), pulled.manifest().digest());
            assertEquals(MediaTypes.OCI_MANIFEST, pulled.manifest().mediaType(), "skopeo's oci: layout converts to OCI");
            assertEquals(image.layers().stream().map(Descriptor::digest).toList(),
                    pulled.layers().stream().map(Descriptor::digest).toList(), "the same layer blobs");
            // converting to OCI re-writes the config (new digest), but it names the same layers
            com.fasterxml.jackson.databind.ObjectMapper json = new com.fasterxml.jackson.databind.ObjectMapper();
            assertEquals(json.readTree(local.path(image.config().digest()).toFile()).get("rootfs"),
                    json.readTree(fresh.path(pulled.config().digest()).toFile()).get("rootfs"), "the same diff_ids");
        }
    }

    static Digest sha256(FileBlobStore store, Digest digest) throws IOException {
        try (InputStream in = store.open(digest)) {
            return Digest.sha256(in.readAllBytes());
        }
    }

    static long count(java.util.Collection<ProgressEvent> events, Class<? extends ProgressEvent> type) {
        return events.stream().filter(type::isInstance).collect(Collectors.counting());
    }

    static boolean noPartialFiles(Path storeDir) throws IOException {
        try (var files = Files.list(storeDir.resolve(".ingest"))) {
            List<Path> left = files.toList();
            if (!left.isEmpty()) System.err.println("left in .ingest: " + left);
            return left.isEmpty();
        }
    }
}
