package dev.berth.engine.registry;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.berth.engine.image.MediaTypes;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class ManifestJsonTest {

    private static byte[] json(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    @Test
    void mediaTypeFromHeaderThenDocumentThenShape() {
        byte[] oci = json("{\"schemaVersion\":2,\"config\":{},\"layers\":[]}");
        assertEquals(MediaTypes.DOCKER_MANIFEST, ManifestJson.mediaType(oci, MediaTypes.DOCKER_MANIFEST + "; charset=utf-8", "m"));
        assertEquals(MediaTypes.OCI_MANIFEST, ManifestJson.mediaType(oci, "application/json", "m"), "OCI may omit mediaType");
        assertEquals(MediaTypes.OCI_INDEX, ManifestJson.mediaType(json("{\"schemaVersion\":2,\"manifests\":[]}"), null, "m"));
        assertEquals(MediaTypes.DOCKER_MANIFEST_LIST, ManifestJson.mediaType(
                json("{\"mediaType\":\"" + MediaTypes.DOCKER_MANIFEST_LIST + "\",\"manifests\":[]}"), "text/plain", "m"));
        assertEquals("application/vnd.docker.distribution.manifest.v1+json",
                ManifestJson.mediaType(json("{\"schemaVersion\":1}"), null, "m"));
    }

    @Test
    void brokenDocumentsSayWhatIsWrong() {
        RegistryException notJson = assertThrows(RegistryException.class, () -> ManifestJson.manifest(json("{"), "manifest of x"));
        assertEquals(true, notJson.getMessage().startsWith("manifest of x is not valid JSON"), notJson.getMessage());
        RegistryException badDigest = assertThrows(RegistryException.class, () -> ManifestJson.manifest(
                json("{\"config\":{\"mediaType\":\"a\",\"digest\":\"md5:00\",\"size\":1},\"layers\":[]}"), "manifest of x"));
        assertEquals(true, badDigest.getMessage().contains("invalid descriptor"), badDigest.getMessage());
    }
}
