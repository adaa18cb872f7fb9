package dev.berth.engine.image;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ImageReferenceTest {

    @ParameterizedTest
    @CsvSource({
            "busybox,                          docker.io/library/busybox:latest,  busybox:latest",
            "busybox:1.36,                     docker.io/library/busybox:1.36,    busybox:1.36",
            "me/app,                           docker.io/me/app:latest,           me/app:latest",
            "docker.io/library/nginx:alpine,   docker.io/library/nginx:alpine,    nginx:alpine",
            "index.docker.io/me/app:v1,        docker.io/me/app:v1,               me/app:v1",
            "127.0.0.1:5000/app,               127.0.0.1:5000/app:latest,         127.0.0.1:5000/app:latest",
            "localhost/team/app:2,             localhost/team/app:2,              localhost/team/app:2",
            "registry.example.com/a/b/c:x-1.2, registry.example.com/a/b/c:x-1.2,  registry.example.com/a/b/c:x-1.2",
    })
    void namesAsDockerReadsThem(String input, String full, String familiar) {
        ImageReference ref = ImageReference.parse(input);
        assertEquals(full, ref.toString());
        assertEquals(familiar, ref.familiarTagged());
    }

    @Test
    void digestsWithAndWithoutTag() {
        String hex = "a".repeat(64);
        ImageReference byDigest = ImageReference.parse("busybox@sha256:" + hex);
        assertNull(byDigest.tag(), "a digest alone means no tag");
        assertEquals(Digest.parse("sha256:" + hex), byDigest.digest());
        ImageReference both = ImageReference.parse("busybox:1@sha256:" + hex);
        assertEquals("1", both.tag());
        assertEquals("docker.io/library/busybox:1@sha256:" + hex, both.toString());
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "Busybox        | must be lowercase",
            "busybox:       | tag",
            "busybox:-x     | tag",
            "a//b           | path component",
            "busybox@sha256:xyz | invalid sha256 digest",
            "busybox@md5:abc    | unsupported digest algorithm",
            "'/busybox'     | path component",
    })
    void badNamesSayWhy(String input, String why) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> ImageReference.parse(input));
        assertTrue(e.getMessage().startsWith("invalid reference format"), e.getMessage());
        assertTrue(e.getMessage().contains(why), e.getMessage());
    }
}
