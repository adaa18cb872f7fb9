package dev.berth.engine.image.archive;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.berth.engine.image.Digest;
import dev.berth.engine.image.store.FileBlobStore;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.util.stream.Stream;
import org.apache.commons.compress.compressors.gzip.GzipCompressorInputStream;

/** Assertions about a blob store after a load, successful or not. */
final class StoreChecks {

    private StoreChecks() {
    }

    /** Every blob hashes to its name and no partial write is left in the store's ingest area. */
    static void assertConsistent(FileBlobStore store, Path storeDir) throws IOException {
        for (Digest d : store.list()) {
            try (InputStream in = store.open(d)) {
                MessageDigest sha = Digest.newSha256();
                new DigestInputStream(in, sha).transferTo(java.io.OutputStream.nullOutputStream());
                assertEquals(d, Digest.fromHash(sha.digest()), "blob " + d + " holds other content");
            }
        }
        try (Stream<Path> s = Files.list(storeDir.resolve(".ingest"))) {
            assertEquals(0, s.count(), "a partial blob was left in the store");
        }
    }

    /** sha256 of a gzip blob's uncompressed content: the layer's diff ID. */
    static Digest diffIdOf(FileBlobStore store, Digest blob) throws IOException {
        try (InputStream in = new GzipCompressorInputStream(store.open(blob))) {
            MessageDigest sha = Digest.newSha256();
            new DigestInputStream(in, sha).transferTo(java.io.OutputStream.nullOutputStream());
            return Digest.fromHash(sha.digest());
        }
    }

    static void assertEmptyDir(Path dir) throws IOException {
        if (!Files.exists(dir)) return;
        try (Stream<Path> s = Files.list(dir)) {
            assertEquals(0, s.count(), "scratch files left in " + dir);
        }
    }
}
