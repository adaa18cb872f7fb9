package dev.berth.engine.registry;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.berth.engine.image.Descriptor;
import dev.berth.engine.image.Digest;
import dev.berth.engine.image.MediaTypes;
import dev.berth.engine.image.store.BlobStore;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveOutputStream;
import org.apache.commons.compress.compressors.gzip.GzipCompressorOutputStream;

/**
 * A small real image made in the test: layer tars (gzip or plain) holding random, incompressible
 * files, a config whose {@code rootfs.diff_ids} are the sha256 of the uncompressed tars, and an OCI
 * or Docker v2 manifest; all blobs and the manifest are put into a {@link BlobStore}.
 */
record TestImage(byte[] manifest, String mediaType, Digest digest, Descriptor config, List<Descriptor> layers) {

    private static final ObjectMapper JSON = new ObjectMapper();

    enum Format { OCI, DOCKER }

    static TestImage create(BlobStore store, Format format, boolean gzip, long seed, int... layerSizes) throws IOException {
        Random random = new Random(seed);
        List<Descriptor> layers = new ArrayList<>();
        ArrayNode diffIds = JSON.createArrayNode();
        for (int i = 0; i < layerSizes.length; i++) {
            byte[] tar = layerTar(random, i, layerSizes[i]);
            diffIds.add(Digest.sha256(tar).toString());
            byte[] blob = gzip ? gzip(tar) : tar;
            String type = format == Format.OCI
                    ? (gzip ? MediaTypes.OCI_LAYER_GZIP : MediaTypes.OCI_LAYER)
                    : (gzip ? MediaTypes.DOCKER_LAYER_GZIP : MediaTypes.DOCKER_LAYER);
            layers.add(new Descriptor(type, store.put(blob), blob.length));
        }
        ObjectNode config = JSON.createObjectNode();
        config.put("architecture", "amd64").put("os", "linux").put("created", "2026-01-01T00:00:00Z");
        config.putObject("config").putArray("Cmd").add("/bin/sh");
        ObjectNode rootfs = config.putObject("rootfs");
        rootfs.put("type", "layers");
        rootfs.set("diff_ids", diffIds);
        byte[] configBytes = JSON.writeValueAsBytes(config);
        Descriptor configDescriptor = new Descriptor(format == Format.OCI ? MediaTypes.OCI_CONFIG : MediaTypes.DOCKER_CONFIG,
                store.put(configBytes), configBytes.length);
        String mediaType = format == Format.OCI ? MediaTypes.OCI_MANIFEST : MediaTypes.DOCKER_MANIFEST;
        ObjectNode manifest = JSON.createObjectNode();
        manifest.put("schemaVersion", 2).put("mediaType", mediaType);
        manifest.set("config", descriptorJson(configDescriptor));
        ArrayNode layerArray = manifest.putArray("layers");
        layers.forEach(l -> layerArray.add(descriptorJson(l)));
        byte[] manifestBytes = JSON.writeValueAsBytes(manifest);
        Digest digest = store.put(manifestBytes);
        return new TestImage(manifestBytes, mediaType, digest, configDescriptor, layers);
    }

    /** An OCI index over the given manifests, one per platform ({@code linux/arm64/v8}). */
    static byte[] index(BlobStore store, List<TestImage> images, List<String> platforms) {
        ObjectNode index = JSON.createObjectNode();
        index.put("schemaVersion", 2).put("mediaType", MediaTypes.OCI_INDEX);
        ArrayNode entries = index.putArray("manifests");
        for (int i = 0; i < images.size(); i++) {
            TestImage image = images.get(i);
            ObjectNode entry = descriptorJson(new Descriptor(image.mediaType(), image.digest(), image.manifest().length));
            String[] p = platforms.get(i).split("/");
            ObjectNode platform = entry.putObject("platform");
            platform.put("os", p[0]).put("architecture", p[1]);
            if (p.length > 2) platform.put("variant", p[2]);
            entries.add(entry);
        }
        try {
            byte[] bytes = JSON.writeValueAsBytes(index);
            store.put(bytes);
            return bytes;
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    List<Descriptor> blobs() {
        List<Descriptor> all = new ArrayList<>(layers);
        all.add(config);
        return all;
    }

    long totalBlobBytes() {
        return blobs().stream().mapToLong(Descriptor::size).sum();
    }

    static ObjectNode descriptorJson(Descriptor d) {
        ObjectNode node = JSON.createObjectNode();
        node.put("mediaType", d.mediaType()).put("digest", d.digest().toString()).put("size", d.size());
        return node;
    }

    private static byte[] layerTar(Random random, int index, int size) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream(size + 4096);
        try (TarArchiveOutputStream tar = new TarArchiveOutputStream(bytes)) {
            tar.setLongFileMode(TarArchiveOutputStream.LONGFILE_POSIX);
            TarArchiveEntry dir = new TarArchiveEntry("data/");
            dir.setMode(0755);
            tar.putArchiveEntry(dir);
            tar.closeArchiveEntry();
            byte[] content = new byte[size];
            random.nextBytes(content);
            TarArchiveEntry file = new TarArchiveEntry("data/layer-" + index + ".bin");
            file.setSize(size);
            file.setMode(0644);
            tar.putArchiveEntry(file);
            tar.write(content);
            tar.closeArchiveEntry();
            byte[] note = ("layer " + index + "\n").getBytes(StandardCharsets.UTF_8);
            TarArchiveEntry text = new TarArchiveEntry("data/layer-" + index + ".txt");
            text.setSize(note.length);
            tar.putArchiveEntry(text);
            tar.write(note);
            tar.closeArchiveEntry();
        }
        return bytes.toByteArray();
    }

    private static byte[] gzip(byte[] data) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream(data.length + 1024);
        try (OutputStream gz = new GzipCompressorOutputStream(bytes)) {
            gz.write(data);
        }
        return bytes.toByteArray();
    }
}
