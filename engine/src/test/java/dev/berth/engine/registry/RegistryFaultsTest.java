package dev.berth.engine.registry;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.berth.engine.image.BlobNotFoundException;
import dev.berth.engine.image.Descriptor;
import dev.berth.engine.image.Digest;
import dev.berth.engine.image.DigestMismatchException;
import dev.berth.engine.image.ImageReference;
import dev.berth.engine.image.store.FileBlobStore;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentLinkedQueue;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Faults between berth and a real registry, made by a proxy: a dropped connection (resumed with
 * Range), corrupted bytes, a lying digest header; and concurrency and progress, observed there.
 */
class RegistryFaultsTest {

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

    private TestImage pushed(String repoTag, long seed, int... layerSizes) throws Exception {
        FileBlobStore local = new FileBlobStore(tmp.resolve("local-" + seed));
        TestImage image = TestImage.create(local, TestImage.Format.OCI, true, seed, layerSizes);
        try (RegistryClient client = RegistryClient.builder(registry.address()).build()) {
            client.push(ImageReference.parse(registry.address() + "/" + repoTag), image.manifest(), image.mediaType(), local);
        }
        return image;
    }

    private static ImageReference via(RegistryProxy proxy, String repoTag) {
        return ImageReference.parse(proxy.address() + "/" + repoTag);
    }

    @Test
    void aDroppedConnectionResumesWithRange() throws Exception {
        TestImage image = pushed("faults/resume:1", 11, 3_000_000);
        Descriptor layer = image.layers().getFirst();
        try (RegistryProxy proxy = new RegistryProxy(registry.address());
             RegistryClient client = RegistryClient.builder(proxy.address()).concurrency(1)
                     .retries(3, Duration.ofMillis(50)).build()) {
            proxy.dropFirstBlobAfter(1_000_000);
            ConcurrentLinkedQueue<ProgressEvent> events = new ConcurrentLinkedQueue<>();
            Path dir = tmp.resolve("fresh");
            FileBlobStore fresh = new FileBlobStore(dir);
            PulledImage pulled = client.pull(via(proxy, "faults/resume:1"), fresh, events::add);

            assertEquals(image.digest(), pulled.manifest().digest());
            assertEquals(layer.digest(), RegistryPushPullTest.sha256(fresh, layer.digest()), "resumed bytes verify");
            List<RegistryProxy.Seen> ranged = proxy.seen().stream().filter(s -> s.range() != null).toList();
            assertEquals(1, ranged.size(), "one ranged request: " + proxy.seen());
            long resumedAt = Long.parseLong(ranged.getFirst().range().replaceAll("bytes=(\\d+)-", "$1"));
            assertTrue(resumedAt > 0 && resumedAt <= 1_000_000, "resumed from the bytes kept: " + ranged);
            assertTrue(ranged.getFirst().path().endsWith(layer.digest().toString()));
            List<ProgressEvent.BlobRetrying> retries = events.stream()
                    .filter(ProgressEvent.BlobRetrying.class::isInstance).map(ProgressEvent.BlobRetrying.class::cast).toList();
            assertEquals(1, retries.size(), events.toString());
            assertEquals(resumedAt, retries.getFirst().offset());
            assertTrue(RegistryPushPullTest.noPartialFiles(dir), "no partial download left behind");
        }
    }

    @Test
    void aDroppedUploadIsSentAgain() throws Exception {
        FileBlobStore local = new FileBlobStore(tmp.resolve("local"));
        TestImage image = TestImage.create(local, TestImage.Format.OCI, true, 17, 500_000);
        try (RegistryProxy proxy = new RegistryProxy(registry.address());
             RegistryClient client = RegistryClient.builder(proxy.address()).concurrency(1)
                     .retries(3, Duration.ofMillis(50)).build()) {
            proxy.dropFirstUpload();
            ConcurrentLinkedQueue<ProgressEvent> events = new ConcurrentLinkedQueue<>();
            assertEquals(image.digest(), client.push(via(proxy, "faults/upload:1"), image.manifest(), image.mediaType(),
                    local, null, events::add));
            assertEquals(1, RegistryPushPullTest.count(events, ProgressEvent.BlobRetrying.class), events.toString());
            assertEquals(2, RegistryPushPullTest.count(events, ProgressEvent.BlobDone.class));
            assertEquals(3, proxy.seen().stream().filter(s -> s.method().equals("PUT") && s.path().contains("/blobs/")).count(),
                    "two blobs, one sent twice");
        }
        try (RegistryClient direct = RegistryClient.builder(registry.address()).build()) {
            FileBlobStore fresh = new FileBlobStore(tmp.resolve("fresh"));
            direct.pull(ImageReference.parse(registry.address() + "/faults/upload:1"), fresh);
            assertEquals(Set.copyOf(local.list()), Set.copyOf(fresh.list()));
        }
    }

    @Test
    void pushingWithABlobMissingLocallySendsNothing() throws Exception {
        FileBlobStore local = new FileBlobStore(tmp.resolve("local"));
        TestImage image = TestImage.create(local, TestImage.Format.OCI, true, 18, 5_000, 5_000);
        local.delete(image.layers().getLast().digest());
        try (RegistryProxy proxy = new RegistryProxy(registry.address());
             RegistryClient client = RegistryClient.builder(proxy.address()).build()) {
            BlobNotFoundException e = assertThrows(BlobNotFoundException.class,
                    () -> client.push(via(proxy, "faults/missing:1"), image.manifest(), image.mediaType(), local));
            assertTrue(e.getMessage().contains(image.layers().getLast().digest().toString()), e.getMessage());
            assertTrue(proxy.seen().stream().noneMatch(s -> s.path().contains("/blobs/")), proxy.seen().toString());
        }
    }

    @Test
    void corruptedBlobIsRefusedAndNothingStored() throws Exception {
        TestImage image = pushed("faults/corrupt:1", 12, 100_000);
        try (RegistryProxy proxy = new RegistryProxy(registry.address());
             RegistryClient client = RegistryClient.builder(proxy.address()).concurrency(1).build()) {
            proxy.corruptBlobs();
            Path dir = tmp.resolve("fresh");
            FileBlobStore fresh = new FileBlobStore(dir);
            DigestMismatchException e = assertThrows(DigestMismatchException.class,
                    () -> client.pull(via(proxy, "faults/corrupt:1"), fresh));
            assertTrue(e.getMessage().contains("digest mismatch") && e.getMessage().contains("nothing was stored"), e.getMessage());
            assertTrue(fresh.list().isEmpty(), "no blob stored: " + fresh.list());
            assertFalse(fresh.has(image.digest()), "and no manifest");
            // a download cancelled by the failure may keep its partial bytes under .ingest for a
            // later resume; they are never visible as a blob (and are re-fetched if they prove wrong)
        }
    }

    @Test
    void aWrongPartialFromAnEarlierPullIsDroppedAndDownloadedAfresh() throws Exception {
        TestImage image = pushed("faults/badpartial:1", 16, 200_000);
        Descriptor layer = image.layers().getFirst();
        Path dir = tmp.resolve("fresh");
        FileBlobStore fresh = new FileBlobStore(dir);
        try (var partial = fresh.ingest(layer.digest(), layer.size())) {
            partial.output().write(new byte[5_000]); // not the layer's first bytes
        }
        try (RegistryProxy proxy = new RegistryProxy(registry.address());
             RegistryClient client = RegistryClient.builder(proxy.address()).build()) {
            ConcurrentLinkedQueue<ProgressEvent> events = new ConcurrentLinkedQueue<>();
            client.pull(via(proxy, "faults/badpartial:1"), fresh, events::add);
            assertEquals(layer.digest(), RegistryPushPullTest.sha256(fresh, layer.digest()));
            assertEquals(List.of("bytes=5000-"), proxy.seen().stream().map(RegistryProxy.Seen::range)
                    .filter(java.util.Objects::nonNull).toList(), "first resumed from the partial");
            assertEquals(1, RegistryPushPullTest.count(events, ProgressEvent.BlobRetrying.class), events.toString());
            assertTrue(RegistryPushPullTest.noPartialFiles(dir));
        }
    }

    @Test
    void aManifestDigestHeaderThatLiesIsRefused() throws Exception {
        pushed("faults/lying:1", 13, 1_000);
        try (RegistryProxy proxy = new RegistryProxy(registry.address());
             RegistryClient client = RegistryClient.builder(proxy.address()).build()) {
            Digest other = Digest.sha256(new byte[]{1});
            proxy.fakeManifestDigest(other.toString());
            FileBlobStore fresh = new FileBlobStore(tmp.resolve("fresh"));
            DigestMismatchException e = assertThrows(DigestMismatchException.class,
                    () -> client.pull(via(proxy, "faults/lying:1"), fresh));
            assertEquals(other, e.expected());
            assertTrue(fresh.list().isEmpty());
        }
    }

    @Test
    void aManifestPulledByDigestMustHashToIt() throws Exception {
        TestImage image = pushed("faults/bydigest:1", 14, 1_000);
        try (RegistryProxy proxy = new RegistryProxy(registry.address());
             RegistryClient client = RegistryClient.builder(proxy.address()).build()) {
            assertEquals(image.digest(), client.fetchManifest("faults/bydigest", image.digest().toString()).digest());
            proxy.tamperManifests();
            FileBlobStore fresh = new FileBlobStore(tmp.resolve("fresh"));
            DigestMismatchException e = assertThrows(DigestMismatchException.class, () -> client.pull(
                    ImageReference.parse(proxy.address() + "/faults/bydigest@" + image.digest()), fresh));
            assertEquals(image.digest(), e.expected());
            assertTrue(fresh.list().isEmpty());
            // by tag there is nothing to check the bytes against but the header, which this registry left out
            assertEquals(image.manifest().length + 1, client.fetchManifest("faults/bydigest", "1").bytes().length);
            assertThrows(ManifestNotFoundException.class,
                    () -> client.fetchManifest("faults/bydigest", Digest.sha256(new byte[]{2}).toString()));
        }
    }

    @Test
    void blobsDownloadConcurrentlyWithProgress() throws Exception {
        TestImage image = pushed("faults/concurrent:1", 15, 2_500_000, 2_000_000, 1_500_000, 1_000_000);
        try (RegistryProxy proxy = new RegistryProxy(registry.address());
             RegistryClient client = RegistryClient.builder(proxy.address()).concurrency(3).build()) {
            proxy.holdBlobsUntilConcurrent(3);
            ConcurrentLinkedQueue<ProgressEvent> events = new ConcurrentLinkedQueue<>();
            FileBlobStore fresh = new FileBlobStore(tmp.resolve("fresh"));
            client.pull(via(proxy, "faults/concurrent:1"), fresh, events::add);

            assertEquals(3, proxy.maxBlobsInFlight(), "three blobs in flight at once, never more");
            assertEquals(5, RegistryPushPullTest.count(events, ProgressEvent.BlobStarted.class));
            assertEquals(5, RegistryPushPullTest.count(events, ProgressEvent.BlobDone.class));
            for (Descriptor blob : image.blobs()) {
                List<ProgressEvent.BlobProgress> progress = events.stream()
                        .filter(ProgressEvent.BlobProgress.class::isInstance).map(ProgressEvent.BlobProgress.class::cast)
                        .filter(p -> p.digest().equals(blob.digest())).toList();
                assertFalse(progress.isEmpty(), "progress for " + blob.digest());
                for (int i = 1; i < progress.size(); i++) {
                    assertTrue(progress.get(i).done() > progress.get(i - 1).done(), "bytes done only grow");
                }
                assertEquals(blob.size(), progress.getLast().done());
                assertEquals(blob.size(), progress.getLast().total());
                if (blob.size() > 2_000_000) assertTrue(progress.size() > 1, "several steps for a large blob");
            }
        }
    }
}
