package dev.berth.engine.image.archive;

import dev.berth.engine.image.Digest;
import java.util.List;

/**
 * One image as an archive holds it, format-neutral: its names, its manifest and config (the original
 * bytes, since their digests are their identity) and, by reference from the manifest, its layer
 * blobs, which live in a {@link dev.berth.engine.image.store.BlobStore}.
 *
 * @param repoTags          names in Docker's familiar form ({@code busybox:latest}, {@code 127.0.0.1:5000/app:1})
 * @param refNames          OCI {@code org.opencontainers.image.ref.name} values that are bare tags
 *                          ({@code latest}, as skopeo's {@code oci:DIR:latest} writes): the repository is the
 *                          caller's to choose
 * @param manifest          the manifest's bytes (Docker v2 schema 2 or OCI), layers gzip-compressed
 * @param manifestMediaType its media type
 * @param manifestDigest    sha256 of {@code manifest}
 * @param config            the image config's bytes; its sha256 is the image ID
 * @param configDigest      sha256 of {@code config}
 */
public record ArchivedImage(List<String> repoTags, List<String> refNames, byte[] manifest, String manifestMediaType,
                            Digest manifestDigest, byte[] config, Digest configDigest) {

    public ArchivedImage {
        repoTags = List.copyOf(repoTags);
        refNames = List.copyOf(refNames);
        if (!Digest.sha256(manifest).equals(manifestDigest)) {
            throw new IllegalArgumentException("manifest bytes do not hash to " + manifestDigest);
        }
        if (!Digest.sha256(config).equals(configDigest)) {
            throw new IllegalArgumentException("config bytes do not hash to " + configDigest);
        }
    }

    /** An image with names only as {@code repoTags}. */
    public static ArchivedImage of(List<String> repoTags, byte[] manifest, String manifestMediaType, byte[] config) {
        return new ArchivedImage(repoTags, List.of(), manifest, manifestMediaType, Digest.sha256(manifest),
                config, Digest.sha256(config));
    }

    /** The image ID, as {@code docker images} shows it: the config's digest. */
    public Digest id() {
        return configDigest;
    }
}
