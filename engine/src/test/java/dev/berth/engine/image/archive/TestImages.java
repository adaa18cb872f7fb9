package dev.berth.engine.image.archive;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.berth.engine.image.Digest;
import dev.berth.engine.image.MediaTypes;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveOutputStream;
import org.apache.commons.compress.compressors.gzip.GzipCompressorOutputStream;

/**
 * Real small images for tests, made the way an image builder makes them and written by hand
 * (independently of the code under test): a busybox rootfs layer from Debian's busybox-static,
 * a config with its diff IDs, an OCI manifest, and the archive formats around them.
 */
final class TestImages {

    static final Path BUSYBOX = Path.of("/usr/bin/busybox");
    static final ObjectMapper JSON = new ObjectMapper();

    /** A layer: its uncompressed tar and gzip form, with their digests. */
    record Layer(byte[] tar, byte[] gzip) {
        Digest diffId() {
            return Digest.sha256(tar);
        }

        Digest blob() {
            return Digest.sha256(gzip);
        }
    }

    /** An image: layers, config, and an OCI manifest naming the gzip layers. */
    record Image(List<Layer> layers, byte[] config, byte[] manifest) {
        Digest configDigest() {
            return Digest.sha256(config);
        }

        Digest manifestDigest() {
            return Digest.sha256(manifest);
        }

        List<Digest> diffIds() {
            return layers.stream().map(Layer::diffId).toList();
        }
    }

    private TestImages() {
    }

    /** bin/busybox with bin/sh and bin/ls linked to it: a rootfs `sh -c ls` runs in. */
    static Layer busyboxLayer() throws IOException {
        Map<String, Object> files = new LinkedHashMap<>();
        files.put("bin/", null);
        files.put("bin/busybox", Files.readAllBytes(BUSYBOX));
        files.put("bin/sh", "busybox");
        files.put("bin/ls", "busybox");
        files.put("bin/echo", "busybox");
        return layer(files);
    }

    /** A small layer with one text file. */
    static Layer fileLayer(String name, String content) throws IOException {
        Map<String, Object> files = new LinkedHashMap<>();
        files.put(name, content.getBytes(StandardCharsets.UTF_8));
        return layer(files);
    }

    /** Entries: a name ending in / is a directory, byte[] a file, a String a symlink target. */
    static Layer layer(Map<String, Object> entries) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (TarArchiveOutputStream tar = new TarArchiveOutputStream(bytes)) {
            tar.setLongFileMode(TarArchiveOutputStream.LONGFILE_POSIX);
            for (Map.Entry<String, Object> e : entries.entrySet()) {
                TarArchiveEntry entry;
                if (e.getKey().endsWith("/")) {
                    entry = new TarArchiveEntry(e.getKey());
                    entry.setMode(040755);
                } else if (e.getValue() instanceof String target) {
                    entry = new TarArchiveEntry(e.getKey(), TarArchiveEntry.LF_SYMLINK);
                    entry.setLinkName(target);
                    entry.setMode(0120777);
                } else {
                    entry = new TarArchiveEntry(e.getKey());
                    entry.setMode(0100755);
                    entry.setSize(((byte[]) e.getValue()).length);
                }
                entry.setModTime(0);
                tar.putArchiveEntry(entry);
                if (e.getValue() instanceof byte[] content) tar.write(content);
                tar.closeArchiveEntry();
            }
        }
        byte[] tar = bytes.toByteArray();
        return new Layer(tar, gzip(tar));
    }

    static byte[] gzip(byte[] data) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (OutputStream gz = new GzipCompressorOutputStream(out)) {
            gz.write(data);
        }
        return out.toByteArray();
    }

    static Image image(List<Layer> layers, String... cmd) {
        ObjectNode config = JSON.createObjectNode();
        config.put("architecture", "amd64");
        config.put("os", "linux");
        config.put("created", "2026-01-01T00:00:00Z");
        ObjectNode c = config.putObject("config");
        c.putArray("Env").add("PATH=/bin");
        ArrayNode cmdArray = c.putArray("Cmd");
        for (String s : cmd) cmdArray.add(s);
        ObjectNode rootfs = config.putObject("rootfs");
        rootfs.put("type", "layers");
        ArrayNode ids = rootfs.putArray("diff_ids");
        ArrayNode history = config.putArray("history");
        for (Layer l : layers) {
            ids.add(l.diffId().toString());
            history.addObject().put("created", "2026-01-01T00:00:00Z").put("created_by", "test layer");
        }
        byte[] configBytes = bytes(config);

        ObjectNode manifest = JSON.createObjectNode();
        manifest.put("schemaVersion", 2);
        manifest.put("mediaType", MediaTypes.OCI_MANIFEST);
        manifest.putObject("config").put("mediaType", MediaTypes.OCI_CONFIG)
                .put("digest", Digest.sha256(configBytes).toString()).put("size", configBytes.length);
        ArrayNode ls = manifest.putArray("layers");
        for (Layer l : layers) {
            ls.addObject().put("mediaType", MediaTypes.OCI_LAYER_GZIP).put("digest", l.blob().toString())
                    .put("size", l.gzip().length);
        }
        return new Image(List.copyOf(layers), configBytes, bytes(manifest));
    }

    static Image busybox() throws IOException {
        return image(List.of(busyboxLayer()), "sh");
    }

    static byte[] bytes(Object node) {
        try {
            return JSON.writeValueAsBytes(node);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    /** An OCI layout directory, as {@code skopeo copy ... oci:DIR:tag} expects: ref.name is the tag. */
    static void writeOciLayout(Path dir, Image image, String tag) throws IOException {
        Path blobs = Files.createDirectories(dir.resolve("blobs/sha256"));
        Files.writeString(dir.resolve("oci-layout"), "{\"imageLayoutVersion\":\"1.0.0\"}");
        Files.write(blobs.resolve(image.configDigest().hex()), image.config());
        Files.write(blobs.resolve(image.manifestDigest().hex()), image.manifest());
        for (Layer l : image.layers()) Files.write(blobs.resolve(l.blob().hex()), l.gzip());
        ObjectNode index = JSON.createObjectNode();
        index.put("schemaVersion", 2);
        ObjectNode entry = index.putArray("manifests").addObject();
        entry.put("mediaType", MediaTypes.OCI_MANIFEST).put("digest", image.manifestDigest().toString())
                .put("size", image.manifest().length);
        entry.putObject("annotations").put("org.opencontainers.image.ref.name", tag);
        Files.write(dir.resolve("index.json"), bytes(index));
    }

    /**
     * A docker-save archive as Docker before 25 wrote it: {@code <id>/layer.tar} (+ json, VERSION),
     * {@code <config hex>.json}, {@code repositories} and {@code manifest.json} — the last entry, as
     * Docker's own tar of its export directory may put it. {@code layerFiles} are the bytes stored as
     * each layer.tar (normally the uncompressed tars).
     */
    static void writeOldDockerSave(Path file, Image image, String repoTag, List<byte[]> layerFiles) throws IOException {
        try (TarArchiveOutputStream tar = new TarArchiveOutputStream(Files.newOutputStream(file))) {
            List<String> layerPaths = new ArrayList<>();
            String parent = null;
            for (int i = 0; i < layerFiles.size(); i++) {
                String id = Digest.sha256(("layer " + i + " " + image.configDigest()).getBytes(StandardCharsets.UTF_8)).hex();
                add(tar, id + "/VERSION", "1.0".getBytes(StandardCharsets.UTF_8));
                ObjectNode json = JSON.createObjectNode().put("id", id);
                if (parent != null) json.put("parent", parent);
                add(tar, id + "/json", bytes(json));
                add(tar, id + "/layer.tar", layerFiles.get(i));
                layerPaths.add(id + "/layer.tar");
                parent = id;
            }
            add(tar, image.configDigest().hex() + ".json", image.config());
            String name = repoTag.substring(0, repoTag.lastIndexOf(':'));
            String tag = repoTag.substring(repoTag.lastIndexOf(':') + 1);
            ObjectNode repos = JSON.createObjectNode();
            repos.putObject(name).put(tag, parent);
            add(tar, "repositories", bytes(repos));
            ArrayNode manifest = JSON.createArrayNode();
            ObjectNode item = manifest.addObject();
            item.put("Config", image.configDigest().hex() + ".json");
            item.putArray("RepoTags").add(repoTag);
            ArrayNode layers = item.putArray("Layers");
            layerPaths.forEach(layers::add);
            add(tar, "manifest.json", bytes(manifest));
        }
    }

    /**
     * A docker-save archive as Docker 25+ writes it: also an OCI layout, layers uncompressed under
     * {@code blobs/sha256/<diff ID>} and named so in an OCI manifest with tar (not gzip) layers. The
     * last layer is listed in manifest.json through a symlink {@code legacy/layer.tar}, as writers
     * that keep the old layout for old readers do.
     */
    static void writeDocker25Save(Path file, Image image, String fullName, String repoTag) throws IOException {
        ObjectNode manifest = JSON.createObjectNode();
        manifest.put("schemaVersion", 2);
        manifest.put("mediaType", MediaTypes.OCI_MANIFEST);
        manifest.putObject("config").put("mediaType", MediaTypes.OCI_CONFIG)
                .put("digest", image.configDigest().toString()).put("size", image.config().length);
        ArrayNode ls = manifest.putArray("layers");
        for (Layer l : image.layers()) {
            ls.addObject().put("mediaType", MediaTypes.OCI_LAYER).put("digest", l.diffId().toString()).put("size", l.tar().length);
        }
        byte[] manifestBytes = bytes(manifest);
        Digest manifestDigest = Digest.sha256(manifestBytes);
        try (TarArchiveOutputStream tar = new TarArchiveOutputStream(Files.newOutputStream(file))) {
            for (Layer l : image.layers()) add(tar, "blobs/sha256/" + l.diffId().hex(), l.tar());
            add(tar, "blobs/sha256/" + image.configDigest().hex(), image.config());
            add(tar, "blobs/sha256/" + manifestDigest.hex(), manifestBytes);
            ObjectNode index = JSON.createObjectNode();
            index.put("schemaVersion", 2).put("mediaType", MediaTypes.OCI_INDEX);
            ObjectNode entry = index.putArray("manifests").addObject();
            entry.put("mediaType", MediaTypes.OCI_MANIFEST).put("digest", manifestDigest.toString()).put("size", manifestBytes.length);
            entry.putObject("annotations").put("io.containerd.image.name", fullName)
                    .put("org.opencontainers.image.ref.name", fullName.substring(fullName.lastIndexOf(':') + 1));
            add(tar, "index.json", bytes(index));
            ArrayNode items = JSON.createArrayNode();
            ObjectNode item = items.addObject();
            item.put("Config", "blobs/sha256/" + image.configDigest().hex());
            item.putArray("RepoTags").add(repoTag);
            ArrayNode layers = item.putArray("Layers");
            for (int i = 0; i < image.layers().size() - 1; i++) layers.add("blobs/sha256/" + image.layers().get(i).diffId().hex());
            layers.add("legacy/layer.tar");
            add(tar, "manifest.json", bytes(items));
            TarArchiveEntry link = new TarArchiveEntry("legacy/layer.tar", TarArchiveEntry.LF_SYMLINK);
            link.setLinkName("../blobs/sha256/" + image.layers().getLast().diffId().hex());
            tar.putArchiveEntry(link);
            tar.closeArchiveEntry();
            add(tar, "oci-layout", "{\"imageLayoutVersion\":\"1.0.0\"}".getBytes(StandardCharsets.UTF_8));
        }
    }

    static void add(TarArchiveOutputStream tar, String name, byte[] content) throws IOException {
        TarArchiveEntry entry = new TarArchiveEntry(name);
        entry.setSize(content.length);
        tar.putArchiveEntry(entry);
        tar.write(content);
        tar.closeArchiveEntry();
    }

    /** Names of the entries of a tar file, in order. */
    static List<String> entries(Path tarFile) throws IOException {
        List<String> names = new ArrayList<>();
        try (var in = new org.apache.commons.compress.archivers.tar.TarArchiveInputStream(Files.newInputStream(tarFile))) {
            for (TarArchiveEntry e = in.getNextEntry(); e != null; e = in.getNextEntry()) names.add(e.getName());
        }
        return names;
    }
}
