package dev.berth.engine.image.archive;

import com.fasterxml.jackson.databind.JsonNode;
import dev.berth.engine.image.Descriptor;
import dev.berth.engine.image.Digest;
import dev.berth.engine.image.ImageReference;
import dev.berth.engine.image.MediaTypes;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The image manifests an OCI layout's {@code index.json} leads to, with the names its annotations
 * give them. A nested index (a multi-platform image) contributes its manifest for one platform.
 */
final class OciIndexReader {

    static final String CONTAINERD_NAME = "io.containerd.image.name";
    static final String REF_NAME = "org.opencontainers.image.ref.name";

    /** An image manifest found through the index: its verified bytes and every name pointing at it. */
    record Found(Digest digest, String mediaType, byte[] bytes, List<String> repoTags, List<String> refNames) {
    }

    private final ArchiveFiles files;
    private final Descriptor.Platform platform;
    private final Map<Digest, Found> found = new LinkedHashMap<>();

    private OciIndexReader(ArchiveFiles files, Descriptor.Platform platform) {
        this.files = files;
        this.platform = platform;
    }

    static List<Found> read(ArchiveFiles files, Path indexFile, Descriptor.Platform platform) throws IOException {
        OciIndexReader reader = new OciIndexReader(files, platform);
        byte[] index = ArchiveBlobs.readSmall(indexFile, "index.json");
        reader.walk(Json.read(index, "index.json"), "index.json", List.of(), List.of(), true);
        return List.copyOf(reader.found.values());
    }

    private void walk(JsonNode index, String what, List<String> tags, List<String> refs, boolean top) throws IOException {
        JsonNode manifests = index.get("manifests");
        if (manifests == null || !manifests.isArray()) throw new CorruptArchiveException(what + " has no \"manifests\" list");
        List<JsonNode> chosen = new ArrayList<>();
        manifests.forEach(chosen::add);
        if (!top) chosen = forPlatform(chosen, what);
        for (JsonNode entry : chosen) {
            Digest digest = Json.digest(Json.text(entry, "digest"), "an entry of " + what);
            List<String> entryTags = new ArrayList<>(tags);
            List<String> entryRefs = new ArrayList<>(refs);
            names(entry.path("annotations"), entryTags, entryRefs);
            String entryWhat = "manifest " + digest.shortHex() + " of " + what;
            byte[] bytes = ArchiveBlobs.readBlob(files, digest, entryWhat);
            String mediaType = Json.text(entry, "mediaType");
            JsonNode content = Json.read(bytes, entryWhat);
            if (mediaType == null) mediaType = Json.text(content, "mediaType");
            if (mediaType != null && MediaTypes.INDEXES.contains(mediaType)) {
                walk(content, "index " + digest.shortHex(), entryTags, entryRefs, false);
            } else if (mediaType != null && MediaTypes.MANIFESTS.contains(mediaType)) {
                add(new Found(digest, mediaType, bytes, entryTags, entryRefs));
            } else {
                throw new UnsupportedArchiveContentException(entryWhat + " has media type \"" + mediaType
                        + "\", not an image manifest or index");
            }
        }
    }

    private void add(Found f) {
        Found before = found.get(f.digest());
        if (before == null) {
            found.put(f.digest(), f);
            return;
        }
        List<String> tags = new ArrayList<>(before.repoTags());
        f.repoTags().stream().filter(t -> !tags.contains(t)).forEach(tags::add);
        List<String> refs = new ArrayList<>(before.refNames());
        f.refNames().stream().filter(t -> !refs.contains(t)).forEach(refs::add);
        found.put(f.digest(), new Found(f.digest(), f.mediaType(), f.bytes(), tags, refs));
    }

    /** The entries of a multi-platform index that are for our platform (attestations and others are skipped). */
    private List<JsonNode> forPlatform(List<JsonNode> entries, String what) {
        List<JsonNode> matching = new ArrayList<>();
        List<String> seen = new ArrayList<>();
        for (JsonNode e : entries) {
            JsonNode p = e.get("platform");
            if (p == null) continue;
            seen.add(p.path("os").asText() + "/" + p.path("architecture").asText());
            if (platform.os().equals(p.path("os").asText()) && platform.architecture().equals(p.path("architecture").asText())
                    && (platform.variant() == null || platform.variant().equals(Json.text(p, "variant")))) {
                matching.add(e);
            }
        }
        if (!matching.isEmpty()) return matching.subList(0, 1);
        List<JsonNode> unplatformed = entries.stream().filter(e -> e.get("platform") == null).toList();
        if (unplatformed.size() == 1) return unplatformed;
        throw new NoImageInArchiveException(what + " has no manifest for " + platform + " (it has " + seen
                + "); load an archive of a " + platform + " image");
    }

    /** Full names go to repoTags; a bare tag (skopeo's {@code oci:DIR:latest}) to refNames. */
    private static void names(JsonNode annotations, List<String> tags, List<String> refs) {
        String full = Json.text(annotations, CONTAINERD_NAME);
        String ref = Json.text(annotations, REF_NAME);
        String tagged = familiarTagged(full);
        if (tagged == null && ref != null && (ref.contains(":") || ref.contains("/"))) tagged = familiarTagged(ref);
        if (tagged != null) {
            if (!tags.contains(tagged)) tags.add(tagged);
        } else if (ref != null && !ref.isEmpty() && !refs.contains(ref)) {
            refs.add(ref);
        }
    }

    private static String familiarTagged(String name) {
        if (name == null) return null;
        try {
            return ImageReference.parse(name).familiarTagged();
        } catch (IllegalArgumentException e) {
            return null;
        }
    }
}
