package dev.berth.engine.image.oci;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.berth.engine.image.Descriptor;
import dev.berth.engine.image.Digest;
import dev.berth.engine.image.MediaTypes;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class OciJsonTest {

    private static final String A = "sha256:" + "a".repeat(64);
    private static final String B = "sha256:" + "b".repeat(64);
    private static final String C = "sha256:" + "c".repeat(64);

    private static byte[] bytes(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    @Test
    void readsADockerV2Manifest() {
        String json = """
                {
                   "schemaVersion": 2,
                   "mediaType": "application/vnd.docker.distribution.manifest.v2+json",
                   "config": {"mediaType": "application/vnd.docker.container.image.v1+json", "size": 1457, "digest": "%s"},
                   "layers": [{"mediaType": "application/vnd.docker.image.rootfs.diff.tar.gzip", "size": 2152262, "digest": "%s",
                               "urls": ["https://example.com/ignored"]}]
                }""".formatted(A, B);
        ImageManifest m = OciJson.parseManifest(bytes(json), MediaTypes.DOCKER_MANIFEST);
        assertEquals(Digest.parse(A), m.config().digest());
        assertEquals(1457, m.config().size());
        assertEquals(MediaTypes.DOCKER_LAYER_GZIP, m.layers().getFirst().mediaType());
        assertEquals(2152262, m.layers().getFirst().size());
        assertEquals(m, OciJson.parseManifest(bytes(json), null), "the declared media type is used when none is announced");
    }

    @Test
    void writesCompactDeterministicJsonThatReadsBack() {
        ImageManifest m = new ImageManifest(2, MediaTypes.OCI_MANIFEST, new Descriptor(MediaTypes.OCI_CONFIG, Digest.parse(A), 10),
                List.of(new Descriptor(MediaTypes.OCI_LAYER_GZIP, Digest.parse(B), 20)), Map.of("z", "1", "a", "2"));
        String json = new String(OciJson.write(m), StandardCharsets.UTF_8);
        assertEquals("{\"schemaVersion\":2,\"mediaType\":\"application/vnd.oci.image.manifest.v1+json\","
                + "\"config\":{\"mediaType\":\"application/vnd.oci.image.config.v1+json\",\"digest\":\"" + A + "\",\"size\":10},"
                + "\"layers\":[{\"mediaType\":\"application/vnd.oci.image.layer.v1.tar+gzip\",\"digest\":\"" + B + "\",\"size\":20}],"
                + "\"annotations\":{\"a\":\"2\",\"z\":\"1\"}}", json);
        assertEquals(m, OciJson.parseManifest(bytes(json), MediaTypes.OCI_MANIFEST));
    }

    @Test
    void readsAnIndexAndPicksLinuxAmd64() {
        String json = """
                {"schemaVersion":2,"mediaType":"application/vnd.oci.image.index.v1+json","manifests":[
                  {"mediaType":"application/vnd.oci.image.manifest.v1+json","digest":"%s","size":1,
                   "platform":{"architecture":"arm64","os":"linux","variant":"v8"}},
                  {"mediaType":"application/vnd.oci.image.manifest.v1+json","digest":"%s","size":2,
                   "platform":{"architecture":"amd64","os":"linux","os.version":"ignored"}},
                  {"mediaType":"application/vnd.oci.image.manifest.v1+json","digest":"%s","size":3,
                   "platform":{"architecture":"unknown","os":"unknown"},
                   "annotations":{"vnd.docker.reference.type":"attestation-manifest"}}]}""".formatted(A, B, C);
        ImageIndex index = OciJson.parseIndex(bytes(json), null);
        assertEquals(3, index.manifests().size());
        Descriptor amd64 = index.manifestFor(Descriptor.Platform.LINUX_AMD64).orElseThrow();
        assertEquals(Digest.parse(B), amd64.digest());
        assertEquals("linux/arm64/v8", index.manifests().getFirst().platform().toString());
        assertEquals("attestation-manifest", index.manifests().get(2).annotations().get("vnd.docker.reference.type"));
        assertTrue(index.manifestFor(new Descriptor.Platform("windows", "amd64", null)).isEmpty());
    }

    @Test
    void readsEveryConfigField() {
        String json = """
                {"architecture":"amd64","os":"linux","variant":"v1","created":"2024-05-01T10:11:12.123456789Z","author":"me",
                 "config":{"User":"app:app","ExposedPorts":{"80/tcp":{},"53/udp":{}},"Env":["PATH=/bin","A=b c"],
                   "Entrypoint":["/init"],"Cmd":["serve","--port","80"],"WorkingDir":"/srv","Volumes":{"/data":{}},
                   "Labels":{"org.opencontainers.image.title":"t"},"StopSignal":"SIGQUIT",
                   "Healthcheck":{"Test":["CMD-SHELL","wget -q localhost"],"Interval":30000000000,"Retries":3},
                   "OnBuild":["RUN true"],"Shell":["/bin/ash","-c"],"ArgsEscaped":true},
                 "rootfs":{"type":"layers","diff_ids":["%s","%s"]},
                 "history":[{"created":"2024-05-01T10:00:00Z","created_by":"/bin/sh -c #(nop) ADD file:x in / ","comment":"c","author":"a"},
                            {"created":"2024-05-01T10:11:12Z","created_by":"CMD [\\"serve\\"]","empty_layer":true}],
                 "comment":"imported","docker_version":"27.0.1","container":"ignored"}""".formatted(A, B);
        ImageConfig c = OciJson.parseConfig(bytes(json));
        assertEquals("amd64", c.architecture());
        assertEquals("v1", c.variant());
        assertEquals(Instant.parse("2024-05-01T10:11:12.123456789Z"), c.createdInstant());
        ContainerConfig cc = c.containerConfig();
        assertEquals("app:app", cc.user());
        assertEquals(List.of("53/udp", "80/tcp"), List.copyOf(cc.exposedPorts().keySet()));
        assertEquals(List.of("PATH=/bin", "A=b c"), cc.env());
        assertEquals(List.of("/init"), cc.entrypoint());
        assertEquals(List.of("serve", "--port", "80"), cc.cmd());
        assertEquals("/srv", cc.workingDir());
        assertTrue(cc.volumes().containsKey("/data"));
        assertEquals("t", cc.labels().get("org.opencontainers.image.title"));
        assertEquals("SIGQUIT", cc.stopSignal());
        assertEquals(30_000_000_000L, cc.healthcheck().interval());
        assertEquals(3, cc.healthcheck().retries());
        assertEquals(List.of("RUN true"), cc.onBuild());
        assertEquals(List.of("/bin/ash", "-c"), cc.shell());
        assertEquals(List.of(Digest.parse(A), Digest.parse(B)), c.diffIds());
        assertEquals(2, c.history().size());
        assertTrue(c.history().get(1).isEmptyLayer());
        assertEquals("/bin/sh -c #(nop) ADD file:x in / ", c.history().get(0).createdBy());
        assertEquals("imported", c.comment());
        assertEquals("27.0.1", c.dockerVersion());
        // what berth writes reads back the same
        assertEquals(c, OciJson.parseConfig(OciJson.write(c)));
    }

    @Test
    void unknownMediaTypesSayWhatIsExpected() {
        byte[] schema1 = bytes("{\"schemaVersion\":1,\"name\":\"x\",\"fsLayers\":[]}");
        UnsupportedMediaTypeException e = assertThrows(UnsupportedMediaTypeException.class,
                () -> OciJson.parseManifest(schema1, "application/vnd.docker.distribution.manifest.v1+prettyjws"));
        assertEquals("unsupported media type application/vnd.docker.distribution.manifest.v1+prettyjws for an image manifest: "
                + "expected one of application/vnd.docker.distribution.manifest.v2+json, application/vnd.oci.image.manifest.v1+json",
                e.getMessage());
        UnsupportedMediaTypeException none = assertThrows(UnsupportedMediaTypeException.class, () -> OciJson.parseManifest(schema1, null));
        assertTrue(none.getMessage().startsWith("unsupported media type (none)"), none.getMessage());
        assertNull(none.mediaType());
        assertThrows(UnsupportedMediaTypeException.class, () -> OciJson.parseIndex(bytes("{\"manifests\":[]}"), MediaTypes.OCI_MANIFEST));
        InvalidImageDocumentException bad = assertThrows(InvalidImageDocumentException.class, () -> OciJson.parseManifest(
                bytes("{\"schemaVersion\":2,\"config\":{\"digest\":\"sha256:xyz\"},\"layers\":[]}"), MediaTypes.OCI_MANIFEST));
        assertTrue(bad.getMessage().contains("image manifest cannot be read"), bad.getMessage());
    }
}
