package dev.berth.engine.registry;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.berth.engine.image.ImageReference;
import dev.berth.engine.image.store.FileBlobStore;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Basic auth against the real registry with htpasswd; Bearer (Docker Hub's flow) through a token service in front of it. */
class RegistryAuthTest {

    @TempDir
    Path tmp;

    @Test
    void basicAuthWithGoodAndBadCredentials() throws Exception {
        try (LocalRegistry registry = LocalRegistry.start(tmp.resolve("registry"), "berth", "s3cret")) {
            FileBlobStore local = new FileBlobStore(tmp.resolve("local"));
            TestImage image = TestImage.create(local, TestImage.Format.OCI, true, 21, 20_000);
            ImageReference ref = ImageReference.parse(registry.address() + "/auth/basic:1");

            try (RegistryClient good = RegistryClient.builder(registry.address())
                    .credentials(new Credentials("berth", "s3cret")).build()) {
                AuthChallenge challenge = good.ping();
                assertNotNull(challenge);
                assertTrue(challenge.isBasic(), challenge.toString());
                assertEquals("berth-test", challenge.realm());
                assertDoesNotThrow(good::verifyCredentials);
                assertEquals(image.digest(), good.push(ref, image.manifest(), image.mediaType(), local));
                assertEquals(image.digest(), good.pull(ref, new FileBlobStore(tmp.resolve("pulled"))).manifest().digest());
            }

            try (RegistryClient bad = RegistryClient.builder(registry.address())
                    .credentials(new Credentials("berth", "wrong")).build()) {
                RegistryUnauthorizedException e = assertThrows(RegistryUnauthorizedException.class, bad::verifyCredentials);
                assertEquals("unauthorized: check the credentials for " + registry.address() + "; berth login "
                        + registry.address(), e.getMessage());
                FileBlobStore store = new FileBlobStore(tmp.resolve("bad"));
                assertThrows(RegistryUnauthorizedException.class, () -> bad.pull(ref, store));
                assertTrue(store.list().isEmpty());
            }

            try (RegistryClient anonymous = RegistryClient.builder(registry.address()).build()) {
                RegistryUnauthorizedException e = assertThrows(RegistryUnauthorizedException.class,
                        () -> anonymous.pull(ref, new FileBlobStore(tmp.resolve("anon"))));
                assertTrue(e.getMessage().contains("needs credentials") && e.getMessage().endsWith("berth login "
                        + registry.address()), e.getMessage());
            }
        }
    }

    @Test
    void bearerTokensPerScopeFromTheChallengesRealm() throws Exception {
        try (LocalRegistry registry = LocalRegistry.start(tmp.resolve("registry"));
             RegistryProxy proxy = new RegistryProxy(registry.address())) {
            proxy.requireBearer("hub", "pw");
            FileBlobStore local = new FileBlobStore(tmp.resolve("local"));
            TestImage image = TestImage.create(local, TestImage.Format.DOCKER, true, 22, 30_000, 30_000);
            ImageReference ref = ImageReference.parse(proxy.address() + "/auth/bearer:1");

            try (RegistryClient client = RegistryClient.builder(proxy.address())
                    .credentials(new Credentials("hub", "pw")).build()) {
                assertTrue(client.ping().isBearer());
                assertEquals("berth-test", client.ping().service());
                assertEquals(image.digest(), client.push(ref, image.manifest(), image.mediaType(), local));
                assertEquals(image.digest(), client.pull(ref, new FileBlobStore(tmp.resolve("pulled"))).manifest().digest());
                client.pull(ref, new FileBlobStore(tmp.resolve("pulled-again")));
            }
            List<String> requests = proxy.tokenRequests();
            assertEquals(List.of("service=berth-test&scope=repository%3Aauth%2Fbearer%3Apull%2Cpush",
                    "service=berth-test&scope=repository%3Aauth%2Fbearer%3Apull"), requests,
                    "one token per scope, cached across requests and pulls");
            assertTrue(proxy.seen().stream().filter(s -> s.path().contains("/blobs/") || s.path().contains("/manifests/"))
                    .allMatch(s -> s.authorization() == null || s.authorization().startsWith("Bearer ")));

            try (RegistryClient bad = RegistryClient.builder(proxy.address()).credentials(new Credentials("hub", "nope")).build()) {
                RegistryUnauthorizedException e = assertThrows(RegistryUnauthorizedException.class,
                        () -> bad.pull(ref, new FileBlobStore(tmp.resolve("bad"))));
                assertEquals("unauthorized: check the credentials for " + proxy.address() + "; berth login "
                        + proxy.address(), e.getMessage());
                assertThrows(RegistryUnauthorizedException.class, bad::verifyCredentials);
            }
        }
    }

    @Test
    void redirectsToStorageElsewhereDropTheToken() throws Exception {
        try (LocalRegistry registry = LocalRegistry.start(tmp.resolve("registry"));
             RegistryProxy front = new RegistryProxy(registry.address());
             RegistryProxy storage = new RegistryProxy(registry.address())) {
            FileBlobStore local = new FileBlobStore(tmp.resolve("local"));
            TestImage image = TestImage.create(local, TestImage.Format.OCI, true, 24, 10_000);
            try (RegistryClient direct = RegistryClient.builder(registry.address()).build()) {
                direct.push(ImageReference.parse(registry.address() + "/auth/redirect:1"), image.manifest(), image.mediaType(), local);
            }
            front.requireBearer(null, null);
            front.redirectBlobsTo(storage.address());
            try (RegistryClient client = RegistryClient.builder(front.address()).build()) {
                FileBlobStore fresh = new FileBlobStore(tmp.resolve("pulled"));
                client.pull(ImageReference.parse(front.address() + "/auth/redirect:1"), fresh);
                assertTrue(fresh.has(image.layers().getFirst().digest()));
            }
            List<RegistryProxy.Seen> atStorage = storage.seen();
            assertEquals(2, atStorage.size(), "config and layer fetched from storage: " + atStorage);
            assertTrue(atStorage.stream().allMatch(s -> s.authorization() == null), "no token sent to another host: " + atStorage);
            assertTrue(front.seen().stream().anyMatch(s -> s.path().contains("/blobs/") && s.authorization() != null));
        }
    }

    @Test
    void anonymousBearerTokenForPulls() throws Exception {
        try (LocalRegistry registry = LocalRegistry.start(tmp.resolve("registry"));
             RegistryProxy proxy = new RegistryProxy(registry.address())) {
            FileBlobStore local = new FileBlobStore(tmp.resolve("local"));
            TestImage image = TestImage.create(local, TestImage.Format.OCI, true, 23, 10_000);
            try (RegistryClient direct = RegistryClient.builder(registry.address()).build()) {
                direct.push(ImageReference.parse(registry.address() + "/auth/anon:1"), image.manifest(), image.mediaType(), local);
            }
            proxy.requireBearer(null, null); // the token service hands out tokens to anyone, like Docker Hub for public images
            try (RegistryClient client = RegistryClient.builder(proxy.address()).build()) {
                PulledImage pulled = client.pull(ImageReference.parse(proxy.address() + "/auth/anon:1"),
                        new FileBlobStore(tmp.resolve("pulled")));
                assertEquals(image.digest(), pulled.manifest().digest());
            }
            assertEquals(List.of("service=berth-test&scope=repository%3Aauth%2Fanon%3Apull"), proxy.tokenRequests());
        }
    }
}
