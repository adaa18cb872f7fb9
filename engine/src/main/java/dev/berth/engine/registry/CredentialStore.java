package dev.berth.engine.registry;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Optional;
import java.util.Set;

/**
 * Registry credentials in a file shaped like Docker's {@code config.json}:
 * {@code {"auths": {"HOST": {"auth": "base64(user:password)"}}}}. The file is written with mode
 * 0600 and refused when group or others can read it, as it holds passwords in the clear.
 * Docker Hub is stored under Docker's key {@code https://index.docker.io/v1/}.
 */
public final class CredentialStore {

    static final String DOCKER_HUB_KEY = "https://index.docker.io/v1/";
    private static final Set<PosixFilePermission> OWNER_ONLY = PosixFilePermissions.fromString("rw-------");
    private static final ObjectMapper JSON = new ObjectMapper();

    private final Path file;

    public CredentialStore(Path file) {
        this.file = file;
    }

    public Path file() {
        return file;
    }

    /** The credentials saved for {@code registry} ({@code docker.io}, {@code 127.0.0.1:5000}, ...). */
    public synchronized Optional<Credentials> get(String registry) {
        JsonNode auth = read().path("auths").path(key(registry)).path("auth");
        if (!auth.isTextual()) return Optional.empty();
        try {
            return Optional.of(Credentials.fromBasicToken(auth.asText()));
        } catch (IllegalArgumentException e) {
            throw new CredentialStoreException("credentials file " + file + " has a broken entry for " + registry
                    + " (" + e.getMessage() + "); run berth logout " + registry + " and berth login " + registry, e);
        }
    }

    /** Saves (or replaces) the credentials for {@code registry}. */
    public synchronized void save(String registry, Credentials credentials) {
        ObjectNode root = read();
        ObjectNode auths = root.has("auths") && root.get("auths").isObject()
                ? (ObjectNode) root.get("auths") : root.putObject("auths");
        auths.putObject(key(registry)).put("auth", credentials.basicToken());
        write(root);
    }

    /** Forgets the credentials for {@code registry}; false when there were none. */
    public synchronized boolean remove(String registry) {
        ObjectNode root = read();
        JsonNode auths = root.get("auths");
        if (!(auths instanceof ObjectNode o) || o.remove(key(registry)) == null) return false;
        write(root);
        return true;
    }

    private static String key(String registry) {
        return registry.equals("docker.io") ? DOCKER_HUB_KEY : registry;
    }

    private ObjectNode read() {
        try {
            Set<PosixFilePermission> perms = Files.getPosixFilePermissions(file);
            if (perms.contains(PosixFilePermission.GROUP_READ) || perms.contains(PosixFilePermission.OTHERS_READ)) {
                throw new CredentialStoreException("credentials file " + file + " is readable by others (mode "
                        + PosixFilePermissions.toString(perms) + "); run chmod 600 " + file);
            }
            JsonNode node = JSON.readTree(file.toFile());
            if (node == null || node.isMissingNode()) return JSON.createObjectNode();
            if (!(node instanceof ObjectNode o)) {
                throw new CredentialStoreException("credentials file " + file + " is not a JSON object; fix or remove it");
            }
            return o;
        } catch (NoSuchFileException e) {
            return JSON.createObjectNode();
        } catch (CredentialStoreException e) {
            throw e;
        } catch (IOException e) {
            throw new CredentialStoreException("cannot read credentials file " + file + ": " + e.getMessage()
                    + "; fix or remove it", e);
        }
    }

    /** Writes a 0600 temporary file beside the target and moves it in, so no reader sees half a file. */
    private void write(ObjectNode root) {
        try {
            Path dir = file.toAbsolutePath().getParent();
            Files.createDirectories(dir);
            Path tmp = Files.createTempFile(dir, ".credentials-", ".tmp", PosixFilePermissions.asFileAttribute(OWNER_ONLY));
            try {
                JSON.writerWithDefaultPrettyPrinter().writeValue(tmp.toFile(), root);
                Files.setPosixFilePermissions(tmp, OWNER_ONLY);
                Files.move(tmp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            } finally {
                Files.deleteIfExists(tmp);
            }
        } catch (IOException e) {
            throw new CredentialStoreException("cannot write credentials file " + file + ": " + e.getMessage(), e);
        }
    }
}
