package dev.berth.engine.registry;

import dev.berth.engine.image.Digest;

/**
 * A manifest or index as the registry sent it: the exact bytes (their sha256 is the digest, so
 * they must never be re-serialized), its media type and digest.
 */
public record FetchedManifest(byte[] bytes, String mediaType, Digest digest) {
}
