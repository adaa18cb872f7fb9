package dev.berth.engine.image.archive;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.berth.engine.image.Digest;
import dev.berth.engine.image.ImageException;
import dev.berth.engine.image.ImageReference;
import dev.berth.engine.image.MediaTypes;
import dev.berth.engine.image.store.BlobStore;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Consumer;

/**
 * Writes images as archives ({@code berth image save}), streaming layers from the blob store:
 * <ul>
 * <li>{@link #writeDockerArchive}: what Docker 25+ {@code docker save} writes — {@code manifest.json}
 *     and {@code repositories} for every {@code docker load}, and an OCI layout ({@code oci-layout},
 *     {@code index.json}, {@code blobs/sha256/}) in the same tar for OCI tools and containerd. Layers
 *     stay gzip-compressed, as stored; {@code docker load} decompresses them.</li>
 * <li>{@link #writeOciArchive}: an OCI image layout as a tar ({@code oci-archive:}).</li>
 * </ul>
 * The stored manifests are written byte for byte, so their digests survive a save and load.
 */
public final class ImageArchiveWriter {

    private static final byte[] OCI_LAYOUT = "{\"imageLayoutVersion\":\"1.0.0\"}".getBytes(StandardCharsets.UTF_8);

    private final BlobStore store;
    private final Consumer<ArchiveEvent> listener;

    public ImageArchiveWriter(BlobStore store) {
        this(store, event -> { });
    }

    private ImageArchiveWriter(BlobStore store, Consumer<ArchiveEvent> listener) {
        this.store = store;
        this.listener = listener;
    }

    /** Where progress events go (called on the saving thread). */
    public ImageArchiveWriter withListener(Consumer<ArchiveEvent> newListener) {
        return new ImageArchiveWriter(store, newListener);
    }

    /** Writes {@code images} in {@code format}; the caller's stream is left open. */
    public void write(ArchiveFormat format, List<ArchivedImage> images, OutputStream out) throws IOException {
        switch (format) {
            case DOCKER -> writeDockerArchive(images, out);
            case OCI -> writeOciArchive(images, out);
        }
    }

    /** The {@code docker save} format (Docker 25+: also an OCI layout). The caller's stream is left open. */
    public void writeDockerArchive(List<ArchivedImage> images, OutputStream out) throws IOException {
        List<Parts> parts = parts(images);
        TarWriter tar = new TarWriter(out);
        tar.file("oci-layout", OCI_LAYOUT);
        tar.file("index.json", index(parts));
        tar.file("manifest.json", dockerManifest(parts));
        byte[] repositories = repositories(parts);
        if (repositories != null) tar.file("repositories", repositories);
        blobs(tar, parts);
        tar.finish();
    }

    /** An OCI image layout as a tar. The caller's stream is left open. */
    public void writeOciArchive(List<ArchivedImage> images, OutputStream out) throws IOException {
        List<Parts> parts = parts(images);
        TarWriter tar = new TarWriter(out);
        tar.file("oci-layout", OCI_LAYOUT);
        tar.file("index.json", index(parts));
        blobs(tar, parts);
        tar.finish();
    }

    /** An image with what its manifest names: config and layer digests, and the config's diff IDs. */
    private record Parts(ArchivedImage image, List<Digest> layers, List<Digest> diffIds) {
    }

    private List<Parts> parts(List<ArchivedImage> images) {
        if (images.isEmpty()) throw new ImageException("nothing to save: name at least one image");
        List<Parts> out = new ArrayList<>();
        for (ArchivedImage image : images) {
            JsonNode manifest = Json.read(image.manifest(), "the manifest of " + image.manifestDigest());
            Digest config = Json.digest(Json.text(manifest.path("config"), "digest"), "the manifest's config");
            if (!config.equals(image.configDigest())) {
                throw new ImageException("the manifest " + image.manifestDigest() + " names config " + config
                        + ", not the image's " + image.configDigest());
            }
            List<Digest> layers = new ArrayList<>();
            for (JsonNode layer : manifest.path("layers")) {
                layers.add(Json.digest(Json.text(layer, "digest"), "a layer of manifest " + image.manifestDigest()));
            }
            List<Digest> diffIds = new ArrayList<>();
            for (String id : Json.texts(Json.read(image.config(), "config").path("rootfs").get("diff_ids"))) {
                diffIds.add(Json.digest(id, "a diff ID of " + image.configDigest()));
            }
            for (Digest layer : layers) {
                if (!store.has(layer)) {
                    throw new ImageException("layer " + layer + " of image " + image.configDigest().shortHex()
                            + " is not in the store: pull the image again before saving it");
                }
            }
            out.add(new Parts(image, layers, diffIds));
        }
        return out;
    }

    /** One index entry per tag (as Docker and containerd write), or one without names for an untagged image. */
    private static byte[] index(List<Parts> parts) {
        ObjectNode index = Json.object();
        index.put("schemaVersion", 2);
        index.put("mediaType", MediaTypes.OCI_INDEX);
        ArrayNode manifests = index.putArray("manifests");
        for (Parts p : parts) {
            ArchivedImage image = p.image();
            List<ObjectNode> annotations = new ArrayList<>();
            for (String tag : image.repoTags()) {
                ImageReference ref = ImageReference.parse(tag);
                ObjectNode a = Json.object();
                a.put(OciIndexReader.CONTAINERD_NAME, ref.toString());
                a.put(OciIndexReader.REF_NAME, ref.tag());
                annotations.add(a);
            }
            for (String refName : image.refNames()) {
                annotations.add(Json.object().put(OciIndexReader.REF_NAME, refName));
            }
            if (annotations.isEmpty()) annotations.add(null);
            ObjectNode platform = platform(image);
            for (ObjectNode a : annotations) {
                ObjectNode entry = manifests.addObject();
                entry.put("mediaType", image.manifestMediaType());
                entry.put("digest", image.manifestDigest().toString());
                entry.put("size", image.manifest().length);
                if (a != null) entry.set("annotations", a);
                if (platform != null) entry.set("platform", platform);
            }
        }
        return Json.bytes(index);
    }

    /** The platform the config names, as Docker 25 puts it on each index entry (for platform-filtering importers). */
    private static ObjectNode platform(ArchivedImage image) {
        JsonNode config = Json.read(image.config(), "the config of " + image.configDigest());
        String os = Json.text(config, "os");
        String architecture = Json.text(config, "architecture");
        if (os == null || architecture == null) return null;
        ObjectNode platform = Json.object().put("architecture", architecture).put("os", os);
        String variant = Json.text(config, "variant");
        if (variant != null) platform.put("variant", variant);
        return platform;
    }

    private static byte[] dockerManifest(List<Parts> parts) {
        ArrayNode items = Json.MAPPER.createArrayNode();
        for (Parts p : parts) {
            ObjectNode item = items.addObject();
            item.put("Config", ArchiveBlobs.blobName(p.image().configDigest()));
            ArrayNode tags = item.putArray("RepoTags");
            p.image().repoTags().forEach(t -> tags.add(ImageReference.parse(t).familiarTagged()));
            ArrayNode layers = item.putArray("Layers");
            p.layers().forEach(l -> layers.add(ArchiveBlobs.blobName(l)));
        }
        return Json.bytes(items);
    }

    /** The legacy {@code repositories} file: name → tag → top layer, as Docker 25 writes it (by diff ID). */
    private static byte[] repositories(List<Parts> parts) {
        ObjectNode repos = Json.object();
        for (Parts p : parts) {
            if (p.diffIds().isEmpty()) continue;
            for (String tag : p.image().repoTags()) {
                ImageReference ref = ImageReference.parse(tag);
                ObjectNode tags = repos.has(ref.familiarName()) ? (ObjectNode) repos.get(ref.familiarName())
                        : repos.putObject(ref.familiarName());
                tags.put(ref.tag(), p.diffIds().getLast().hex());
            }
        }
        return repos.isEmpty() ? null : Json.bytes(repos);
    }

    /** Every manifest, config and layer once, layers streamed from the store. */
    private void blobs(TarWriter tar, List<Parts> parts) throws IOException {
        Set<Digest> written = new LinkedHashSet<>();
        for (Parts p : parts) {
            ArchivedImage image = p.image();
            if (written.add(image.manifestDigest())) tar.file(ArchiveBlobs.blobName(image.manifestDigest()), image.manifest());
            if (written.add(image.configDigest())) tar.file(ArchiveBlobs.blobName(image.configDigest()), image.config());
            for (Digest layer : p.layers()) {
                if (!written.add(layer)) continue;
                long size = store.size(layer);
                try (InputStream in = store.open(layer)) {
                    tar.file(ArchiveBlobs.blobName(layer), size, in);
                }
                listener.accept(new ArchiveEvent.BlobWritten(layer, size));
            }
        }
    }
}
