package dev.berth.engine.runtime.shim;

import java.io.IOException;
import java.io.InputStream;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;

/**
 * Where the berth-shim executable is: {@code -Dberth.shim=PATH} or {@code BERTH_SHIM} first, else
 * the resource {@code dev/berth/engine/runtime/berth-shim} — a file when running from
 * {@code target/classes}, extracted with {@link #extractTo} when running from the jar.
 */
public final class ShimBinary {

    public static final String RESOURCE = "/dev/berth/engine/runtime/berth-shim";

    private ShimBinary() {
    }

    /** The shim executable, extracting it into {@code extractDir} if it is inside a jar. */
    public static Path locate(Path extractDir) {
        String configured = System.getProperty("berth.shim", System.getenv("BERTH_SHIM"));
        if (configured != null && !configured.isBlank()) return checked(Path.of(configured), "berth.shim / BERTH_SHIM");
        URL url = ShimBinary.class.getResource(RESOURCE);
        if (url == null) {
            throw new ShimException("berth-shim is not among the engine's resources (" + RESOURCE
                    + "): build the engine with Maven (it compiles src/main/c with cc), or set BERTH_SHIM");
        }
        if (url.getProtocol().equals("file")) {
            try {
                return checked(Path.of(url.toURI()), "the engine's classes");
            } catch (URISyntaxException e) {
                throw new ShimException("bad resource URL " + url, e);
            }
        }
        return extractTo(extractDir);
    }

    /** Copies the shim out of the jar into {@code dir} (replacing an older copy atomically). */
    public static Path extractTo(Path dir) {
        Path target = dir.resolve("berth-shim");
        try (InputStream in = ShimBinary.class.getResourceAsStream(RESOURCE)) {
            if (in == null) throw new ShimException("berth-shim is missing from the engine jar (" + RESOURCE + ")");
            byte[] shim = in.readAllBytes();
            // the same shim already there is left alone: a file being exec'd is never rewritten
            if (Files.isExecutable(target) && java.util.Arrays.equals(Files.readAllBytes(target), shim)) return target;
            Files.createDirectories(dir);
            Path tmp = Files.createTempFile(dir, "berth-shim", ".tmp");
            Files.write(tmp, shim);
            Files.setPosixFilePermissions(tmp, PosixFilePermissions.fromString("rwxr-xr-x"));
            Files.move(tmp, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            return target;
        } catch (IOException e) {
            throw new ShimException("cannot extract berth-shim to " + target + ": " + e.getMessage(), e);
        }
    }

    private static Path checked(Path p, String from) {
        if (!Files.isExecutable(p)) throw new ShimException("berth-shim from " + from + " is not an executable file: " + p);
        return p;
    }
}
