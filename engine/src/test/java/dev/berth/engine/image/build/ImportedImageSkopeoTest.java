package dev.berth.engine.image.build;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.berth.engine.image.Descriptor;
import dev.berth.engine.image.Digest;
import dev.berth.engine.image.oci.OciJson;
import dev.berth.engine.image.store.Image;
import dev.berth.engine.image.store.ImageStore;
import dev.berth.engine.image.store.TarDirectoryLayerStore;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * An independent client reads what berth's import writes: the image is laid out as an OCI image
 * layout (by hand, here) and real skopeo inspects and copies it, verifying every digest.
 */
class ImportedImageSkopeoTest {

    private static final Path SKOPEO = Path.of("/usr/bin/skopeo");

    @TempDir
    Path tmp;

    @Test
    void skopeoReadsAndCopiesTheImportedBusybox() throws Exception {
        assumeTrue(Files.isExecutable(SKOPEO), "skipped: skopeo is missing (apt-get install skopeo)");
        ImageStore store = new ImageStore(tmp.resolve("images"), new TarDirectoryLayerStore(tmp.resolve("layers")), id -> false);
        Image img = BusyboxRootfs.importInto(store, RootfsImporterTest.busybox(), "busybox");

        Path layout = tmp.resolve("layout");
        Files.createDirectories(layout.resolve("blobs/sha256"));
        Files.writeString(layout.resolve("oci-layout"), "{\"imageLayoutVersion\":\"1.0.0\"}");
        List<Digest> blobs = new ArrayList<>(List.of(img.manifestDigest(), img.id()));
        img.manifest().layers().forEach(l -> blobs.add(l.digest()));
        for (Digest d : blobs) Files.copy(store.blobs().path(d), layout.resolve("blobs/sha256").resolve(d.hex()));
        Descriptor manifest = new Descriptor(img.manifestMediaType(), img.manifestDigest(),
                store.blobs().size(img.manifestDigest()), java.util.Map.of("org.opencontainers.image.ref.name", "busybox"), null);
        Files.writeString(layout.resolve("index.json"), "{\"schemaVersion\":2,\"manifests\":["
                + new String(OciJson.write(manifest), StandardCharsets.UTF_8) + "]}");

        JsonNode inspect = OciJson.mapper().readTree(skopeo("inspect", "oci:" + layout + ":busybox"));
        assertEquals(img.manifestDigest().toString(), inspect.get("Digest").asText());
        assertEquals("amd64", inspect.get("Architecture").asText());
        assertEquals("linux", inspect.get("Os").asText());
        assertEquals(img.manifest().layers().getFirst().digest().toString(), inspect.at("/Layers/0").asText());
        JsonNode config = OciJson.mapper().readTree(skopeo("inspect", "--config", "oci:" + layout + ":busybox"));
        assertEquals("sh", config.at("/config/Cmd/0").asText());
        assertEquals(img.diffIds().getFirst().toString(), config.at("/rootfs/diff_ids/0").asText());

        // copy re-reads every blob and checks its digest; the manifest arrives byte for byte
        skopeo("copy", "--quiet", "oci:" + layout + ":busybox", "oci:" + tmp.resolve("copy") + ":bb");
        Path copied = tmp.resolve("copy/blobs/sha256").resolve(img.manifestDigest().hex());
        assertTrue(Files.exists(copied), "skopeo kept the manifest digest");
    }

    private String skopeo(String... args) throws IOException, InterruptedException {
        List<String> cmd = new ArrayList<>(List.of(SKOPEO.toString(), "--insecure-policy"));
        cmd.addAll(List.of(args));
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!p.waitFor(60, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            throw new AssertionError("skopeo did not finish: " + cmd);
        }
        assertEquals(0, p.exitValue(), String.join(" ", cmd) + "\n" + out);
        return out;
    }
}
