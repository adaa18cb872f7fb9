package dev.berth.engine.registry;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.sun.net.httpserver.HttpServer;
import dev.berth.engine.image.ImageReference;
import dev.berth.engine.image.store.FileBlobStore;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Reaching a registry: nothing listening, HTTPS to a plain-HTTP server, and what is not a registry. */
class RegistryReachTest {

    @TempDir
    Path tmp;

    @Test
    void aClosedPortIsUnreachableNamingHostAndPort() throws Exception {
        int port = LocalRegistry.freePort(); // free, so nothing listens there
        try (RegistryClient client = RegistryClient.builder("127.0.0.1:" + port).build()) {
            FileBlobStore store = new FileBlobStore(tmp.resolve("store"));
            RegistryUnreachableException e = assertThrows(RegistryUnreachableException.class,
                    () -> client.pull(ImageReference.parse("127.0.0.1:" + port + "/app:1"), store));
            assertTrue(e.getMessage().startsWith("cannot reach registry at 127.0.0.1:" + port + " (connection refused)"),
                    e.getMessage());
            assertTrue(e.getMessage().contains("is running"), e.getMessage());
            assertTrue(store.list().isEmpty());
        }
    }

    /** The real registry on 127.0.0.2, which (unlike 127.0.0.1) berth reaches over HTTPS unless told otherwise. */
    @Test
    void httpsToAPlainHttpRegistrySaysHowToAllowIt() throws Exception {
        try (LocalRegistry registry = LocalRegistry.start(tmp.resolve("registry"), "127.0.0.2", null, null)) {
            String address = registry.address();
            try (RegistryClient client = RegistryClient.builder(address).build()) {
                assertTrue(client.endpoint().secure());
                RegistryTlsException e = assertThrows(RegistryTlsException.class, client::ping);
                assertTrue(e.getMessage().startsWith("TLS handshake with registry " + address + " failed"), e.getMessage());
                assertTrue(e.getMessage().contains("--insecure-registry " + address), e.getMessage());
            }
            try (RegistryClient client = RegistryClient.builder(address).insecureRegistries(Set.of(address)).build()) {
                assertFalse(client.endpoint().secure());
                assertNull(client.ping(), "plain HTTP once allowed");
            }
        }
    }

    @Test
    void aServerThatIsNotARegistry() throws Exception {
        HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 10);
        server.createContext("/", ex -> {
            ex.sendResponseHeaders(404, -1);
            ex.close();
        });
        server.start();
        try (RegistryClient client = RegistryClient.builder("127.0.0.1:" + server.getAddress().getPort()).build()) {
            RegistryException e = assertThrows(RegistryException.class, client::ping);
            assertTrue(e.getMessage().contains("does not look like a registry"), e.getMessage());
        } finally {
            server.stop(0);
        }
    }

    @Test
    void anUnsupportedManifestMediaTypeIsNamed() throws Exception {
        // Docker's schema 1, which distribution 2.8 no longer stores: served by hand
        HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 10);
        server.createContext("/v2/", ex -> {
            byte[] body = ex.getRequestURI().getPath().equals("/v2/") ? "{}".getBytes(StandardCharsets.UTF_8)
                    : "{\"schemaVersion\":1,\"name\":\"old\",\"tag\":\"1\",\"fsLayers\":[]}".getBytes(StandardCharsets.UTF_8);
            if (!ex.getRequestURI().getPath().equals("/v2/")) {
                ex.getResponseHeaders().set("Content-Type", "application/vnd.docker.distribution.manifest.v1+prettyjws");
            }
            ex.sendResponseHeaders(200, body.length);
            ex.getResponseBody().write(body);
            ex.close();
        });
        server.start();
        String address = "127.0.0.1:" + server.getAddress().getPort();
        try (RegistryClient client = RegistryClient.builder(address).build()) {
            FileBlobStore store = new FileBlobStore(tmp.resolve("store"));
            UnsupportedMediaTypeException e = assertThrows(UnsupportedMediaTypeException.class,
                    () -> client.pull(ImageReference.parse(address + "/old:1"), store));
            assertTrue(e.getMessage().contains("\"application/vnd.docker.distribution.manifest.v1+json\""), e.getMessage());
            assertTrue(e.getMessage().contains("re-push"), e.getMessage());
            assertTrue(store.list().isEmpty());
        } finally {
            server.stop(0);
        }
    }

    @Test
    void endpointsFollowDockersDefaults() {
        assertEquals(new RegistryEndpoint("docker.io", "registry-1.docker.io", 443, true), RegistryEndpoint.of("docker.io", Set.of()));
        assertEquals(new RegistryEndpoint("localhost:5000", "localhost", 5000, false), RegistryEndpoint.of("localhost:5000", Set.of()));
        assertEquals(new RegistryEndpoint("[::1]:5000", "::1", 5000, false), RegistryEndpoint.of("[::1]:5000", Set.of()));
        assertEquals("http://[::1]:5000/v2/", RegistryEndpoint.of("[::1]:5000", Set.of()).base().toString());
        assertTrue(RegistryEndpoint.of("10.0.0.5:5000", Set.of()).secure(), "other hosts: HTTPS");
        assertTrue(RegistryEndpoint.of("127.0.0.2:5000", Set.of()).secure(), "only 127.0.0.1 of the loopback range");
        assertFalse(RegistryEndpoint.of("reg.example:5000", Set.of("reg.example:5000")).secure());
        assertFalse(RegistryEndpoint.of("reg.example", Set.of("reg.example")).secure());
        assertEquals(80, RegistryEndpoint.of("reg.example", Set.of("reg.example")).port());
        assertThrows(IllegalArgumentException.class, () -> RegistryEndpoint.of("host:port", Set.of()));
    }
}
