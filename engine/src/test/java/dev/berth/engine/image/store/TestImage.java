package dev.berth.engine.image.store;

import dev.berth.engine.image.Descriptor;
import dev.berth.engine.image.Digest;
import dev.berth.engine.image.MediaTypes;
import dev.berth.engine.image.oci.ContainerConfig;
import dev.berth.engine.image.oci.ImageConfig;
import dev.berth.engine.image.oci.ImageManifest;
import dev.berth.engine.image.oci.OciJson;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveOutputStream;
import org.apache.commons.compress.compressors.gzip.GzipCompressorOutputStream;

/** Real layer tars, configs and manifests for store tests, written into a store's blobs. */
final class TestImage {

    /** Entries get a fixed time, so the same files always make the same layer. */
    private static final java.util.Date FIXED_TIME = new java.util.Date(1_700_000_000_000L);

    /** A layer: its tar, the blob (gzip or not) and both digests. */
    record Layer(byte[] tar, byte[] blob, boolean gzip) {
        Digest diffId() {
            return Digest.sha256(tar);
        }

        Digest blobDigest() {
            return Digest.sha256(blob);
        }

        String mediaType() {
            return gzip ? MediaTypes.OCI_LAYER_GZIP : MediaTypes.OCI_LAYER;
        }

        Descriptor descriptor() {
            return new Descriptor(mediaType(), blobDigest(), blob.length);
        }
    }

    static Layer layer(Map<String, byte[]> files) {
        return layer(tar(files), true);
    }

    static Layer layer(byte[] tar, boolean gzip) {
        return new Layer(tar, gzip ? gzip(tar) : tar, gzip);
    }

    /** A layer of {@code bytes} random (incompressible) bytes in one file. */
    static Layer randomLayer(String path, int bytes, long seed) {
        byte[] data = new byte[bytes];
        new Random(seed).nextBytes(data);
        return layer(Map.of(path, data));
    }

    static Layer textLayer(String path, String text) {
        return layer(Map.of(path, text.getBytes(StandardCharsets.UTF_8)));
    }

    static byte[] tar(Map<String, byte[]> files) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (TarArchiveOutputStream tar = new TarArchiveOutputStream(out)) {
            tar.setLongFileMode(TarArchiveOutputStream.LONGFILE_POSIX);
            java.util.Set<String> dirs = new java.util.TreeSet<>();
            for (String name : files.keySet()) {
                for (int i = name.indexOf('/'); i > 0; i = name.indexOf('/', i + 1)) dirs.add(name.substring(0, i + 1));
            }
            for (String d : dirs) {
                TarArchiveEntry e = new TarArchiveEntry(d);
                e.setMode(0755);
                e.setModTime(FIXED_TIME);
                tar.putArchiveEntry(e);
                tar.closeArchiveEntry();
            }
            for (Map.Entry<String, byte[]> f : new TreeMap<>(files).entrySet()) {
                TarArchiveEntry e = new TarArchiveEntry(f.getKey());
                e.setMode(0644);
                e.setModTime(FIXED_TIME);
                e.setSize(f.getValue().length);
                tar.putArchiveEntry(e);
                tar.write(f.getValue());
                tar.closeArchiveEntry();
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }

    static byte[] gzip(byte[] data) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (GzipCompressorOutputStream gz = new GzipCompressorOutputStream(out)) {
            gz.write(data);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }

    static byte[] config(List<Digest> diffIds, String cmd) {
        List<ImageConfig.History> history = new ArrayList<>();
        for (int i = 0; i < diffIds.size(); i++) {
            history.add(new ImageConfig.History("2024-01-0" + (i + 1) + "T00:00:00Z", null, "step " + (i + 1), null, null));
        }
        history.add(new ImageConfig.History("2024-01-09T00:00:00Z", null, "CMD [\"" + cmd + "\"]", null, true));
        ContainerConfig cc = new ContainerConfig(null, null, List.of("PATH=/bin"), null, List.of(cmd),
                null, null, null, null, null, null, null, null);
        return OciJson.write(new ImageConfig("2024-01-09T00:00:00Z", null, "amd64", "linux", null, cc,
                new ImageConfig.RootFs("layers", diffIds), history, null, null));
    }

    /** Puts the config and layer blobs into the store; returns the manifest bytes (not added yet). */
    static byte[] put(ImageStore store, String cmd, Layer... layers) {
        byte[] config = config(Stream.of(layers).map(Layer::diffId).toList(), cmd);
        return put(store, config, layers);
    }

    static byte[] put(ImageStore store, byte[] config, Layer... layers) {
        store.blobs().put(config);
        for (Layer l : layers) store.blobs().put(l.blob());
        return manifest(config, layers);
    }

    static byte[] manifest(byte[] config, Layer... layers) {
        return OciJson.write(new ImageManifest(2, MediaTypes.OCI_MANIFEST,
                new Descriptor(MediaTypes.OCI_CONFIG, Digest.sha256(config), config.length),
                Stream.of(layers).map(Layer::descriptor).toList(), null));
    }

    /** Every path under the dirs with its size (files) or kind: equal listings mean nothing changed. */
    static Map<String, String> listing(Path... dirs) throws IOException {
        Map<String, String> out = new TreeMap<>();
        for (Path dir : dirs) {
            try (Stream<Path> s = Files.walk(dir)) {
                for (Path p : (Iterable<Path>) s::iterator) {
                    BasicFileAttributes a = Files.readAttributes(p, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
                    out.put(p.toString(), a.isDirectory() ? "dir" : a.isSymbolicLink() ? "link" : a.size() + " bytes");
                }
            }
        }
        return out;
    }

    /** Bytes of regular files under the dirs, each inode once. */
    static long bytesOnDisk(Path... dirs) throws IOException {
        long total = 0;
        for (Path d : dirs) total += TarDirectoryLayerStore.bytes(d);
        return total;
    }

    private TestImage() {
    }
}
