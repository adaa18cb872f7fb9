package dev.berth.engine.image.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.berth.engine.image.Digest;
import dev.berth.engine.image.DigestMismatchException;
import dev.berth.engine.image.ImageException;
import dev.berth.engine.image.ImageReference;
import dev.berth.engine.image.MediaTypes;
import dev.berth.engine.image.oci.InvalidImageDocumentException;
import dev.berth.engine.image.oci.UnsupportedMediaTypeException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ImageStoreTest {

    @TempDir
    Path tmp;

    Path imagesDir;
    Path layersDir;
    TarDirectoryLayerStore layers;
    final Set<Digest> inUse = new HashSet<>();
    ImageStore store;

    @BeforeEach
    void open() throws IOException {
        imagesDir = tmp.resolve("images");
        layersDir = tmp.resolve("layers");
        layers = new TarDirectoryLayerStore(layersDir);
        store = new ImageStore(imagesDir, layers, inUse::contains);
    }

    private Image add(String cmd, TestImage.Layer... ls) throws IOException {
        return store.add(TestImage.put(store, cmd, ls), MediaTypes.OCI_MANIFEST);
    }

    @Test
    void addsUnpacksAndFindsAnImageLikeDocker() throws IOException {
        TestImage.Layer layer = TestImage.textLayer("etc/motd", "hello\n");
        Image img = add("sh", layer);
        assertEquals("hello\n", Files.readString(layers.directory(layer.diffId()).resolve("etc/motd")));
        assertTrue(img.dangling());
        store.tag(img.id().toString(), "busybox");
        store.tag("busybox", "127.0.0.1:5000/tools/bb:1");

        assertEquals(img.id(), store.resolve("busybox:latest").orElseThrow().id());
        assertEquals(img.id(), store.resolve("docker.io/library/busybox").orElseThrow().id());
        assertEquals(img.id(), store.resolve(img.id().toString()).orElseThrow().id());
        assertEquals(img.id(), store.resolve(img.id().shortHex()).orElseThrow().id());
        assertEquals(img.id(), store.resolve("sha256:" + img.id().hex().substring(0, 6)).orElseThrow().id());
        assertEquals(img.id(), store.resolve("busybox@" + img.manifestDigest()).orElseThrow().id());
        assertTrue(store.resolve("busybox:2").isEmpty());
        assertTrue(store.resolve("nginx").isEmpty());

        Image tagged = store.resolve("busybox").orElseThrow();
        assertEquals(List.of("127.0.0.1:5000/tools/bb:1", "busybox:latest"), tagged.repoTags());
        assertEquals(List.of("sh"), tagged.config().containerConfig().cmd());
        assertEquals(layer.tar().length > 0, tagged.size() > 0);
        assertEquals(6, tagged.size(), "Size is the unpacked content: one 6-byte file");

        store.recordRepoDigest(img.id(), ImageReference.parse("busybox@" + img.manifestDigest()));
        assertEquals(List.of("busybox@" + img.manifestDigest()), store.resolve("busybox").orElseThrow().repoDigests());

        ImageStore reopened = new ImageStore(imagesDir, layers, inUse::contains);
        Image again = reopened.resolve("127.0.0.1:5000/tools/bb:1").orElseThrow();
        assertEquals(tagged.repoTags(), again.repoTags());
        assertEquals(List.of("busybox@" + img.manifestDigest()), again.repoDigests());
        assertFalse(Files.exists(imagesDir.resolve("images.json.tmp")), "no temporary index left behind");
    }

    @Test
    void aDockerV2ManifestIsStoredByteForByteWithGzipAndPlainLayers() throws IOException {
        TestImage.Layer gz = TestImage.textLayer("etc/a", "gzip layer");
        TestImage.Layer plain = TestImage.layer(TestImage.tar(Map.of("etc/b", "plain layer".getBytes(StandardCharsets.UTF_8))), false);
        byte[] config = TestImage.config(List.of(gz.diffId(), plain.diffId()), "sh");
        store.blobs().put(config);
        store.blobs().put(gz.blob());
        store.blobs().put(plain.blob());
        // as a registry may serve it: indented, fields in another order, a field berth does not know
        String manifest = """
                {
                   "schemaVersion": 2,
                   "mediaType": "%s",
                   "config": {"size": %d, "digest": "%s", "mediaType": "%s"},
                   "layers": [
                      {"mediaType": "%s", "size": %d, "digest": "%s"},
                      {"mediaType": "%s", "size": %d, "digest": "%s"}
                   ],
                   "x-unknown": true
                }
                """.formatted(MediaTypes.DOCKER_MANIFEST, config.length, Digest.sha256(config), MediaTypes.DOCKER_CONFIG,
                MediaTypes.DOCKER_LAYER_GZIP, gz.blob().length, gz.blobDigest(),
                MediaTypes.DOCKER_LAYER, plain.blob().length, plain.blobDigest());
        byte[] bytes = manifest.getBytes(StandardCharsets.UTF_8);
        Image img = store.add(bytes, MediaTypes.DOCKER_MANIFEST);
        assertEquals(Digest.sha256(bytes), img.manifestDigest());
        assertEquals(MediaTypes.DOCKER_MANIFEST, img.manifestMediaType());
        assertEquals(manifest, Files.readString(store.blobs().path(img.manifestDigest())), "the original bytes are kept");
        assertEquals(Digest.sha256(config), img.id());
        assertEquals("gzip layer", Files.readString(layers.directory(gz.diffId()).resolve("etc/a")));
        assertEquals("plain layer", Files.readString(layers.directory(plain.diffId()).resolve("etc/b")));
        assertEquals(img.id(), store.add(bytes, null).id(), "adding it again changes nothing");
        assertEquals(1, store.list().size());
    }

    @Test
    void anAmbiguousIdPrefixIsRefused() throws IOException {
        // 40 tiny images: some pair of IDs shares a first hex digit
        List<Image> images = new java.util.ArrayList<>();
        for (int i = 0; i < 40; i++) images.add(add("cmd" + i, TestImage.textLayer("f", "x")));
        String shared = images.stream().map(i -> i.id().hex().substring(0, 1))
                .filter(p -> images.stream().filter(i -> i.id().hex().startsWith(p)).count() > 1).findFirst().orElseThrow();
        ImageException e = assertThrows(ImageException.class, () -> store.resolve(shared));
        assertTrue(e.getMessage().contains("multiple images found with ID prefix"), e.getMessage());
        assertEquals(1, layers.unpacks.get(), "the one layer all 40 share was unpacked once");
    }

    @Test
    void aSharedBaseLayerIsStoredAndUnpackedOnce() throws IOException {
        List<StoreEvent> events = new java.util.ArrayList<>();
        store = new ImageStore(imagesDir, layers, inUse::contains, events::add);
        int baseBytes = 4 << 20;
        TestImage.Layer base = TestImage.randomLayer("usr/lib/base.bin", baseBytes, 42);
        add("a", base, TestImage.textLayer("app/a", "a"));
        long afterFirst = TestImage.bytesOnDisk(imagesDir, layersDir);
        add("b", base, TestImage.textLayer("app/b", "bb"));
        long afterSecond = TestImage.bytesOnDisk(imagesDir, layersDir);
        long growth = afterSecond - afterFirst;
        System.out.printf("shared base layer: %d bytes; store after image 1: %d bytes, after image 2: %d bytes (+%d)%n",
                baseBytes, afterFirst, afterSecond, growth);
        assertTrue(afterFirst > 2L * baseBytes, "the first image holds the base blob and its unpacked copy");
        assertTrue(growth < baseBytes, "the second image adds less than the shared layer: +" + growth);
        assertTrue(growth < 64 * 1024, "only its own small layer, config, manifest and index: +" + growth);
        assertEquals(3, layers.unpacks.get(), "base, a, b: each unpacked once");
        assertEquals(List.of(StoreEvent.LayerUnpacked.class, StoreEvent.LayerUnpacked.class, StoreEvent.ImageAdded.class,
                StoreEvent.LayerReused.class, StoreEvent.LayerUnpacked.class, StoreEvent.ImageAdded.class),
                events.stream().map(Object::getClass).toList());
        assertEquals(new StoreEvent.LayerReused(base.diffId()), events.get(3));
        assertEquals(baseBytes, ((StoreEvent.LayerUnpacked) events.getFirst()).bytes());
        assertEquals(3, layers.list().size());
    }

    @Test
    void rmiOfOneOfSeveralTagsOnlyUntags() throws IOException {
        Image img = add("sh", TestImage.textLayer("f", "1"));
        store.tag(img.id().toString(), "app:1");
        store.tag("app:1", "app:latest");
        ImageRemoval r = store.remove("app:1", false);
        assertEquals(List.of("app:1"), r.untagged());
        assertTrue(r.deleted().isEmpty());
        assertEquals(List.of("app:latest"), store.resolve(img.id().toString()).orElseThrow().repoTags());

        Set<Digest> blobsBefore = store.blobs().list();
        assertEquals(3, blobsBefore.size(), "config, layer, manifest");
        ImageRemoval last = store.remove("app", false);
        assertEquals(List.of("app:latest"), last.untagged());
        assertEquals(List.of(img.id()), last.deleted());
        assertTrue(last.reclaimedBytes() > 0);
        assertTrue(store.list().isEmpty());
        assertTrue(store.blobs().list().isEmpty(), "blobs of the removed image are deleted");
        assertTrue(layers.list().isEmpty(), "its layer is deleted");
        assertThrows(ImageNotFoundException.class, () -> store.remove("app", false));
    }

    @Test
    void removingAnImageKeepsWhatAnotherImageUses() throws IOException {
        TestImage.Layer base = TestImage.textLayer("base", "base");
        TestImage.Layer top = TestImage.textLayer("top", "top");
        Image a = add("a", base);
        Image b = add("b", base, top);
        store.tag(a.id().toString(), "a");
        store.tag(b.id().toString(), "b");
        store.remove("b", false);
        assertTrue(layers.has(base.diffId()), "a still needs the base layer");
        assertFalse(layers.has(top.diffId()));
        assertTrue(store.blobs().has(base.blobDigest()));
        assertFalse(store.blobs().has(top.blobDigest()));
        assertEquals(a.id(), store.resolve("a").orElseThrow().id());
    }

    @Test
    void rmiByIdRemovesAllTagsOfOneRepositoryButMustBeForcedAcrossRepositories() throws IOException {
        Image img = add("sh", TestImage.textLayer("f", "1"));
        store.tag(img.id().toString(), "app:1");
        store.tag(img.id().toString(), "app:2");
        ImageRemoval r = store.remove(img.id().shortHex(), false);
        assertEquals(List.of("app:1", "app:2"), r.untagged());
        assertEquals(List.of(img.id()), r.deleted());

        Image again = add("sh", TestImage.textLayer("f", "1"));
        store.tag(again.id().toString(), "app:1");
        store.tag(again.id().toString(), "other:1");
        ImageConflictException e = assertThrows(ImageConflictException.class, () -> store.remove(again.id().toString(), false));
        assertTrue(e.getMessage().contains("referenced in multiple repositories"), e.getMessage());
        assertEquals(2, store.resolve("app:1").orElseThrow().repoTags().size(), "a refused rmi changes nothing");
        assertEquals(List.of(again.id()), store.remove(again.id().toString(), true).deleted());
    }

    @Test
    void rmiOfAnImageInUseIsRefusedUnlessForced() throws IOException {
        TestImage.Layer layer = TestImage.textLayer("f", "1");
        Image img = add("sh", layer);
        store.tag(img.id().toString(), "app");
        inUse.add(img.id());
        Map<String, String> before = TestImage.listing(imagesDir, layersDir);

        ImageConflictException byTag = assertThrows(ImageConflictException.class, () -> store.remove("app", false));
        assertTrue(byTag.getMessage().contains("must force"), byTag.getMessage());
        ImageConflictException byId = assertThrows(ImageConflictException.class, () -> store.remove(img.id().toString(), false));
        assertTrue(byId.getMessage().contains("being used by a container"), byId.getMessage());
        assertEquals(before, TestImage.listing(imagesDir, layersDir));

        // a second tag can go: the image keeps a name
        store.tag("app", "app:2");
        assertEquals(List.of("app:2"), store.remove("app:2", false).untagged());

        // forced: the name goes, the content stays for the container, the image is dangling
        ImageRemoval forced = store.remove("app", true);
        assertEquals(List.of("app:latest"), forced.untagged());
        assertTrue(forced.deleted().isEmpty());
        Image dangling = store.resolve(img.id().toString()).orElseThrow();
        assertTrue(dangling.dangling());
        assertTrue(layers.has(layer.diffId()));
        assertTrue(store.prune(false).deleted().isEmpty(), "prune skips an image in use");

        inUse.clear();
        assertEquals(List.of(img.id()), store.prune(false).deleted());
        assertFalse(layers.has(layer.diffId()));
    }

    @Test
    void pruneRemovesDanglingImagesAndWithAllEveryUnusedOne() throws IOException {
        Image dangling = add("d", TestImage.textLayer("d", "d"));
        Image tagged = add("t", TestImage.textLayer("t", "t"));
        Image used = add("u", TestImage.textLayer("u", "u"));
        store.tag(tagged.id().toString(), "tagged");
        store.tag(used.id().toString(), "used");
        inUse.add(used.id());

        ImageRemoval dry = store.prune(false);
        assertEquals(List.of(dangling.id()), dry.deleted());
        assertTrue(dry.untagged().isEmpty());
        assertEquals(2, store.list().size());

        ImageRemoval all = store.prune(true);
        assertEquals(List.of(tagged.id()), all.deleted());
        assertEquals(List.of("tagged:latest"), all.untagged());
        assertEquals(List.of(used.id()), store.list().stream().map(Image::id).toList());

        // untag leaves a dangling image for prune
        store.untag("used");
        assertTrue(store.resolve(used.id().toString()).orElseThrow().dangling());
    }

    @Test
    void repoDigestsGoWithTheLastTagOfTheirRepositoryAndAContentDigestActsLikeAnId() throws IOException {
        Image img = add("sh", TestImage.textLayer("f", "1"));
        store.tag(img.id().toString(), "app:1");
        store.tag(img.id().toString(), "other:1");
        store.recordRepoDigest(img.id(), ImageReference.parse("app@" + img.manifestDigest()));
        assertEquals(img.id(), store.resolve("app@" + img.manifestDigest()).orElseThrow().id());
        store.recordRepoDigest(img.id(), ImageReference.parse("third@" + img.manifestDigest()));
        assertEquals(List.of("third@" + img.manifestDigest()), store.remove("third@" + img.manifestDigest(), false).untagged(),
                "a recorded name@digest is untagged like a tag");

        ImageRemoval r = store.remove("app:1", false);
        assertEquals(List.of("app:1", "app@" + img.manifestDigest()), r.untagged());
        assertTrue(r.deleted().isEmpty());
        Image left = store.resolve("other:1").orElseThrow();
        assertEquals(List.of(), left.repoDigests());

        ImageRemoval byDigest = store.remove("other@" + img.manifestDigest(), false);
        assertEquals(List.of("other:1"), byDigest.untagged());
        assertEquals(List.of(img.id()), byDigest.deleted());
        assertTrue(store.blobs().list().isEmpty());
    }

    @Test
    void retaggingMovesTheTag() throws IOException {
        Image one = add("1", TestImage.textLayer("f", "1"));
        Image two = add("2", TestImage.textLayer("f", "2"));
        store.tag(one.id().toString(), "app");
        store.tag(two.id().toString(), "app");
        assertEquals(two.id(), store.resolve("app").orElseThrow().id());
        assertTrue(store.resolve(one.id().toString()).orElseThrow().dangling());
        assertThrows(ImageException.class, () -> store.tag("app", "app@sha256:" + "a".repeat(64)));
        assertThrows(ImageNotFoundException.class, () -> store.tag("nope", "x"));
        assertThrows(ImageException.class, () -> store.tag("app", "Bad"));
    }

    // ---- failures leave the store as it was ------------------------------------------------

    private void assertUnchanged(Map<String, String> before) throws IOException {
        assertEquals(before, TestImage.listing(imagesDir, layersDir), "the store is as it was before the failure");
    }

    private void seed() throws IOException {
        Image img = add("seed", TestImage.textLayer("seed", "seed"));
        store.tag(img.id().toString(), "seed");
    }

    @Test
    void aMissingBlobIsNamed() throws IOException {
        seed();
        TestImage.Layer l1 = TestImage.textLayer("a", "a");
        TestImage.Layer l2 = TestImage.textLayer("b", "b");
        byte[] config = TestImage.config(List.of(l1.diffId(), l2.diffId()), "x");
        store.blobs().put(config);
        store.blobs().put(l1.blob());
        Map<String, String> before = TestImage.listing(imagesDir, layersDir);
        MissingBlobException e = assertThrows(MissingBlobException.class,
                () -> store.add(TestImage.manifest(config, l1, l2), MediaTypes.OCI_MANIFEST));
        assertEquals(l2.blobDigest(), e.missing());
        assertTrue(e.getMessage().contains(l2.blobDigest().toString()) && e.getMessage().contains("layer 2/2"), e.getMessage());
        assertUnchanged(before);
    }

    @Test
    void aCorruptedBlobOnDiskIsDetectedAndNothingChanges() throws IOException {
        seed();
        TestImage.Layer good = TestImage.textLayer("good", "good");
        TestImage.Layer bad = TestImage.randomLayer("bad.bin", 100_000, 7);
        byte[] manifest = TestImage.put(store, "x", good, bad);
        // bit rot after the verified write: flip one byte of the stored blob
        Path blob = store.blobs().path(bad.blobDigest());
        byte[] bytes = Files.readAllBytes(blob);
        bytes[bytes.length / 2] ^= 0x55;
        Files.write(blob, bytes);
        Map<String, String> before = TestImage.listing(imagesDir, layersDir);

        DigestMismatchException e = assertThrows(DigestMismatchException.class, () -> store.add(manifest, null));
        assertTrue(e.getMessage().contains("layer 2/2") && e.getMessage().contains("on disk"), e.getMessage());
        assertEquals(bad.blobDigest(), e.expected());
        assertFalse(layers.has(good.diffId()), "the first layer, unpacked by this add, is removed again");
        assertUnchanged(before);
    }

    @Test
    void aManifestThatMisstatesABlobSizeIsRefused() throws IOException {
        seed();
        TestImage.Layer l = TestImage.textLayer("a", "a");
        byte[] manifest = TestImage.put(store, "x", l);
        String lying = new String(manifest, StandardCharsets.UTF_8)
                .replace("\"size\":" + l.blob().length, "\"size\":" + (l.blob().length + 1));
        Map<String, String> before = TestImage.listing(imagesDir, layersDir);
        InvalidImageDocumentException e = assertThrows(InvalidImageDocumentException.class,
                () -> store.add(lying.getBytes(StandardCharsets.UTF_8), MediaTypes.OCI_MANIFEST));
        assertTrue(e.getMessage().contains("layer 1/1 " + l.blobDigest() + " has " + (l.blob().length + 1) + " bytes"), e.getMessage());
        assertUnchanged(before);
    }

    @Test
    void aLayerThatIsNotItsDiffIdIsRefused() throws IOException {
        seed();
        TestImage.Layer l1 = TestImage.textLayer("a", "a");
        TestImage.Layer l2 = TestImage.textLayer("b", "b");
        TestImage.Layer other = TestImage.textLayer("b", "not b");
        byte[] config = TestImage.config(List.of(l1.diffId(), other.diffId()), "x");
        byte[] manifest = TestImage.put(store, config, l1, l2);
        Map<String, String> before = TestImage.listing(imagesDir, layersDir);
        DigestMismatchException e = assertThrows(DigestMismatchException.class, () -> store.add(manifest, MediaTypes.OCI_MANIFEST));
        assertEquals(other.diffId(), e.expected());
        assertEquals(l2.diffId(), e.actual());
        assertUnchanged(before);
    }

    @Test
    void aTruncatedTarIsAClearErrorAndNothingChanges() throws IOException {
        seed();
        TestImage.Layer whole = TestImage.randomLayer("big.bin", 50_000, 3);
        byte[] cut = Arrays.copyOf(whole.tar(), 20_000);
        for (boolean gzip : new boolean[] {true, false}) {
            TestImage.Layer truncated = TestImage.layer(cut, gzip);
            byte[] manifest = TestImage.put(store, "x", TestImage.textLayer("first", "1"), truncated);
            Map<String, String> before = TestImage.listing(imagesDir, layersDir);
            LayerUnpackException e = assertThrows(LayerUnpackException.class, () -> store.add(manifest, MediaTypes.OCI_MANIFEST));
            assertTrue(e.getMessage().contains("layer 2/2") && e.getMessage().contains("truncated or damaged"), e.getMessage());
            assertUnchanged(before);
        }
    }

    @Test
    void unknownMediaTypesAreRefusedSayingWhatIsExpected() throws IOException {
        seed();
        TestImage.Layer l = TestImage.textLayer("a", "a");
        byte[] manifest = TestImage.put(store, "x", l);
        Map<String, String> before = TestImage.listing(imagesDir, layersDir);

        UnsupportedMediaTypeException e = assertThrows(UnsupportedMediaTypeException.class,
                () -> store.add(manifest, "application/vnd.example.thing+json"));
        assertTrue(e.getMessage().startsWith("unsupported media type application/vnd.example.thing+json"), e.getMessage());
        assertTrue(e.getMessage().contains("expected one of " + MediaTypes.DOCKER_MANIFEST + ", " + MediaTypes.OCI_MANIFEST), e.getMessage());

        assertThrows(UnsupportedMediaTypeException.class, () -> store.add(
                "{\"schemaVersion\":2,\"mediaType\":\"application/vnd.oci.image.index.v1+json\",\"manifests\":[]}"
                        .getBytes(StandardCharsets.UTF_8), null));

        String zstd = new String(manifest, StandardCharsets.UTF_8).replace(MediaTypes.OCI_LAYER_GZIP, MediaTypes.OCI_LAYER_ZSTD);
        UnsupportedMediaTypeException z = assertThrows(UnsupportedMediaTypeException.class,
                () -> store.add(zstd.getBytes(StandardCharsets.UTF_8), MediaTypes.OCI_MANIFEST));
        assertTrue(z.getMessage().contains(MediaTypes.OCI_LAYER_ZSTD) && z.getMessage().contains(l.blobDigest().toString()), z.getMessage());

        String mislabelled = new String(manifest, StandardCharsets.UTF_8);
        assertThrows(InvalidImageDocumentException.class,
                () -> store.add(mislabelled.getBytes(StandardCharsets.UTF_8), MediaTypes.DOCKER_MANIFEST));
        assertThrows(InvalidImageDocumentException.class,
                () -> store.add("not json".getBytes(StandardCharsets.UTF_8), MediaTypes.OCI_MANIFEST));
        assertUnchanged(before);
    }

    @Test
    void aFailedIndexWriteUndoesTheUnpacking() throws IOException {
        seed();
        TestImage.Layer l = TestImage.textLayer("a", "a");
        byte[] manifest = TestImage.put(store, "x", l);
        // the temporary index cannot be created: a directory is in its way
        Path blocker = Files.createDirectory(imagesDir.resolve("images.json.tmp"));
        Files.writeString(blocker.resolve("in-the-way"), "x");
        Map<String, String> before = TestImage.listing(imagesDir, layersDir);
        StoreIndexException e = assertThrows(StoreIndexException.class, () -> store.add(manifest, MediaTypes.OCI_MANIFEST));
        assertTrue(e.getMessage().contains("the store is unchanged"), e.getMessage());
        assertUnchanged(before);
        assertEquals(1, store.list().size());
        TarDirectoryLayerStore.deleteTree(blocker);
        assertEquals(1, new ImageStore(imagesDir, layers, inUse::contains).list().size());
        assertEquals(2, store.add(manifest, MediaTypes.OCI_MANIFEST) != null ? store.list().size() : 0, "works once the way is clear");
    }

    // ---- views ----------------------------------------------------------------------------

    @Test
    void inspectHasDockersShape() throws IOException {
        TestImage.Layer l1 = TestImage.textLayer("a", "aaaa");
        TestImage.Layer l2 = TestImage.textLayer("b", "bb");
        Image img = add("sh", l1, l2);
        store.tag(img.id().toString(), "busybox:1");
        JsonNode view = InspectView.of(List.of(store.resolve("busybox:1").orElseThrow()), layers);
        assertEquals(1, view.size());
        JsonNode o = view.get(0);
        assertEquals(List.of("Id", "RepoTags", "RepoDigests", "Parent", "Comment", "Created", "DockerVersion", "Author",
                "Config", "Architecture", "Os", "Size", "GraphDriver", "RootFS", "Metadata"), fieldNames(o));
        assertEquals(img.id().toString(), o.get("Id").asText());
        assertEquals("busybox:1", o.get("RepoTags").get(0).asText());
        assertEquals("sh", o.at("/Config/Cmd/0").asText());
        assertEquals("PATH=/bin", o.at("/Config/Env/0").asText());
        assertTrue(o.at("/Config/Entrypoint").isNull());
        assertEquals("layers", o.at("/RootFS/Type").asText());
        assertEquals(l2.diffId().toString(), o.at("/RootFS/Layers/1").asText());
        assertEquals(6, o.get("Size").asLong());
        assertEquals("linux", o.get("Os").asText());
        assertEquals(layers.directory(l2.diffId()).toString(), o.at("/GraphDriver/Data/UpperDir").asText());
        assertEquals("2024-01-09T00:00:00Z", o.get("Created").asText());
        assertFalse(o.at("/Metadata/LastTagTime").asText().startsWith("0001"), "tagged just now");
    }

    @Test
    void historyRowsAreNewestFirstWithLayerSizes() throws IOException {
        Image img = add("sh", TestImage.textLayer("a", "aaaa"), TestImage.textLayer("b", "bb"));
        List<HistoryRow> rows = HistoryRow.of(img);
        assertEquals(3, rows.size());
        assertEquals(img.id().toString(), rows.get(0).id());
        assertEquals("CMD [\"sh\"]", rows.get(0).createdBy());
        assertEquals(0, rows.get(0).size());
        assertEquals(HistoryRow.MISSING, rows.get(1).id());
        assertEquals(2, rows.get(1).size());
        assertEquals(4, rows.get(2).size());
        assertEquals("step 1", rows.get(2).createdBy());
    }

    @Test
    void diskUsageCountsSharedContentOnce() throws IOException {
        TestImage.Layer base = TestImage.randomLayer("base", 10_000, 1);
        Image a = add("a", base);
        add("b", base, TestImage.textLayer("b", "b"));
        ImageDiskUsage du = store.diskUsage();
        assertEquals(2, du.images());
        assertEquals(10_001, du.layerBytes());
        assertEquals(du.totalBytes(), du.reclaimableBytes());
        inUse.add(a.id());
        ImageDiskUsage used = store.diskUsage();
        assertEquals(1, used.activeImages());
        assertTrue(used.reclaimableBytes() < du.reclaimableBytes() - 10_000);
    }

    private static List<String> fieldNames(JsonNode o) {
        List<String> names = new java.util.ArrayList<>();
        o.fieldNames().forEachRemaining(names::add);
        return names;
    }
}
