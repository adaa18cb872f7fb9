package dev.berth.engine.image.archive;

import dev.berth.engine.image.Digest;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Small files of an archive (JSON, manifests, configs) read whole, and blobs found by digest under {@code blobs/}. */
final class ArchiveBlobs {

    /** Manifests, configs and indexes are a few KiB; anything this big is not one. */
    static final long MAX_JSON = 8 << 20;

    private static final Pattern DIGEST_NAMED = Pattern.compile("(?:.*/)?(?:blobs/sha256/|sha256:)?([a-f0-9]{64})(?:\\.json)?");

    private ArchiveBlobs() {
    }

    static String blobName(Digest digest) {
        return "blobs/" + digest.algorithm() + "/" + digest.hex();
    }

    /** The file of a blob; a missing one means the archive is incomplete. */
    static Path blobFile(ArchiveFiles files, Digest digest, String what) {
        Path file = files.find(blobName(digest));
        if (file == null) {
            throw new CorruptArchiveException(what + " (" + digest + ") is missing from " + files.describe()
                    + " (the archive may be truncated)");
        }
        return file;
    }

    /** A small blob's bytes, verified against its digest. */
    static byte[] readBlob(ArchiveFiles files, Digest digest, String what) throws IOException {
        byte[] bytes = readSmall(blobFile(files, digest, what), what);
        Digest actual = Digest.sha256(bytes);
        if (!actual.equals(digest)) {
            throw new CorruptArchiveException(what + " is " + actual + ", the archive names it " + digest);
        }
        return bytes;
    }

    static byte[] readSmall(Path file, String what) throws IOException {
        if (Files.size(file) > MAX_JSON) {
            throw new CorruptArchiveException(what + " is " + Files.size(file) + " bytes, too big for a JSON document");
        }
        return Files.readAllBytes(file);
    }

    /** The digest a file's name claims ({@code blobs/sha256/<hex>}, {@code <hex>.json}), or null when it claims none. */
    static Digest digestFromName(String name) {
        Matcher m = DIGEST_NAMED.matcher(name);
        return m.matches() ? new Digest("sha256", m.group(1)) : null;
    }
}
