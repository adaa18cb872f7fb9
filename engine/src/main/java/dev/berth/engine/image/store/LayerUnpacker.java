package dev.berth.engine.image.store;

import dev.berth.engine.image.Descriptor;
import dev.berth.engine.image.Digest;
import dev.berth.engine.image.DigestMismatchException;
import dev.berth.engine.image.ImageException;
import dev.berth.engine.image.MediaTypes;
import dev.berth.engine.image.layer.LayerStore;
import java.io.BufferedInputStream;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import org.apache.commons.compress.compressors.gzip.GzipCompressorInputStream;

/**
 * Feeds a layer blob to the {@link LayerStore}: decompressed when gzip, checked on the way
 * against the blob's digest (bit rot on disk) and the config's diff ID (the uncompressed tar),
 * failures turned into errors that say which layer and what to do.
 */
final class LayerUnpacker {

    private final BlobStore blobs;
    private final LayerStore layers;

    LayerUnpacker(BlobStore blobs, LayerStore layers) {
        this.blobs = blobs;
        this.layers = layers;
    }

    /** Unpacks one layer, verifying the compressed blob and the diff ID on the way. */
    void unpack(Descriptor layer, Digest diffId, int index, int count) throws IOException {
        String what = "layer " + (index + 1) + "/" + count + " (blob " + layer.digest() + ")";
        boolean gzip = MediaTypes.GZIP_LAYERS.contains(layer.mediaType());
        try {
            layers.unpack(diffId, () -> openLayerTar(layer.digest(), gzip, diffId, what));
        } catch (DigestMismatchException e) {
            throw e;
        } catch (ImageException e) {
            // the layer store says "not a tar": if the blob itself is damaged, that is the better diagnosis
            Digest actual = hashOf(layer.digest());
            if (!actual.equals(layer.digest())) {
                throw new DigestMismatchException(what + " on disk", layer.digest(), actual);
            }
            throw e;
        } catch (IOException | RuntimeException e) {
            ImageException cause = imageCause(e);
            if (cause != null) throw cause;
            // a damaged blob makes gzip or tar fail before its digest can be checked: check it now
            Digest actual = hashOf(layer.digest());
            if (!actual.equals(layer.digest())) {
                throw new DigestMismatchException(what + " on disk", layer.digest(), actual);
            }
            throw new LayerUnpackException(what + " cannot be unpacked: " + e.getMessage()
                    + ": the blob is truncated or damaged; remove the image and pull or load it again", e);
        }
    }

    private Digest hashOf(Digest blob) throws IOException {
        try (VerifyingInputStream in = new VerifyingInputStream(blobs.open(blob), blob, "blob " + blob)) {
            in.drain();
            return blob;
        } catch (DigestMismatchException e) {
            return e.actual();
        }
    }

    private InputStream openLayerTar(Digest blob, boolean gzip, Digest diffId, String what) throws IOException {
        VerifyingInputStream raw = new VerifyingInputStream(
                new BufferedInputStream(blobs.open(blob), 65536), blob, what + " on disk");
        InputStream plain = gzip ? GzipCompressorInputStream.builder().setInputStream(raw)
                .setDecompressConcatenated(true).get() : raw;
        VerifyingInputStream tar = new VerifyingInputStream(plain, diffId, what + " uncompressed, diff ID");
        return new FilterInputStream(tar) {
            private boolean closed;

            @Override
            public void close() throws IOException {
                if (closed) return;
                closed = true;
                // the unpacker may stop at the tar's end marker: the rest must still hash right
                try {
                    tar.drain();
                    raw.drain();
                } finally {
                    super.close();
                }
            }
        };
    }

    private static ImageException imageCause(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof ImageException ie) return ie;
            for (Throwable s : t.getSuppressed()) {
                if (s instanceof ImageException ie) return ie;
            }
        }
        return null;
    }
}
