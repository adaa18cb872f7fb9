package dev.berth.engine.runtime.shim;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Optional;

/**
 * The shim's exit file: the container's exit code (128+N when signal N killed it, as Docker
 * reports it), the signal, when it ended, and the shim's message when it never started
 * (125 setup failed, 126 cannot execute, 127 not found). OOM kills are Java's to detect.
 */
public record ExitStatus(int exitCode, int signal, Instant finishedAt, Optional<String> error) {

    private static final ObjectMapper JSON = new ObjectMapper();

    /** Reads the exit file the shim wrote; empty if it does not exist (yet). */
    public static Optional<ExitStatus> read(Path exitFile) throws IOException {
        if (!Files.exists(exitFile)) return Optional.empty();
        JsonNode n = JSON.readTree(exitFile.toFile());
        if (n == null || !n.has("exitCode")) throw new IOException(exitFile + " is not a berth-shim exit file: " + n);
        return Optional.of(new ExitStatus(n.get("exitCode").asInt(), n.path("signal").asInt(),
                Instant.parse(n.get("finishedAt").asText()),
                n.hasNonNull("error") ? Optional.of(n.get("error").asText()) : Optional.empty()));
    }
}
