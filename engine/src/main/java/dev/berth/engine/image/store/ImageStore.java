package dev.berth.engine.image.store;

import dev.berth.engine.image.Descriptor;
import dev.berth.engine.ExclusiveFile;
import dev.berth.engine.image.Digest;
import dev.berth.engine.image.DigestMismatchException;
import dev.berth.engine.image.ImageException;
import dev.berth.engine.image.ImageReference;
import dev.berth.engine.image.MediaTypes;
import dev.berth.engine.image.layer.LayerStore;
import dev.berth.engine.image.oci.ImageConfig;
import dev.berth.engine.image.oci.ImageManifest;
import dev.berth.engine.image.oci.InvalidImageDocumentException;
import dev.berth.engine.image.oci.OciJson;
import dev.berth.engine.image.oci.UnsupportedMediaTypeException;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;
import java.util.function.Predicate;

/**
 * berth's local images, rooted at {@code <BERTH_ROOT>/images}: blobs (manifests, configs,
 * compressed layers) in a {@link FileBlobStore} under {@code blobs/}, each layer unpacked once
 * by diff ID in the {@link LayerStore}, and an index ({@code images.json}) of images by ID (the
 * config digest, as Docker names images) and of tags (full reference → manifest digest).
 *
 * <p>Every change is all-or-nothing: the index is replaced atomically, and content made for a
 * change that fails (unpacked layers, the manifest blob) is removed again, so a failure leaves
 * the store as it was. Content of a removed image is deleted after the index no longer names it,
 * and only content no other image uses. Methods are synchronized within a process, and a change
 * holds a file lock across processes (re-reading the index under it).
 */
public final class ImageStore {

    private final Path root;
    private final FileBlobStore blobs;
    private final LayerStore layers;
    private final Predicate<Digest> inUse;
    private final StateFile stateFile;
    private final Consumer<StoreEvent> events;
    private final LayerUnpacker unpacker;
    private final Map<Digest, Object> parsed = new ConcurrentHashMap<>();
    private StoreState state;

    /**
     * @param root   the store's directory, {@code <BERTH_ROOT>/images}
     * @param layers where layers are unpacked
     * @param inUse  whether a container uses an image (by ID); such images are not removed unless forced
     */
    public ImageStore(Path root, LayerStore layers, Predicate<Digest> inUse) throws IOException {
        this(root, layers, inUse, event -> { });
    }

    /** @param events receives progress ({@link StoreEvent}), on the calling thread */
    public ImageStore(Path root, LayerStore layers, Predicate<Digest> inUse, Consumer<StoreEvent> events) throws IOException {
        this.root = root;
        this.events = events;
        Files.createDirectories(root);
        this.blobs = new FileBlobStore(root.resolve("blobs"));
        this.layers = layers;
        this.inUse = inUse;
        this.unpacker = new LayerUnpacker(blobs, layers);
        this.stateFile = new StateFile(root.resolve("images.json"));
        this.state = stateFile.read();
    }

    public Path root() {
        return root;
    }

    /** The blob store: put config and layer blobs here before {@link #add}. */
    public BlobStore blobs() {
        return blobs;
    }

    public LayerStore layers() {
        return layers;
    }

    /** A directory on the store's filesystem for work files (moved into the store, never left). */
    public Path workDir() throws IOException {
        return Files.createDirectories(root.resolve("tmp"));
    }

    // ---- adding ---------------------------------------------------------------------------

    /**
     * Adds the image a manifest describes. Its config and every layer blob must be in
     * {@link #blobs()} already. Each layer not unpacked yet is unpacked (gzip layers decompressed)
     * and checked against the config's diff ID. The manifest's original bytes are stored as they
     * are. Adding an image that is there already changes nothing.
     *
     * @param mediaType the manifest's media type as announced (null: the one it declares)
     * @throws UnsupportedMediaTypeException for an index, a schema-1 manifest, zstd layers, …
     * @throws MissingBlobException          when the config or a layer blob is absent
     * @throws DigestMismatchException       for a corrupt blob or a layer that is not its diff ID
     * @throws LayerUnpackException          for a truncated or damaged layer
     */
    public synchronized Image add(byte[] manifestBytes, String mediaType) throws IOException {
        return exclusive(() -> addLocked(manifestBytes, mediaType));
    }

    private Image addLocked(byte[] manifestBytes, String mediaType) throws IOException {
        ImageManifest manifest = OciJson.parseManifest(manifestBytes, mediaType);
        String type = mediaType == null || mediaType.isEmpty() ? OciJson.declaredMediaType(manifestBytes) : mediaType;
        Digest manifestDigest = Digest.sha256(manifestBytes);
        Descriptor configRef = manifest.config();
        if (!MediaTypes.CONFIGS.contains(configRef.mediaType())) {
            throw new UnsupportedMediaTypeException("the image config " + configRef.digest(), configRef.mediaType(), MediaTypes.CONFIGS);
        }
        Set<String> layerTypes = new LinkedHashSet<>(MediaTypes.GZIP_LAYERS);
        layerTypes.addAll(MediaTypes.PLAIN_LAYERS);
        for (Descriptor layer : manifest.layers()) {
            if (!MediaTypes.isLayer(layer.mediaType())) {
                throw new UnsupportedMediaTypeException("layer " + layer.digest(), layer.mediaType(), layerTypes);
            }
        }
        requirePresent(configRef, "config", manifestDigest);
        for (int i = 0; i < manifest.layers().size(); i++) {
            requirePresent(manifest.layers().get(i), "layer " + (i + 1) + "/" + manifest.layers().size(), manifestDigest);
        }
        ImageConfig config = readConfig(configRef.digest());
        if (config.rootfs() == null || !"layers".equals(config.rootfs().type())) {
            throw new InvalidImageDocumentException("image config " + configRef.digest()
                    + " has no rootfs of type \"layers\": it is not an image config");
        }
        List<Digest> diffIds = config.diffIds();
        if (diffIds.size() != manifest.layers().size()) {
            throw new InvalidImageDocumentException("image manifest " + manifestDigest + " lists " + manifest.layers().size()
                    + " layers but its config has " + diffIds.size() + " diff IDs: the image is malformed, rebuild it");
        }
        Digest id = configRef.digest();
        List<Digest> unpackedHere = new ArrayList<>();
        boolean manifestWasStored = blobs.has(manifestDigest);
        try {
            List<Long> sizes = new ArrayList<>();
            for (int i = 0; i < diffIds.size(); i++) {
                Digest diffId = diffIds.get(i);
                long size;
                if (!layers.has(diffId)) {
                    unpackedHere.add(diffId);
                    long start = System.nanoTime();
                    unpacker.unpack(manifest.layers().get(i), diffId, i, diffIds.size());
                    size = layers.diskUsage(diffId);
                    events.accept(new StoreEvent.LayerUnpacked(diffId, manifest.layers().get(i).digest(), size,
                            Duration.ofNanos(System.nanoTime() - start)));
                } else {
                    size = layers.diskUsage(diffId);
                    events.accept(new StoreEvent.LayerReused(diffId));
                }
                sizes.add(size);
            }
            blobs.put(new ByteArrayInputStream(manifestBytes), manifestDigest);
            StoreState.ManifestRef ref = new StoreState.ManifestRef(manifestDigest, type);
            StoreState.Entry existing = state.images().get(id);
            StoreState.Entry entry = existing != null ? existing.withManifest(ref)
                    : new StoreState.Entry(List.of(ref), sizes, List.of(), Instant.now().toString(), null);
            commit(state.withImage(id, entry));
            parsed.put(manifestDigest, manifest);
            events.accept(new StoreEvent.ImageAdded(id, manifestDigest));
        } catch (IOException | RuntimeException e) {
            undoAdd(unpackedHere, manifestWasStored ? null : manifestDigest, e);
            throw e;
        }
        return image(id, manifestDigest);
    }

    /** Records that the image is known under {@code name@digest} (a pull or push did it). */
    public synchronized void recordRepoDigest(Digest imageId, ImageReference nameWithDigest) {
        try {
            exclusive(() -> {
                recordRepoDigestLocked(imageId, nameWithDigest);
                return null;
            });
        } catch (IOException e) {
            throw new StoreIndexException("cannot update the image index: " + e.getMessage(), e);
        }
    }

    private void recordRepoDigestLocked(Digest imageId, ImageReference nameWithDigest) {
        if (nameWithDigest.digest() == null) {
            throw new IllegalArgumentException(nameWithDigest + " has no digest");
        }
        StoreState.Entry entry = entry(imageId);
        List<String> digests = new ArrayList<>(entry.repoDigests());
        digests.add(nameWithDigest.name() + "@" + nameWithDigest.digest());
        commit(state.withImage(imageId, entry.withRepoDigests(digests)));
    }

    private void requirePresent(Descriptor d, String what, Digest manifest) {
        if (!blobs.has(d.digest())) throw new MissingBlobException(what, d.digest(), manifest);
        long size = blobs.size(d.digest());
        if (d.size() >= 0 && size != d.size()) {
            throw new InvalidImageDocumentException("image manifest " + manifest + " says " + what + " " + d.digest() + " has "
                    + d.size() + " bytes, but that blob has " + size + ": the manifest is wrong, nothing was stored");
        }
    }

    private ImageConfig readConfig(Digest digest) throws IOException {
        Object cached = parsed.get(digest);
        if (cached instanceof ImageConfig c) return c;
        byte[] bytes;
        try (InputStream in = blobs.open(digest)) {
            bytes = in.readAllBytes();
        }
        Digest actual = Digest.sha256(bytes);
        if (!actual.equals(digest)) throw new DigestMismatchException("config blob " + digest + " on disk", digest, actual);
        ImageConfig config = OciJson.parseConfig(bytes);
        parsed.put(digest, config);
        return config;
    }

    private ImageManifest readManifest(StoreState.ManifestRef ref) throws IOException {
        Object cached = parsed.get(ref.digest());
        if (cached instanceof ImageManifest m) return m;
        byte[] bytes;
        try (InputStream in = blobs.open(ref.digest())) {
            bytes = in.readAllBytes();
        }
        ImageManifest manifest = OciJson.parseManifest(bytes, ref.mediaType());
        parsed.put(ref.digest(), manifest);
        return manifest;
    }

    private void undoAdd(List<Digest> unpackedHere, Digest manifestBlob, Exception failure) {
        for (Digest diffId : unpackedHere) {
            try {
                if (layers.has(diffId)) layers.remove(diffId);
            } catch (IOException | RuntimeException e) {
                failure.addSuppressed(e);
            }
        }
        if (manifestBlob != null && state.imageOfManifest(manifestBlob) == null) {
            try {
                blobs.delete(manifestBlob);
            } catch (IOException e) {
                failure.addSuppressed(e);
            }
        }
    }

    // ---- finding --------------------------------------------------------------------------

    /**
     * Finds an image as Docker does: a name ({@code busybox}, {@code busybox:1},
     * {@code busybox@sha256:…}), a full ID ({@code sha256:…}) or a unique ID prefix
     * ({@code 3f57d9401f8d}). A name is tried before an ID prefix.
     *
     * @throws ImageException for an ID prefix that several images share, or a malformed name
     */
    public synchronized Optional<Image> resolve(String referenceOrIdPrefix) throws IOException {
        refresh();
        ImageMatch m = ImageMatch.find(state, referenceOrIdPrefix);
        return m == null ? Optional.empty() : Optional.of(image(m.id(), m.manifest()));
    }

    public synchronized List<Image> list() throws IOException {
        refresh();
        List<Image> out = new ArrayList<>();
        for (Digest id : state.images().keySet()) out.add(image(id, null));
        out.sort(Comparator.comparing((Image i) -> i.created() == null ? Instant.EPOCH : i.created()).reversed()
                .thenComparing(Image::id));
        return out;
    }

    private StoreState.Entry entry(Digest id) {
        StoreState.Entry e = state.images().get(id);
        if (e == null) throw new ImageNotFoundException(id.toString());
        return e;
    }

    private Image image(Digest id, Digest manifestDigest) throws IOException {
        StoreState.Entry entry = entry(id);
        StoreState.ManifestRef ref = entry.manifests().stream()
                .filter(m -> m.digest().equals(manifestDigest)).findFirst().orElse(entry.manifests().getFirst());
        List<String> tags = state.tagsOf(id).stream().map(t -> ImageReference.parse(t).familiarTagged()).sorted().toList();
        List<String> digests = entry.repoDigests().stream().map(ImageStore::familiarDigest).sorted().toList();
        Instant tagged = entry.lastTagTime() == null ? null : Instant.parse(entry.lastTagTime());
        return new Image(id, ref.digest(), ref.mediaType(), readManifest(ref), readConfig(id), tags, digests,
                entry.layerSizes(), tagged);
    }

    private static String familiarDigest(String full) {
        return ImageReference.parse(full).familiarName() + full.substring(full.indexOf('@'));
    }

    // ---- tags -----------------------------------------------------------------------------

    /** Points {@code target} at the image {@code source} names; a tag already on another image moves. */
    public synchronized Image tag(String source, String target) throws IOException {
        return exclusive(() -> tagLocked(source, target));
    }

    private Image tagLocked(String source, String target) throws IOException {
        ImageMatch m = ImageMatch.find(state, source);
        if (m == null) throw new ImageNotFoundException(source);
        ImageReference t;
        try {
            t = ImageReference.parse(target);
        } catch (IllegalArgumentException e) {
            throw new ImageException(e.getMessage());
        }
        if (t.digest() != null) {
            throw new ImageException("refusing to create a tag with a digest reference: " + target + " (give name:tag)");
        }
        Digest manifest = m.manifest() != null ? m.manifest() : entry(m.id()).manifests().getFirst().digest();
        StoreState next = state.withTag(t.toString(), manifest);
        commit(next.withImage(m.id(), next.images().get(m.id()).withLastTagTime(Instant.now().toString())));
        return image(m.id(), manifest);
    }

    /** Removes one tag (or {@code name@digest}); the image stays, dangling if that was its last tag. */
    public synchronized Image untag(String reference) throws IOException {
        return exclusive(() -> untagLocked(reference));
    }

    private Image untagLocked(String reference) throws IOException {
        ImageMatch m = ImageMatch.find(state, reference);
        if (m == null || m.kind() == ImageMatch.Kind.ID) throw new ImageNotFoundException(reference);
        commit(withoutReference(state, m));
        return image(m.id(), null);
    }

    private static StoreState withoutReference(StoreState s, ImageMatch m) {
        if (m.kind() == ImageMatch.Kind.TAG) return s.withoutTag(m.key());
        StoreState.Entry e = s.images().get(m.id());
        return s.withImage(m.id(), e.withRepoDigests(e.repoDigests().stream().filter(d -> !d.equals(m.key())).toList()));
    }

    // ---- removing -------------------------------------------------------------------------

    /**
     * {@code rmi}, with Docker's rules: a name given is untagged, and the image is deleted only
     * when that was its last name; an ID deletes the image with all its names (forced when they
     * span several repositories). An image a container uses is refused unless forced, and even
     * forced keeps its content (it loses its names and becomes dangling) while it is in use.
     */
    public synchronized ImageRemoval remove(String reference, boolean force) throws IOException {
        return exclusive(() -> removeLocked(reference, force));
    }

    private ImageRemoval removeLocked(String reference, boolean force) throws IOException {
        ImageMatch m = ImageMatch.find(state, reference);
        if (m == null) throw new ImageNotFoundException(reference);
        StoreState.Entry entry = entry(m.id());
        List<String> refs = new ArrayList<>(state.tagsOf(m.id()));
        refs.addAll(entry.repoDigests());
        boolean used = inUse.test(m.id());
        List<String> untagged = new ArrayList<>();
        StoreState next = state;
        if (m.kind() != ImageMatch.Kind.ID) {
            if (!force && refs.size() == 1 && used) {
                throw new ImageConflictException("conflict: unable to remove repository reference \"" + reference
                        + "\" (must force) - a container is using its referenced image " + m.id().shortHex()
                        + ": remove the container first, or force");
            }
            next = withoutReference(next, m);
            untagged.add(m.kind() == ImageMatch.Kind.TAG ? familiar(m.key()) : familiarDigest(m.key()));
            if (m.kind() == ImageMatch.Kind.TAG) {
                // the last tag of a repository takes that repository's digests along (as docker does)
                String repo = ImageReference.parse(m.key()).name();
                boolean repoStillTagged = next.tagsOf(m.id()).stream().anyMatch(t -> ImageReference.parse(t).name().equals(repo));
                if (!repoStillTagged) {
                    StoreState.Entry e = next.images().get(m.id());
                    List<String> keep = new ArrayList<>();
                    for (String d : e.repoDigests()) {
                        if (d.startsWith(repo + "@")) untagged.add(familiarDigest(d));
                        else keep.add(d);
                    }
                    next = next.withImage(m.id(), e.withRepoDigests(keep));
                }
            }
            if (!next.tagsOf(m.id()).isEmpty() || !next.images().get(m.id()).repoDigests().isEmpty() || used) {
                commit(next);
                return new ImageRemoval(untagged, List.of(), 0);
            }
        } else {
            long repos = refs.stream().map(r -> ImageReference.parse(r).name()).distinct().count();
            if (!force && repos > 1) {
                throw new ImageConflictException("conflict: unable to delete " + m.id().shortHex()
                        + " (must be forced) - image is referenced in multiple repositories: remove the names one by one, or force");
            }
            if (used && !force) {
                throw new ImageConflictException("conflict: unable to delete " + m.id().shortHex()
                        + " (must be forced) - image is being used by a container: remove the container first, or force");
            }
            for (String r : refs) untagged.add(r.contains("@") ? familiarDigest(r) : familiar(r));
            if (used) {
                // forced, but a container still needs its layers: drop the names only
                StoreState.Entry e = next.images().get(m.id());
                for (String t : next.tagsOf(m.id())) next = next.withoutTag(t);
                commit(next.withImage(m.id(), e.withRepoDigests(List.of())));
                return new ImageRemoval(untagged, List.of(), 0);
            }
        }
        return delete(List.of(m.id()), next, untagged);
    }

    /**
     * {@code image prune}: deletes dangling images (no tags), or with {@code all} every image no
     * container uses.
     */
    public synchronized ImageRemoval prune(boolean all) throws IOException {
        return exclusive(() -> pruneLocked(all));
    }

    private ImageRemoval pruneLocked(boolean all) throws IOException {
        List<Digest> victims = new ArrayList<>();
        List<String> untagged = new ArrayList<>();
        for (Digest id : state.images().keySet()) {
            if (inUse.test(id)) continue;
            List<String> tags = state.tagsOf(id);
            if (!all && !tags.isEmpty()) continue;
            victims.add(id);
            tags.forEach(t -> untagged.add(familiar(t)));
            state.images().get(id).repoDigests().forEach(d -> untagged.add(familiarDigest(d)));
        }
        return delete(victims, state, untagged);
    }

    private ImageRemoval delete(List<Digest> ids, StoreState from, List<String> untagged) throws IOException {
        if (ids.isEmpty()) return new ImageRemoval(untagged, ids, 0);
        Set<Digest> blobCandidates = new HashSet<>();
        Set<Digest> layerCandidates = new HashSet<>();
        StoreState next = from;
        for (Digest id : ids) {
            content(id, blobCandidates, layerCandidates);
            next = next.withoutImage(id);
        }
        commit(next);
        // the index no longer names them: now free what nothing else uses
        Set<Digest> keepBlobs = new HashSet<>();
        Set<Digest> keepLayers = new HashSet<>();
        for (Digest id : next.images().keySet()) content(id, keepBlobs, keepLayers);
        long freed = 0;
        for (Digest d : blobCandidates) {
            if (keepBlobs.contains(d) || !blobs.has(d)) continue;
            freed += blobs.size(d);
            blobs.delete(d);
            parsed.remove(d);
        }
        for (Digest d : layerCandidates) {
            if (keepLayers.contains(d) || !layers.has(d)) continue;
            freed += layers.diskUsage(d);
            layers.remove(d);
        }
        for (Digest id : ids) events.accept(new StoreEvent.ImageDeleted(id));
        return new ImageRemoval(untagged, ids, freed);
    }

    /** The blobs and layers an image (still in the index) refers to. */
    private void content(Digest id, Set<Digest> blobsOut, Set<Digest> layersOut) throws IOException {
        StoreState.Entry entry = state.images().containsKey(id) ? state.images().get(id) : null;
        if (entry == null) return;
        blobsOut.add(id);
        for (StoreState.ManifestRef ref : entry.manifests()) {
            blobsOut.add(ref.digest());
            if (!blobs.has(ref.digest())) continue;
            ImageManifest manifest = readManifest(ref);
            manifest.layers().forEach(l -> blobsOut.add(l.digest()));
        }
        if (blobs.has(id)) layersOut.addAll(readConfig(id).diffIds());
    }

    // ---- disk usage -----------------------------------------------------------------------

    public synchronized ImageDiskUsage diskUsage() throws IOException {
        refresh();
        Set<Digest> allBlobs = new HashSet<>();
        Set<Digest> allLayers = new HashSet<>();
        Set<Digest> usedBlobs = new HashSet<>();
        Set<Digest> usedLayers = new HashSet<>();
        int active = 0;
        for (Digest id : state.images().keySet()) {
            content(id, allBlobs, allLayers);
            if (inUse.test(id)) {
                active++;
                content(id, usedBlobs, usedLayers);
            }
        }
        long blobBytes = 0;
        long layerBytes = 0;
        long needed = 0;
        for (Digest d : allBlobs) {
            if (!blobs.has(d)) continue;
            long s = blobs.size(d);
            blobBytes += s;
            if (usedBlobs.contains(d)) needed += s;
        }
        for (Digest d : allLayers) {
            if (!layers.has(d)) continue;
            long s = layers.diskUsage(d);
            layerBytes += s;
            if (usedLayers.contains(d)) needed += s;
        }
        return new ImageDiskUsage(state.images().size(), active, blobBytes, layerBytes, blobBytes + layerBytes - needed);
    }

    /**
     * Runs a change holding an exclusive lock on {@code <root>/.lock}, on the index as it is on disk
     * now: two berth processes on one root (two pulls at once) never lose each other's changes.
     */
    private <T> T exclusive(ExclusiveFile.Work<T> change) throws IOException {
        return ExclusiveFile.locked(root.resolve(".lock"), () -> {
            state = stateFile.read();
            return change.run();
        });
    }

    /** Reads the index again: another process may have changed it (the file is replaced atomically). */
    private void refresh() throws IOException {
        state = stateFile.read();
    }

    private void commit(StoreState next) {
        stateFile.write(next);
        state = next;
    }

    private static String familiar(String fullTag) {
        return ImageReference.parse(fullTag).familiarTagged();
    }
}
