package dev.berth.engine.image;

import java.util.Map;

/**
 * A reference to content, as manifests and indexes write it: what it is, its digest and size.
 *
 * @param platform for an index entry, the platform it is for ({@code linux/amd64}); null otherwise
 */
public record Descriptor(String mediaType, Digest digest, long size, Map<String, String> annotations, Platform platform) {

    public Descriptor {
        annotations = annotations == null ? Map.of() : Map.copyOf(annotations);
    }

    public Descriptor(String mediaType, Digest digest, long size) {
        this(mediaType, digest, size, Map.of(), null);
    }

    /** An OS/architecture pair, with a variant where there is one ({@code arm64/v8}). */
    public record Platform(String os, String architecture, String variant) {

        public static final Platform LINUX_AMD64 = new Platform("linux", "amd64", null);

        @Override
        public String toString() {
            return os + "/" + architecture + (variant == null || variant.isEmpty() ? "" : "/" + variant);
        }
    }
}
