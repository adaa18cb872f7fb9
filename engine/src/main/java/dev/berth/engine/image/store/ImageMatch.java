package dev.berth.engine.image.store;

import dev.berth.engine.image.Digest;
import dev.berth.engine.image.ImageException;
import dev.berth.engine.image.ImageReference;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * How a reference given by the user names an image, found as Docker finds it: a name (tag or
 * {@code name@digest}) first, then a full or short ID.
 *
 * @param manifest the manifest the reference names, or null (an ID names no manifest)
 * @param key      the full tag, the full {@code name@digest}, or the ID
 */
record ImageMatch(Digest id, Digest manifest, Kind kind, String key) {

    enum Kind { TAG, DIGEST, ID }

    private static final Pattern HEX_PREFIX = Pattern.compile("[a-f0-9]{1,64}");

    /** The match, or null when nothing matches; an ambiguous short ID is an error. */
    static ImageMatch find(StoreState state, String ref) {
        if (ref.startsWith("sha256:")) return byIdPrefix(state, ref.substring("sha256:".length()), ref);
        ImageReference name;
        try {
            name = ImageReference.parse(ref);
        } catch (IllegalArgumentException e) {
            if (HEX_PREFIX.matcher(ref).matches()) return byIdPrefix(state, ref, ref);
            throw new ImageException(e.getMessage());
        }
        if (name.digest() != null) {
            String key = name.name() + "@" + name.digest();
            for (Map.Entry<Digest, StoreState.Entry> e : state.images().entrySet()) {
                if (e.getValue().repoDigests().contains(key)) {
                    Digest manifest = e.getValue().hasManifest(name.digest()) ? name.digest() : null;
                    return new ImageMatch(e.getKey(), manifest, Kind.DIGEST, key);
                }
            }
            // not a recorded name@digest, but the digest of a manifest here: it names the image by content, like an ID
            Digest id = state.imageOfManifest(name.digest());
            return id == null ? null : new ImageMatch(id, name.digest(), Kind.ID, id.toString());
        }
        Digest manifest = state.tags().get(name.toString());
        if (manifest != null) {
            Digest id = state.imageOfManifest(manifest);
            if (id != null) return new ImageMatch(id, manifest, Kind.TAG, name.toString());
        }
        // like docker: a name that is no tag may still be a short ID
        return HEX_PREFIX.matcher(ref).matches() ? byIdPrefix(state, ref, ref) : null;
    }

    private static ImageMatch byIdPrefix(StoreState state, String hexPrefix, String asked) {
        if (!HEX_PREFIX.matcher(hexPrefix).matches()) return null;
        List<Digest> found = state.images().keySet().stream().filter(d -> d.hex().startsWith(hexPrefix)).toList();
        if (found.size() > 1) {
            throw new ImageException("multiple images found with ID prefix " + asked + ": give more digits of the ID");
        }
        return found.isEmpty() ? null : new ImageMatch(found.getFirst(), null, Kind.ID, found.getFirst().toString());
    }
}
