package dev.berth.engine.image.archive;

import com.fasterxml.jackson.databind.JsonNode;
import dev.berth.engine.image.Descriptor;
import dev.berth.engine.image.Digest;
import dev.berth.engine.image.ImageException;
import dev.berth.engine.image.ImageReference;
import dev.berth.engine.image.MediaTypes;
import dev.berth.engine.image.store.BlobStore;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/**
 * Loads images from the archives {@code docker load} reads — {@code docker save}'s format, old
 * ({@code <id>/layer.tar}) and Docker 25+ (also an OCI layout) — and from OCI image layouts, as a tar
 * ({@code oci-archive:}) or a directory ({@code oci:DIR}). Layers, configs and manifests go into the
 * target {@link BlobStore}, verified; the images come back for the caller to name in its image store.
 *
 * <p>A tar is read once, spooled to a scratch directory (its {@code manifest.json} may come last),
 * then interpreted. On failure the store holds no half-written blob; complete blobs stored before the
 * failure (each verified against its digest) may remain, unreferenced, for pruning.
 */
public final class ImageArchiveReader {

    private final BlobStore target;
    private final Path scratchParent;
    private final Descriptor.Platform platform;
    private final Consumer<ArchiveEvent> listener;

    /**
     * @param scratchParent where spooled archives and recompressed layers go for the time of a load
     *                      (put it on the store's filesystem: it needs room for one archive)
     */
    public ImageArchiveReader(BlobStore target, Path scratchParent) {
        this(target, scratchParent, Descriptor.Platform.LINUX_AMD64, event -> { });
    }

    private ImageArchiveReader(BlobStore target, Path scratchParent, Descriptor.Platform platform,
                               Consumer<ArchiveEvent> listener) {
        this.target = target;
        this.scratchParent = scratchParent;
        this.platform = platform;
        this.listener = listener;
    }

    /** The platform chosen from a multi-platform image in an OCI layout (default linux/amd64). */
    public ImageArchiveReader withPlatform(Descriptor.Platform newPlatform) {
        return new ImageArchiveReader(target, scratchParent, newPlatform, listener);
    }

    /** Where progress events go (called on the loading thread). */
    public ImageArchiveReader withListener(Consumer<ArchiveEvent> newListener) {
        return new ImageArchiveReader(target, scratchParent, platform, newListener);
    }

    /** Reads an archive file (tar, or gzip-compressed tar) or an OCI layout directory. */
    public List<ArchivedImage> read(Path archiveOrLayout) throws IOException {
        if (Files.isDirectory(archiveOrLayout)) {
            try (ArchiveFiles files = new LayoutDirectory(archiveOrLayout)) {
                return interpret(files);
            }
        }
        try (InputStream in = Files.newInputStream(archiveOrLayout)) {
            return read(in, archiveOrLayout.toString());
        }
    }

    /** Reads an archive from a stream ({@code berth image load < file.tar}); {@code source} names it in messages. */
    public List<ArchivedImage> read(InputStream archive, String source) throws IOException {
        try (SpooledTar files = SpooledTar.spool(archive, source, scratchParent)) {
            listener.accept(new ArchiveEvent.ArchiveSpooled(source, files.bytes()));
            return interpret(files);
        }
    }

    private List<ArchivedImage> interpret(ArchiveFiles files) throws IOException {
        Path manifestJson = files.find("manifest.json");
        Path indexJson = files.find("index.json");
        if (manifestJson == null && indexJson == null) throw new NotAnImageArchiveException(files.describe());
        Path scratch = Files.createTempDirectory(Files.createDirectories(scratchParent), "berth-layers-");
        try {
            ImageAssembler assembler = new ImageAssembler(target, scratch, listener);
            List<ArchivedImage> images = manifestJson != null
                    ? readDockerSave(files, manifestJson, indexJson, assembler)
                    : readOciLayout(files, indexJson, assembler);
            if (images.isEmpty()) throw new NoImageInArchiveException(files.describe() + " lists no image");
            return images;
        } finally {
            try (var s = Files.list(scratch)) {
                for (Path p : s.toList()) Files.deleteIfExists(p);
            }
            Files.deleteIfExists(scratch);
        }
    }

    /** {@code manifest.json}: [{Config, RepoTags, Layers}], with an OCI index beside it since Docker 25. */
    private List<ArchivedImage> readDockerSave(ArchiveFiles files, Path manifestJson, Path indexJson,
                                               ImageAssembler assembler) throws IOException {
        JsonNode items = Json.read(ArchiveBlobs.readSmall(manifestJson, "manifest.json"), "manifest.json");
        if (!items.isArray()) throw new CorruptArchiveException("manifest.json is not a list of images");
        Map<Digest, OciIndexReader.Found> byConfig = new HashMap<>();
        if (indexJson != null) {
            try {
                for (OciIndexReader.Found f : OciIndexReader.read(files, indexJson, platform)) {
                    String config = Json.text(Json.read(f.bytes(), "manifest " + f.digest()).path("config"), "digest");
                    if (config != null) byConfig.putIfAbsent(Json.digest(config, "manifest " + f.digest()), f);
                }
            } catch (ImageException e) {
                // the index only offers original manifests: manifest.json alone describes the images, as docker load reads them
                byConfig.clear();
            }
        }
        List<ArchivedImage> images = new ArrayList<>();
        for (JsonNode item : items) {
            String configName = Json.text(item, "Config");
            if (configName == null) throw new CorruptArchiveException("an entry of manifest.json has no Config");
            List<String> repoTags = new ArrayList<>();
            for (String tag : Json.texts(item.get("RepoTags"))) repoTags.add(familiarTag(tag));
            String what = repoTags.isEmpty() ? configName : repoTags.getFirst();
            Path configFile = files.find(configName);
            if (configFile == null) {
                throw new CorruptArchiveException("the config " + configName + " of " + what
                        + " named in manifest.json is missing (the archive may be truncated)");
            }
            byte[] config = ArchiveBlobs.readSmall(configFile, "the config of " + what);
            List<ImageAssembler.LayerFile> layers = new ArrayList<>();
            for (String layerName : Json.texts(item.get("Layers"))) {
                Path layer = files.find(layerName);
                if (layer == null) {
                    throw new CorruptArchiveException("layer " + layerName + " of " + what
                            + " named in manifest.json is missing (the archive may be truncated)");
                }
                Digest named = layerName.startsWith("blobs/") ? ArchiveBlobs.digestFromName(layerName) : null;
                layers.add(new ImageAssembler.LayerFile(layerName, layer, named));
            }
            OciIndexReader.Found oci = byConfig.get(Digest.sha256(config));
            ImageAssembler.OriginalManifest original = oci == null ? null : original(oci);
            images.add(assembler.assemble(what, repoTags, oci == null ? List.of() : oci.refNames(), config,
                    ArchiveBlobs.digestFromName(configName), layers, original));
        }
        return images;
    }

    private List<ArchivedImage> readOciLayout(ArchiveFiles files, Path indexJson, ImageAssembler assembler) throws IOException {
        checkLayoutVersion(files);
        List<ArchivedImage> images = new ArrayList<>();
        for (OciIndexReader.Found f : OciIndexReader.read(files, indexJson, platform)) {
            String what = f.repoTags().isEmpty()
                    ? (f.refNames().isEmpty() ? "manifest " + f.digest() : f.refNames().getFirst())
                    : f.repoTags().getFirst();
            JsonNode manifest = Json.read(f.bytes(), "the manifest of " + what);
            JsonNode configDescriptor = manifest.path("config");
            String configType = Json.text(configDescriptor, "mediaType");
            if (configType == null || !MediaTypes.CONFIGS.contains(configType)) {
                throw new UnsupportedArchiveContentException("the manifest of " + what + " has a config of media type \""
                        + configType + "\": it is not a container image (an artifact?)");
            }
            Digest configDigest = Json.digest(Json.text(configDescriptor, "digest"), "the config of " + what);
            byte[] config = ArchiveBlobs.readBlob(files, configDigest, "the config of " + what);
            List<ImageAssembler.LayerFile> layers = new ArrayList<>();
            for (JsonNode layer : manifest.path("layers")) {
                String mediaType = Json.text(layer, "mediaType");
                Digest digest = Json.digest(Json.text(layer, "digest"), "a layer of " + what);
                if (mediaType == null || !MediaTypes.isLayer(mediaType)) {
                    throw new UnsupportedArchiveContentException("layer " + digest.shortHex() + " of " + what
                            + " has media type \"" + mediaType + "\"");
                }
                Path file = ArchiveBlobs.blobFile(files, digest, "layer " + digest.shortHex() + " of " + what);
                layers.add(new ImageAssembler.LayerFile(ArchiveBlobs.blobName(digest), file, digest));
            }
            images.add(assembler.assemble(what, f.repoTags(), f.refNames(), config, configDigest, layers, original(f)));
        }
        return images;
    }

    private static ImageAssembler.OriginalManifest original(OciIndexReader.Found f) {
        List<Digest> layers = new ArrayList<>();
        for (JsonNode layer : Json.read(f.bytes(), "manifest " + f.digest()).path("layers")) {
            layers.add(Json.digest(Json.text(layer, "digest"), "a layer of manifest " + f.digest()));
        }
        return new ImageAssembler.OriginalManifest(f.bytes(), f.mediaType(), layers);
    }

    private static void checkLayoutVersion(ArchiveFiles files) throws IOException {
        Path layout = files.find("oci-layout");
        if (layout == null) return; // tolerated: some writers leave it out
        String version = Json.text(Json.read(ArchiveBlobs.readSmall(layout, "oci-layout"), "oci-layout"), "imageLayoutVersion");
        if (version == null || !version.startsWith("1.")) {
            throw new UnsupportedArchiveContentException("the OCI layout has imageLayoutVersion \"" + version
                    + "\" (berth reads 1.x)");
        }
    }

    private static String familiarTag(String tag) {
        try {
            String familiar = ImageReference.parse(tag).familiarTagged();
            if (familiar == null) throw new CorruptArchiveException("manifest.json names the image \"" + tag + "\" without a tag");
            return familiar;
        } catch (IllegalArgumentException e) {
            throw new CorruptArchiveException("manifest.json: " + e.getMessage());
        }
    }
}
