package dev.berth.engine.registry;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CredentialStoreTest {

    @TempDir
    Path tmp;

    @Test
    void loginWritesDockersShapeReadableByOwnerOnly() throws Exception {
        Path file = tmp.resolve("berth/config.json");
        CredentialStore store = new CredentialStore(file);
        assertEquals(Optional.empty(), store.get("127.0.0.1:5000"), "no file yet: no credentials");
        store.save("127.0.0.1:5000", new Credentials("me", "p:ss"));
        store.save("docker.io", new Credentials("hubber", "tok"));

        assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(file)));
        JsonNode json = new ObjectMapper().readTree(file.toFile());
        assertEquals("bWU6cDpzcw==", json.path("auths").path("127.0.0.1:5000").path("auth").asText(), "base64(me:p:ss)");
        assertTrue(json.path("auths").has("https://index.docker.io/v1/"), "Docker Hub under Docker's key");
        assertEquals(Optional.of(new Credentials("me", "p:ss")), store.get("127.0.0.1:5000"));
        assertEquals("hubber", store.get("docker.io").orElseThrow().username());

        assertTrue(store.remove("127.0.0.1:5000"));
        assertFalse(store.remove("127.0.0.1:5000"), "logout twice: nothing to remove");
        assertEquals(Optional.empty(), store.get("127.0.0.1:5000"));
        assertTrue(store.get("docker.io").isPresent(), "other registries stay");
        try (var files = Files.list(file.getParent())) {
            assertEquals(1, files.count(), "no temporary file left");
        }
    }

    @Test
    void aFileOthersCanReadIsRefused() throws Exception {
        Path file = tmp.resolve("config.json");
        Files.writeString(file, "{\"auths\":{\"h\":{\"auth\":\"dTpw\"}}}");
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-r--r--"));
        CredentialStore store = new CredentialStore(file);
        CredentialStoreException e = assertThrows(CredentialStoreException.class, () -> store.get("h"));
        assertEquals("credentials file " + file + " is readable by others (mode rw-r--r--); run chmod 600 " + file, e.getMessage());
        assertThrows(CredentialStoreException.class, () -> store.save("h", new Credentials("u", "p")));
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));
        assertEquals(Optional.of(new Credentials("u", "p")), store.get("h"));
    }

    @Test
    void credentialsNeverPrintTheirSecret() {
        assertEquals("Credentials[username=me, password=***]", new Credentials("me", "hunter2").toString());
    }
}
