package dev.berth.engine.image.archive;

import com.fasterxml.jackson.databind.JsonNode;
import dev.berth.engine.image.Digest;
import dev.berth.engine.image.MediaTypes;
import dev.berth.engine.image.store.BlobStore;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

/**
 * The format-neutral half of loading: given an image's config and layer files found in an archive
 * (and its original manifest, if it has one), verifies everything, stores layers, then config, then
 * manifest — so a manifest is never in the store without what it names — and returns the image.
 */
final class ImageAssembler {

    /**
     * A layer file as the archive lists it.
     *
     * @param name     its name in the archive (for messages)
     * @param expected the digest the archive names it by, or null (old docker-save {@code layer.tar})
     */
    record LayerFile(String name, Path file, Digest expected) {
    }

    /** A manifest that came with the image, kept when the store ends up holding exactly the blobs it names. */
    record OriginalManifest(byte[] bytes, String mediaType, List<Digest> layers) {
    }

    private final BlobStore target;
    private final LayerImporter layers;
    private final Consumer<ArchiveEvent> listener;

    ImageAssembler(BlobStore target, Path scratch, Consumer<ArchiveEvent> listener) {
        this.target = target;
        this.layers = new LayerImporter(target, scratch);
        this.listener = listener;
    }

    ArchivedImage assemble(String what, List<String> repoTags, List<String> refNames, byte[] config,
                           Digest expectedConfig, List<LayerFile> files, OriginalManifest original) throws IOException {
        Digest configDigest = Digest.sha256(config);
        if (expectedConfig != null && !expectedConfig.equals(configDigest)) {
            throw new CorruptArchiveException("the config of " + what + " is " + configDigest
                    + ", the archive names it " + expectedConfig);
        }
        List<Digest> diffIds = diffIds(Json.read(config, "the config of " + what), what);
        if (diffIds.size() != files.size()) {
            throw new CorruptArchiveException(what + " lists " + files.size() + " layers, its config "
                    + diffIds.size() + " diff IDs");
        }
        List<LayerImporter.Stored> stored = new ArrayList<>();
        for (int i = 0; i < files.size(); i++) {
            LayerFile f = files.get(i);
            String layerWhat = "layer " + (i + 1) + " of " + what + " (" + f.name() + ")";
            LayerImporter.Stored layer = layers.store(f.file(), layerWhat, f.expected(), diffIds.get(i));
            stored.add(layer);
            listener.accept(new ArchiveEvent.LayerStored(what, i + 1, files.size(), layer.diffId(), layer.blob(),
                    layer.size(), !layer.keptAsIs()));
        }

        byte[] manifest;
        String mediaType;
        if (original != null && stored.stream().allMatch(LayerImporter.Stored::keptAsIs)
                && stored.stream().map(LayerImporter.Stored::blob).toList().equals(original.layers())) {
            manifest = original.bytes();
            mediaType = original.mediaType();
        } else {
            boolean oci = original != null && original.mediaType().equals(MediaTypes.OCI_MANIFEST);
            manifest = ManifestBuilder.build(oci, configDigest, config.length, stored);
            mediaType = ManifestBuilder.mediaType(oci);
        }
        target.put(new ByteArrayInputStream(config), configDigest);
        Digest manifestDigest = target.put(new ByteArrayInputStream(manifest), Digest.sha256(manifest));
        ArchivedImage image = new ArchivedImage(repoTags, refNames, manifest, mediaType, manifestDigest, config, configDigest);
        listener.accept(new ArchiveEvent.ImageStored(image));
        return image;
    }

    private static List<Digest> diffIds(JsonNode config, String what) {
        JsonNode ids = config.path("rootfs").get("diff_ids");
        if (ids == null || !ids.isArray()) {
            throw new CorruptArchiveException("the config of " + what + " has no rootfs.diff_ids");
        }
        List<Digest> out = new ArrayList<>();
        for (JsonNode id : ids) out.add(Json.digest(id.asText(), "a diff ID in the config of " + what));
        return out;
    }
}
